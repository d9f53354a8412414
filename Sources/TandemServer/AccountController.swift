import Hummingbird
import TandemServerCore
import TandemWire

/// Signup, salt seed lookup, login, password change and email verification.
struct AccountController {
    let service: AccountService

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.post(APIPath.signup) { request, context in
            let signup = try SignupRequest(body: try await JSONBody.bytes(of: request))
            return try JSONBody.response(try await service.signup(signup, from: context.origin), status: .created)
        }
        router.get(APIPath.clientSaltSeed) { request, context in
            try JSONBody.response(try await service.clientSaltSeed(
                emailParameter: request.uri.queryParameters["email"].map(String.init), from: context.origin))
        }
        router.post(APIPath.authFull) { request, context in
            let login = try AuthRequest(body: try await JSONBody.bytes(of: request))
            return try JSONBody.response(try await service.logIn(login, from: context.origin))
        }
        router.post(APIPath.password) { request, context in
            let change = try PasswordChangeRequest(body: try await JSONBody.bytes(of: request))
            try await service.changePassword(change, from: context.origin)
            return try JSONBody.response(EmptyResponse())
        }
        router.get(APIPath.verify) { request, _ in
            try await service.verify(ticket: request.uri.queryParameters["verifyToken"].map(String.init))
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "Your account is verified. You can log in now.\n")))
        }
        router.post(APIPath.verifyResend) { request, _ in
            let resend = try ResendVerificationRequest(body: try await JSONBody.bytes(of: request))
            try await service.resendVerification(resend)
            return try JSONBody.response(EmptyResponse())
        }
    }
}
