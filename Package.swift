// swift-tools-version: 6.2
import PackageDescription

// Linux only: the terminal UI is built on ncursesw and Linux terminal behaviour, and that is the only platform the
// tests run on, so no Apple platform is declared.
let package = Package(
    name: "Tandem",
    products: [
        .executable(name: "tandem-server", targets: ["tandem-server"]),
        .executable(name: "tandem", targets: ["tandem"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "TandemWire"),
        .target(
            name: "TandemCrypto",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "TandemCore", dependencies: ["TandemWire", "TandemCrypto"]),
        .target(
            name: "TandemClient",
            dependencies: [
                "TandemCore",
                "TandemWire",
                "TandemCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
        .target(
            name: "TandemServerCore",
            dependencies: [
                "TandemWire",
                "TandemCrypto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TandemStoreSQLite",
            dependencies: [
                "TandemServerCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "TandemStorePostgres",
            dependencies: [
                "TandemServerCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TandemServer",
            dependencies: [
                "TandemServerCore",
                "TandemStoreSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TandemTUI", dependencies: ["TandemCore"]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "TandemTerminal", dependencies: ["TandemTUI", "CNcurses"]),
        .executableTarget(
            name: "tandem-server",
            dependencies: [
                "TandemServer",
                "TandemStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tandem",
            dependencies: [
                "TandemCore",
                "TandemClient",
                "TandemTUI",
                "TandemTerminal",
                "TandemServer",
                "TandemServerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TandemFuzz", path: "Benchmarks/TandemFuzz"),
        .executableTarget(
            name: "tandem-bench",
            dependencies: [
                "TandemFuzz",
                "TandemCore",
                "TandemClient",
                "TandemCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Benchmarks/tandem-bench"
        ),
        .executableTarget(
            name: "tandem-ui-bench",
            dependencies: ["TandemCore", "TandemClient", "TandemCrypto", "TandemTUI", "TandemTerminal"],
            path: "Benchmarks/tandem-ui-bench"
        ),
        .testTarget(name: "TandemWireTests", dependencies: ["TandemWire"]),
        .testTarget(name: "TandemCryptoTests", dependencies: ["TandemCrypto"]),
        .testTarget(name: "TandemCoreTests", dependencies: ["TandemCore"]),
        .testTarget(name: "TandemTUITests", dependencies: ["TandemTUI", "TandemCore"], exclude: ["Snapshots"]),
        .testTarget(
            name: "TandemStoreTests",
            dependencies: ["TandemServerCore", "TandemStoreSQLite", "TandemStorePostgres"]
        ),
        .testTarget(
            name: "TandemServerTests",
            dependencies: [
                "TandemServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
        .testTarget(
            name: "TandemClientTests",
            dependencies: [
                "TandemClient",
                "TandemServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "tandem-server",
                "TandemFuzz",
                "tandem",
                "TandemWire",
                "TandemCore",
                "TandemCrypto",
                "TandemClient",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
