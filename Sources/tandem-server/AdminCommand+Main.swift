import ArgumentParser

extension TandemServerCommand {
    /// `tandem-server admin ...` goes straight to `AdminCommand`. Parsed as an ordinary subcommand, its `--database`
    /// would be taken by the server's own `--database` option (ArgumentParser lets a parent's options appear after a
    /// subcommand), so the admin command would silently use the default database.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == AdminCommand.configuration.commandName {
            await AdminCommand.main(Array(arguments.dropFirst()))
        } else {
            await main(arguments)
        }
    }
}
