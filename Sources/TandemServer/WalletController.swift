import Hummingbird
import TandemServerCore
import TandemWire

/// Reading and compare-and-set writing of the account's wallet.
struct WalletController {
    let service: AccountService

    func addRoutes(to router: Router<TandemRequestContext>) {
        router.get(APIPath.wallet) { request, _ in
            WalletAnswer.response(try await service.walletAnswer(token: request.uri.queryParameters["token"].map(String.init)))
        }
        router.post(APIPath.wallet) { request, _ in
            let upload = try WalletUploadRequest(body: try await JSONBody.bytes(of: request))
            let notice = try await service.commitWallet(upload)
            // Answer first, then notify: the account's sockets hear of the write once the writer's answer is out.
            return try JSONBody.response(EmptyResponse()).announcing(notice)
        }
    }
}

extension Response {
    /// This answer, followed by `notice` once its body has been handed to the connection (or failed to be).
    func announcing(_ notice: WalletWriteNotice) -> Response {
        var response = self
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            do {
                try await body.write(writer)
            } catch {
                await notice.announce()
                throw error
            }
            await notice.announce()
        }
        return response
    }
}
