// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "rtkql",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RTKQL", targets: ["RTKQL"]),
        .library(name: "RTKQLSandbox", targets: ["RTKQLSandbox"]),
        .library(name: "RTKQLSyntax", targets: ["RTKQLSyntax"]),
        .executable(name: "rtkql", targets: ["rtkql"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // C access: libsqlite3 as a system library, small C shims for the variadic C APIs.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CSQLiteShims", dependencies: ["CSQLite"],
                linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")]),
        .target(name: "CCurl",
                linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "CAllocatorTuning"),

        // Layers, one module each; data flows one way.
        .target(name: "RTKQLJSON", swiftSettings: strictSettings),
        .target(name: "RTKQLSyntax", dependencies: ["RTKQLJSON"], swiftSettings: strictSettings),
        .target(name: "RTKQLProvider", resources: [.copy("Resources/providers")],
                swiftSettings: strictSettings),
        // The provider-data generator (`make provider`): spec/realtime_kit.yaml + spec/rtkql-overlay.yaml →
        // the bundled cloudflare.json and docs/resources.md.
        .target(name: "RTKQLProviderGen",
                dependencies: ["RTKQLProvider", .product(name: "Yams", package: "Yams")],
                swiftSettings: strictSettings),
        .executableTarget(name: "rtkql-provider-gen", dependencies: ["RTKQLProviderGen"], swiftSettings: strictSettings),
        .target(name: "RTKQLStorage", dependencies: ["CSQLite", "CSQLiteShims"],
                swiftSettings: strictSettings),
        .target(name: "RTKQLTransport", dependencies: ["CCurl"], swiftSettings: strictSettings),
        .target(name: "RTKQLPlanning", dependencies: ["RTKQLSyntax", "RTKQLProvider", "RTKQLJSON"],
                swiftSettings: strictSettings),
        .target(name: "RTKQL",
                dependencies: ["CSQLite", "RTKQLJSON", "RTKQLSyntax", "RTKQLProvider", "RTKQLStorage", "RTKQLTransport", "RTKQLPlanning"],
                swiftSettings: strictSettings),
        // Starting and stopping a Hummingbird application (the sandbox, `rtkql mcp --http`).
        .target(name: "RTKQLHTTPServing",
                dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
                swiftSettings: strictSettings),
        .target(name: "RTKQLSandbox",
                dependencies: ["RTKQLStorage", "RTKQLJSON", "RTKQLHTTPServing", .product(name: "Hummingbird", package: "hummingbird")],
                swiftSettings: strictSettings),
        // The PostgreSQL wire-protocol server (`rtkql serve`): one Session per connection.
        .target(name: "RTKQLServer",
                dependencies: ["RTKQL", "RTKQLStorage", "RTKQLProvider",
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOPosix", package: "swift-nio"),
                               .product(name: "NIOSSL", package: "swift-nio-ssl"),
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "_CryptoExtras", package: "swift-crypto")],
                swiftSettings: strictSettings),
        // The Model Context Protocol server (`rtkql mcp`): tools and resources for AI agents, one Session per client.
        .target(name: "RTKQLMCP",
                dependencies: ["RTKQL", "RTKQLProvider", "RTKQLSyntax", "RTKQLHTTPServing",
                               .product(name: "MCP", package: "swift-sdk"),
                               .product(name: "Hummingbird", package: "hummingbird")],
                swiftSettings: strictSettings),
        .executableTarget(name: "rtkql",
                          dependencies: ["RTKQL", "RTKQLSandbox", "RTKQLServer", "RTKQLMCP", .product(name: "NIOSSL", package: "swift-nio-ssl"), "CEditLine", "CAllocatorTuning", .product(name: "Yams", package: "Yams"),
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strictSettings),

        .executableTarget(name: "rtkql-embedding-example", dependencies: ["RTKQL", "RTKQLSandbox"],
                          path: "examples/embedding", swiftSettings: strictSettings),

        .executableTarget(name: "rtkql-benchmarks",
                          dependencies: ["RTKQL", "RTKQLSandbox", "RTKQLSyntax", "RTKQLProvider", "RTKQLStorage", "RTKQLTransport"],
                          path: "Benchmarks/rtkql-benchmarks", swiftSettings: strictSettings),
        .executableTarget(name: "rtkql-release-smoke", dependencies: ["RTKQL", "RTKQLSandbox"],
                          path: "Benchmarks/rtkql-release-smoke", swiftSettings: strictSettings),
        .executableTarget(name: "rtkql-soak", dependencies: ["RTKQL", "RTKQLSandbox"],
                          path: "Benchmarks/rtkql-soak", swiftSettings: strictSettings),

        .testTarget(name: "RTKQLSyntaxTests", dependencies: ["RTKQLSyntax", "RTKQLStorage"], swiftSettings: strictSettings),
        .testTarget(name: "RTKQLProviderGenTests", dependencies: ["RTKQLProviderGen", "RTKQLProvider"],
                    swiftSettings: strictSettings),
        .testTarget(name: "RTKQLStorageTests", dependencies: ["RTKQLStorage"], swiftSettings: strictSettings),
        .testTarget(name: "RTKQLSandboxTests",
                    dependencies: ["RTKQLSandbox", "RTKQLTransport", "RTKQLStorage", "RTKQLJSON", .product(name: "Yams", package: "Yams"),
                                   .product(name: "Hummingbird", package: "hummingbird"),
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: strictSettings),
        .testTarget(name: "RTKQLServerTests",
                    dependencies: ["RTKQLServer", "RTKQL", "RTKQLSandbox", "RTKQLStorage",
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "NIOPosix", package: "swift-nio"),
                                   .product(name: "NIOSSL", package: "swift-nio-ssl")],
                    swiftSettings: strictSettings),
        .testTarget(name: "RTKQLMCPTests",
                    dependencies: ["RTKQLMCP", "RTKQL", "RTKQLSandbox", .product(name: "MCP", package: "swift-sdk")],
                    swiftSettings: strictSettings),
        .testTarget(name: "RTKQLTests",
                    dependencies: ["RTKQL", "RTKQLSandbox", "RTKQLPlanning", "RTKQLSyntax", "RTKQLProvider", "RTKQLStorage"],
                    swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
