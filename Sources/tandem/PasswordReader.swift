import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads passwords: from a prompt on the terminal without echo, or line by line from standard input.
enum PasswordReader {
    /// The next line of standard input (without its line break), for `--password-stdin`.
    static func line(_ what: String) throws -> String {
        guard let line = readLine(strippingNewline: true) else { throw CLIError("Standard input ended before the \(what) was read.") }
        return line
    }

    /// Prompts on the terminal with echo turned off, restoring the terminal afterwards even on error.
    static func prompt(_ prompt: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError("No terminal to ask for the password on; pass it with --password-stdin.")
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw CLIError("No password was entered.") }
        return line
    }

    /// One password, from stdin or a prompt.
    static func read(_ what: String, fromStandardInput: Bool) throws -> String {
        fromStandardInput ? try line(what) : try prompt("\(what.prefix(1).uppercased())\(what.dropFirst()): ")
    }
}
