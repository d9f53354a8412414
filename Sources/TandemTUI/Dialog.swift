/// A small form over the panes: server URL, register, log in, new password, change password, add a preference.
public struct Dialog: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case server
        case register
        case logIn
        /// The password changed on another device; this one must derive its keys again.
        case reenterPassword
        case changePassword
        case addPreference
        /// Naming one of the account's devices (`n` in the Devices view).
        case renameDevice(id: String)
    }

    /// One labelled input.
    public struct Field: Hashable, Sendable {
        public var label: String
        public var input: TextField

        public init(_ label: String, _ input: TextField) {
            self.label = label
            self.input = input
        }
    }

    public var kind: Kind
    public var device: Int
    public var title: String
    /// Plain words above the fields (what this is for, which server).
    public var note: String?
    public var fields: [Field]
    public var focused = 0
    /// Why the last attempt failed, in one sentence.
    public var error: String?
    /// Waiting for the engine (key derivation, the server); progress comes from the device's snapshot.
    public var busy = false

    public init(kind: Kind, device: Int, title: String, note: String? = nil, fields: [Field]) {
        self.kind = kind
        self.device = device
        self.title = title
        self.note = note
        self.fields = fields
    }

    /// The text of field `index`.
    public func value(_ index: Int) -> String { fields[index].input.text }

    /// Forgets every secret field (after it was handed to the engine, or when the dialog fails).
    mutating func clearSecrets() {
        for index in fields.indices where fields[index].input.secret { fields[index].input.clear() }
    }
}

extension Dialog {
    static func server(device: Int, current: String) -> Dialog {
        Dialog(kind: .server, device: device, title: "Server",
               note: "The sync server this device uses. Then press n to create an account or i to log in.",
               fields: [Field("URL", TextField(current))])
    }

    static func register(device: Int, server: String, email: String? = nil) -> Dialog {
        var dialog = Dialog(kind: .register, device: device, title: "Create an account", note: "Server \(server) (Esc, then S changes it)",
                            fields: [Field("Email", TextField(email ?? "")), Field("Password", TextField(secret: true)),
                                     Field("Repeat", TextField(secret: true))])
        if email != nil { dialog.focused = 1 }
        return dialog
    }

    static func logIn(device: Int, server: String, email: String?) -> Dialog {
        var dialog = Dialog(kind: .logIn, device: device, title: "Log in", note: "Server \(server) (Esc, then S changes it)",
                            fields: [Field("Email", TextField(email ?? "")), Field("Password", TextField(secret: true))])
        if email != nil { dialog.focused = 1 }
        return dialog
    }

    static func reenterPassword(device: Int, email: String) -> Dialog {
        Dialog(kind: .reenterPassword, device: device, title: "New password needed",
               note: "The password of \(email) was changed on another device. Enter the new one to keep syncing.",
               fields: [Field("Password", TextField(secret: true))])
    }

    static func changePassword(device: Int) -> Dialog {
        Dialog(kind: .changePassword, device: device, title: "Change password",
               note: "Every other device will ask for the new password.",
               fields: [Field("Current", TextField(secret: true)), Field("New", TextField(secret: true)), Field("Repeat", TextField(secret: true))])
    }

    static func addPreference(device: Int) -> Dialog {
        Dialog(kind: .addPreference, device: device, title: "Add a preference",
               fields: [Field("Key", TextField()), Field("Value", TextField())])
    }
}
