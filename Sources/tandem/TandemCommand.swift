import ArgumentParser

@main
struct TandemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tandem",
        abstract: "Keep your preferences in sync across devices, end-to-end encrypted.",
        discussion: """
        Every subcommand acts on one profile (--profile, default "default"); two profiles on one machine behave as two \
        devices, and any number of tandem processes may use one profile at once. State lives in \
        $XDG_DATA_HOME/tandem/<profile>.sqlite (mode 0600); `register` and `login` (and the UI) create a profile, \
        other commands refuse one that does not exist.

        Results go to stdout; a failure is one sentence on stderr. Exit status: 0 done, 1 error, 3 conflicts wait \
        for `tandem conflicts resolve`.
        """,
        subcommands: [
            UICommand.self, DemoCommand.self, Register.self, Login.self, Logout.self, PasswordCommand.self, Status.self, Prefs.self,
            Pull.self, Push.self, SyncCommand.self, Conflicts.self, HistoryCommand.self, UndoCommand.self, RedoCommand.self,
            Watch.self, ConfigCommand.self, KeysCommand.self, DevicesCommand.self, AccountCommand.self, InviteCommand.self,
            JoinCommand.self,
        ],
        defaultSubcommand: UICommand.self)
}
