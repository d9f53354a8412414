import Hummingbird
import TandemServerCore
import TandemWire

/// The Tandem extensions for devices and account deletion; LBRY clients never call them.
struct DeviceController {
    let service: AccountService

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.get(APIPath.devices) { request, _ in
            try JSONBody.response(try await service.devices(token: request.uri.queryParameters["token"].map(String.init)))
        }
        router.post(APIPath.revokeDevice) { request, _ in
            try await service.revokeDevice(try DeviceRevocationRequest(body: try await JSONBody.bytes(of: request)))
            return try JSONBody.response(EmptyResponse())
        }
        router.post(APIPath.logout) { request, _ in
            try await service.logOut(try LogoutRequest(body: try await JSONBody.bytes(of: request)))
            return try JSONBody.response(EmptyResponse())
        }
        router.post(APIPath.deleteAccount) { request, context in
            try await service.deleteAccount(try AccountDeletionRequest(body: try await JSONBody.bytes(of: request)),
                                            from: context.origin)
            return try JSONBody.response(EmptyResponse())
        }
    }
}
