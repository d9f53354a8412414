import Foundation
import GRDB

/// Why a database cannot serve: named by path, in one line.
public struct DatabaseOpeningProblem: Error, CustomStringConvertible {
    public let description: String
}

extension SQLiteAccountStore {
    /// Creates an empty file with mode 0600 unless one exists, whatever the process's umask.
    static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw DatabaseOpeningProblem(description: "cannot create database \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes the header field `user_version` with its own value: a read-only file, directory or mount fails here.
    static func checkWritable(_ pool: DatabasePool, path: String) throws {
        do {
            try pool.barrierWriteWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch {
            throw DatabaseOpeningProblem(description: "database \(path) is not writable: \((error as? DatabaseError)?.message ?? "\(error)")")
        }
    }
}
