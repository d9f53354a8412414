import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP against a server process, as an outside client would talk to it.
struct HTTPClient {
    let baseURL: String

    struct Reply {
        let status: Int
        let json: [String: Any]
    }

    func get(_ path: String) async throws -> Reply {
        try await send(URLRequest(url: URL(string: baseURL + path)!))
    }

    func post(_ path: String, _ body: [String: Any]) async throws -> Reply {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Reply {
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, json: json)
    }
}
