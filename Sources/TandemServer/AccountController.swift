import Hummingbird
import HummingbirdWebSocket
import TandemServerCore
import TandemWire

/// Signup, salt seed lookup, login, password change and email verification.
struct AccountController {
    let service: AccountService

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.post(APIPath.signup) { request, _ in
            let signup = try SignupRequest(body: try await JSONBody.bytes(of: request))
            return try JSONBody.response(try await service.signup(signup), status: .created)
        }
        router.get(APIPath.clientSaltSeed) { request, _ in
            try JSONBody.response(try await service.clientSaltSeed(emailParameter: request.uri.queryParameters["email"].map(String.init)))
        }
        router.post(APIPath.authFull) { request, _ in
            let login = try AuthRequest(body: try await JSONBody.bytes(of: request))
            return try JSONBody.response(try await service.logIn(login))
        }
        router.post(APIPath.password) { request, _ in
            let change = try PasswordChangeRequest(body: try await JSONBody.bytes(of: request))
            try await service.changePassword(change)
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
