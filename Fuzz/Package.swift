// swift-tools-version:6.0
// The libFuzzer target for rtkql's SQL front end (lexer, parser, splitter, templates), kept in its own
// package so the main build never needs the fuzzer runtime. Build and run:
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/rtkql-fuzz -max_total_time=600 Corpus
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "rtkql-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "rtkql-fuzz", dependencies: [.product(name: "RTKQLSyntax", package: rootIdentity)]),
    ],
    swiftLanguageModes: [.v6]
)
