import TandemWire

/// Device names, kept in the encrypted wallet as `"devices": {"<deviceId>": {"name": "laptop"}}`: the server never
/// sees them. Other members of a device's object, other devices and other fields are kept as they are.
extension WalletDocument {
    /// The `devices` field's names by device id (entries without a string `name` are left out).
    public var deviceNames: [String: String] {
        guard case .object(let devices)? = unknownFields["devices"] else { return [:] }
        var names: [String: String] = [:]
        for (id, value) in devices {
            guard case .object(let members) = value,
                  case .string(let name)? = members.first(where: { $0.0.utf8.elementsEqual("name".utf8) })?.1 else { continue }
            names[id] = name
        }
        return names
    }

    /// Sets (or, with nil, removes) the name of device `id`; a device object left empty is removed.
    public mutating func setDeviceName(_ name: String?, for id: String) {
        var devices: [(String, JSONValue)] = []
        if case .object(let existing)? = unknownFields["devices"] { devices = existing }
        let index = devices.firstIndex { $0.0.utf8.elementsEqual(id.utf8) }
        var members: [(String, JSONValue)] = []
        if let index, case .object(let existing) = devices[index].1 { members = existing }
        members.removeAll { $0.0.utf8.elementsEqual("name".utf8) }
        if let name { members.append(("name", .string(name))) }
        switch (index, members.isEmpty) {
        case (let index?, true): devices.remove(at: index)
        case (let index?, false): devices[index].1 = .object(members)
        case (nil, true): break
        case (nil, false): devices.append((id, .object(members)))
        }
        unknownFields["devices"] = devices.isEmpty && unknownFields["devices"] == nil ? nil : .object(devices)
    }
}
