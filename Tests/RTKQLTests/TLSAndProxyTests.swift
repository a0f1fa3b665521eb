import Foundation
import Testing

/// TLS verification and proxy settings, against a local HTTPS server with a self-signed certificate.
@Suite(.serialized) struct TLSAndProxyTests {
    /// Starts `python3` serving one empty listing page over HTTPS with a fresh self-signed certificate.
    func startHTTPSServer() throws -> (Process, Int, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try SelfSignedCertificate.create(in: directory)
        let script = """
            import http.server, ssl, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b'{"success":true,"data":[],"paging":{"total_count":0,"start_offset":1,"end_offset":0}}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain("cert.pem", "key.pem")
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        python.currentDirectoryURL = directory
        let output = Pipe()
        python.standardOutput = output
        python.standardError = Pipe()
        try python.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return (python, port, directory)
    }

    let query = "SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"

    @Test func certificatesAreVerifiedUnlessInsecure() async throws {
        let (server, port, directory) = try startHTTPSServer()
        defer {
            server.terminate()
            try? FileManager.default.removeItem(at: directory)
        }
        try #require(port > 0)
        let base = "https://127.0.0.1:\(port)/client/v4"
        let verified = try await CLI.run(["exec", "--retries", "0", "--api-base-url", base, "-o", "csv", query],
                                   environment: ["CLOUDFLARE_API_TOKEN": "t"])
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("request failed: GET \(base)/accounts/a/realtime/kit/b/recordings?page_no=1&per_page=100: "))
        #expect(verified.stderr.lowercased().contains("certificate"))
        let insecure = try await CLI.run(["exec", "--insecure", "--api-base-url", base, "-o", "csv", query],
                                   environment: ["CLOUDFLARE_API_TOKEN": "t"])
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(insecure.stdout == "count(*)\r\n0\r\n")
        #expect(insecure.stderr.hasPrefix("warning: --insecure: TLS certificates are not verified"))
    }

    @Test func theStandardProxyVariablesAreHonoured() async throws {
        let base = "https://api.example.invalid/client/v4"
        let direct = try await CLI.run(["exec", "--retries", "0", "--api-base-url", base, query],
                                 environment: ["CLOUDFLARE_API_TOKEN": "t", "HTTPS_PROXY": "", "https_proxy": ""])
        #expect(direct.stderr.contains("resolve"), "\(direct.stderr)")
        let proxied = try await CLI.run(["exec", "--retries", "0", "--api-base-url", base, query],
                                  environment: ["CLOUDFLARE_API_TOKEN": "t", "HTTPS_PROXY": "http://127.0.0.1:1", "https_proxy": "http://127.0.0.1:1"])
        #expect(proxied.status == 1)
        #expect(proxied.stderr.contains("127.0.0.1"), "\(proxied.stderr)")
        let bypassed = try await CLI.run(["exec", "--retries", "0", "--api-base-url", base, query],
                                   environment: ["CLOUDFLARE_API_TOKEN": "t", "HTTPS_PROXY": "http://127.0.0.1:1",
                                                 "https_proxy": "http://127.0.0.1:1", "NO_PROXY": "example.invalid", "no_proxy": "example.invalid"])
        #expect(bypassed.stderr.contains("resolve"), "\(bypassed.stderr)")
    }
}
