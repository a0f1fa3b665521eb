import Foundation

/// A fresh self-signed certificate for `localhost`, for the tests' local HTTPS servers.
enum SelfSignedCertificate {
    /// Writes `key.pem` and `cert.pem` (valid one day) into `directory` with `openssl`.
    static func create(in directory: URL) throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                             "-days", "1", "-subj", "/CN=localhost"]
        openssl.currentDirectoryURL = directory
        openssl.standardOutput = Pipe()
        openssl.standardError = Pipe()
        try openssl.run()
        openssl.waitUntilExit()
    }
}
