import Hummingbird
import HummingbirdWebSocket
import TandemServerCore
import TandemWire

/// Reading and compare-and-set writing of the account's wallet.
struct WalletController {
    let service: AccountService

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.get(APIPath.wallet) { request, _ in
            try JSONBody.response(try await service.wallet(token: request.uri.queryParameters["token"].map(String.init)))
        }
        router.post(APIPath.wallet) { request, _ in
            let upload = try WalletUploadRequest(body: try await JSONBody.bytes(of: request))
            try await service.uploadWallet(upload)
            return try JSONBody.response(EmptyResponse())
        }
    }
}
