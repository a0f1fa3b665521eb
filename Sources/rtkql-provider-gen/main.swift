import Foundation
import RTKQLProviderGen

// rtkql-provider-gen [SPEC OVERLAY JSON_OUT DOCS_OUT]: regenerates the bundled provider data and
// docs/resources.md (defaults: the repository's paths, relative to the working directory).
let arguments = Array(CommandLine.arguments.dropFirst())
let paths = arguments.count == 4 ? arguments : [
    "spec/realtime_kit.yaml", "spec/rtkql-overlay.yaml",
    "Sources/RTKQLProvider/Resources/providers/cloudflare.json", "docs/resources.md",
]
do {
    let output = try ProviderGenerator.generate(spec: URL(fileURLWithPath: paths[0]), overlay: URL(fileURLWithPath: paths[1]))
    try output.json.write(toFile: paths[2], atomically: true, encoding: .utf8)
    try output.markdown.write(toFile: paths[3], atomically: true, encoding: .utf8)
    let resources = output.provider.services.flatMap(\.resources)
    print("wrote \(paths[2]) and \(paths[3]): \(resources.count) resources, \(resources.map(\.methods.count).reduce(0, +)) methods")
} catch {
    FileHandle.standardError.write(Data("rtkql-provider-gen: \(error)\n".utf8))
    exit(1)
}
