import Foundation
import MCP
import RTKQL
import RTKQLProvider
import Testing
@testable import RTKQLMCP

/// The MCP resources: the catalogue as JSON and the dialect document.
@Suite struct ResourceTests {
    @Test func listsTheCatalogueAndTheDialect() {
        #expect(MCPResources.list.map(\.uri) == ["rtkql://catalog", "rtkql://docs/sql-dialect"])
        #expect(MCPResources.list.map(\.mimeType) == ["application/json", "text/markdown"])
    }

    @Test func catalogueDescribesEveryResource() throws {
        let content = try #require(MCPResources.read("rtkql://catalog", registry: .bundled))
        #expect(content.mimeType == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data((content.text ?? "").utf8)) as? [String: Any])
        let providers = try #require(object["providers"] as? [[String: Any]])
        #expect(providers.map { $0["name"] as? String } == ProviderRegistry.bundled.providers.map(\.name))
        let resources = providers.flatMap { ($0["services"] as? [[String: Any]] ?? []).flatMap { $0["resources"] as? [[String: Any]] ?? [] } }
        #expect(resources.map { $0["id"] as? String } == ProviderRegistry.bundled.allResources.map(\.fullName))
        let recordings = try #require(resources.first { $0["id"] as? String == "cloudflare.realtime_kit.recordings" })
        let fields = recordings["fields"] as? [[String: Any]] ?? []
        #expect(fields.count == 14)
        #expect(fields.first?["name"] as? String == "id")
        let methods = recordings["methods"] as? [[String: Any]] ?? []
        let list = try #require(methods.first { $0["name"] as? String == "list" })
        #expect(list["sql_verb"] as? String == "SELECT")
        #expect(list["required_parameters"] as? [String] == ["account_id", "app_id"])
    }

    @Test func dialectIsTheDocumentAndUnknownURIsAreNil() {
        #expect(MCPResources.read("rtkql://docs/sql-dialect", registry: .bundled)?.text == DialectDocument.text)
        #expect(MCPResources.read("rtkql://nope", registry: .bundled) == nil)
    }
}
