import Foundation
import HummingbirdTesting
import Testing
@testable import TandemServer

/// `openapi.yaml` is what client authors and fuzzing tools read: its paths, methods and status codes must be the
/// router's, not a description that drifted from it.
@Suite struct OpenAPIConformanceTests {
    /// The operations of the spec: path → method (upper-case) → documented status codes.
    static let spec: [String: [String: Set<Int>]] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
        return OpenAPIOperations.parse((try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    @Test func theSpecAndTheRouterKnowTheSamePathsAndMethods() {
        #expect(!Self.spec.isEmpty, "openapi.yaml has operations")
        let documented = Self.spec.mapValues { Set($0.keys) }
        let routed = APIPath.allowedMethods.mapValues { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        #expect(documented == routed)
    }

    /// Every path answers an undocumented method with 405 and exactly the documented methods in `Allow`.
    @Test func anUndocumentedMethodIs405WithTheDocumentedAllow() async throws {
        try await ServerHarness().test { client async throws in
            for (path, operations) in Self.spec {
                let response = try await client.call(.patch, path)
                #expect(response.status == 405, "PATCH \(path)")
                let allowed = Set((response.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allowed == Set(operations.keys), "Allow of \(path)")
            }
        }
    }

    /// Requests a client gets wrong in the usual ways are answered with a status the spec documents for that
    /// operation, with the JSON error body.
    @Test func usualMistakesGetADocumentedStatus() async throws {
        try await ServerHarness().test { client async throws in
            for (path, operations) in Self.spec where path.hasPrefix("/api/") {
                for (method, statuses) in operations {
                    let attempts: [String?] = method == "POST" ? ["{", "{}", #"{"surprise":1}"#, "null", "[]"] : [nil]
                    for body in attempts {
                        let response = try await client.call(.init(method)!, path, body: body)
                        #expect(statuses.contains(response.status),
                                "\(method) \(path) with \(body ?? "no query") answered \(response.status), documented: \(statuses.sorted())")
                        #expect(response.error != nil, "\(method) \(path) answers a JSON error body")
                    }
                }
            }
        }
    }

    @Test func everyOperationDocumentsItsRefusals() {
        for (path, operations) in Self.spec where path.hasPrefix("/api/") {
            for (method, statuses) in operations {
                #expect(statuses.contains(400), "\(method) \(path) documents 400")
                #expect(statuses.contains(500), "\(method) \(path) documents 500")
            }
        }
    }
}

/// Reads the operations out of an OpenAPI 3 document in the layout of `openapi.yaml` (two-space indentation: paths at
/// two spaces, methods at four, status codes at eight). Deliberately small: the file is ours and a test keeps it so.
enum OpenAPIOperations {
    static func parse(_ text: String) -> [String: [String: Set<Int>]] {
        var operations: [String: [String: Set<Int>]] = [:]
        var inPaths = false
        var path: String?
        var method: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }  // the next top-level section
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
                method = nil
                operations[path!, default: [:]] = [:]
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                      ["get", "post", "put", "delete", "patch"].contains(line.trimmingCharacters(in: .whitespaces).dropLast()) {
                method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if let path, let method { operations[path]?[method] = [] }
            } else if line.hasPrefix("        '"), !line.hasPrefix("         "), let path, let method,
                      let status = Int(line.trimmingCharacters(in: .whitespaces).dropFirst().prefix(3)) {
                operations[path]?[method]?.insert(status)
            }
        }
        return operations
    }
}
