extension MergeResult {
    /// One side of a merge, for resolving every conflict the same way at once.
    public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
        /// This device.
        case local
        /// The server.
        case remote

        /// The resolution that picks this side.
        public var resolution: Resolution {
            switch self {
            case .local: .keepLocal
            case .remote: .takeRemote
            }
        }
    }
}
