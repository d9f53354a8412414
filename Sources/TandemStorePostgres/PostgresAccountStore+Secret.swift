import Foundation
import PostgresNIO
import TandemServerCore

extension PostgresAccountStore: ServerSecretStoring {
    // The table is made on first use rather than by a migration: only servers with --hide-accounts need it. Of
    // instances racing to insert, the first wins and all read its secret.
    public func serverSecret() async throws -> [UInt8] {
        _ = try await rows("CREATE TABLE IF NOT EXISTS server_secret (id INT PRIMARY KEY CHECK (id = 1), secret BYTEA NOT NULL)")
        var fresh = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in fresh.indices { fresh[index] = generator.next() }
        let candidate = ByteBuffer(bytes: fresh)
        _ = try await rows("INSERT INTO server_secret (id, secret) VALUES (1, \(candidate)) ON CONFLICT (id) DO NOTHING")
        guard let row = try await rows("SELECT secret FROM server_secret WHERE id = 1").first else { return fresh }
        var stored = try row.decode(ByteBuffer.self)
        return stored.readBytes(length: stored.readableBytes) ?? fresh
    }
}
