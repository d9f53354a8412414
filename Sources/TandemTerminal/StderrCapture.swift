import Foundation

/// Keeps whatever is written to stderr while the UI owns the screen (library warnings would tear the frame) and
/// replays it once the terminal is restored.
final class StderrCapture {
    private(set) var savedDescriptor: Int32 = -1
    private var path: String?

    func begin() {
        guard savedDescriptor < 0 else { return }
        let path = NSTemporaryDirectory() + "tandem-ui-\(getpid()).stderr"
        let file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else { return }
        savedDescriptor = dup(STDERR_FILENO)
        dup2(file, STDERR_FILENO)
        close(file)
        self.path = path
    }

    func end() {
        guard savedDescriptor >= 0 else { return }
        dup2(savedDescriptor, STDERR_FILENO)
        close(savedDescriptor)
        savedDescriptor = -1
        if let path, let data = FileManager.default.contents(atPath: path), !data.isEmpty {
            FileHandle.standardError.write(data)
        }
        if let path { unlink(path) }
        path = nil
    }
}
