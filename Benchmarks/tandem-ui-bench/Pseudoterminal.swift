import Foundation

/// A pseudo-terminal pair, so `tandem` believes it runs in a terminal; its output is read and thrown away.
final class Pseudoterminal {
    let primary: Int32
    let secondary: Int32
    private var drain: Thread?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// posix_openpt and friends hide behind _XOPEN_SOURCE in the C headers Swift imports, so they are looked up at
    /// run time instead.
    private static func function<T>(_ name: String, as type: T.Type) -> T? {
        guard let symbol = dlsym(nil, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    init() throws {
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let open = Self.function("posix_openpt", as: Open.self), let grant = Self.function("grantpt", as: Open.self),
              let unlock = Self.function("unlockpt", as: Open.self), let ptsname = Self.function("ptsname", as: Name.self) else {
            throw Failure(description: "this C library has no pseudo-terminals")
        }
        primary = open(O_RDWR | O_NOCTTY)
        guard primary >= 0, grant(primary) == 0, unlock(primary) == 0, let name = ptsname(primary) else {
            throw Failure(description: "cannot open a pseudo-terminal")
        }
        secondary = Glibc.open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { throw Failure(description: "cannot open \(String(cString: name))") }
        let descriptor = primary
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while read(descriptor, &buffer, buffer.count) > 0 {}
        }
        thread.start()
        drain = thread
    }

    var handle: FileHandle { FileHandle(fileDescriptor: secondary, closeOnDealloc: false) }

    deinit {
        close(secondary)
        close(primary)
    }
}
