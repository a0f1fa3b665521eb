import Foundation
import Testing
@testable import RTKQLMCP

/// The dialect document the binary serves is docs/sql-dialect.md as it is now.
@Suite struct DialectDocumentTests {
    @Test func embeddedCopyMatchesTheDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/sql-dialect.md"), encoding: .utf8)
        #expect(DialectDocument.text == document,
                "Sources/RTKQLMCP/Resources/DialectDocument.swift is stale: run make mcp-docs")
    }
}
