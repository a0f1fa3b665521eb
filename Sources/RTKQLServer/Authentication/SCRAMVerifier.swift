import Crypto
import Foundation
import _CryptoExtras

/// A SCRAM-SHA-256 password verifier (RFC 5802, RFC 7677), as PostgreSQL stores one: salt, iteration count,
/// stored key and server key. Derived once when the server starts; the password itself is not kept.
public struct SCRAMVerifier: Sendable {
    let salt: [UInt8]
    let iterations: Int
    let storedKey: [UInt8]
    let serverKey: [UInt8]

    /// Derives the verifier of `password` with a fresh random salt.
    public init(password: String, iterations: Int = 4096) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try self.init(password: password, salt: salt, iterations: iterations)
    }

    init(password: String, salt: [UInt8], iterations: Int) throws {
        let salted = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                       outputByteCount: 32, unsafeUncheckedRounds: iterations)
        let clientKey = HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: salted)
        self.salt = salt
        self.iterations = iterations
        storedKey = Array(SHA256.hash(data: Array(clientKey)))
        serverKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: salted))
    }
}

/// One SCRAM-SHA-256 exchange on the server side: client-first → server-first → client-final → server-final.
struct SCRAMExchange {
    private let verifier: SCRAMVerifier
    private var clientFirstBare = ""
    private var serverFirst = ""
    private var nonce = ""

    /// Why authentication failed; the client is only told that it did.
    struct Failure: Error {
        var reason: String
    }

    init(verifier: SCRAMVerifier) {
        self.verifier = verifier
    }

    /// Reads the client-first message (`n,,n=user,r=nonce`) and returns the server-first message.
    mutating func serverFirst(clientFirst: String) throws(Failure) -> String {
        guard clientFirst.hasPrefix("n,") || clientFirst.hasPrefix("y,") else {
            throw Failure(reason: "channel binding is not supported")
        }
        // Skip the GS2 header: "n,," or "n,a=authzid,".
        let parts = clientFirst.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Failure(reason: "malformed client-first message") }
        clientFirstBare = String(parts[2])
        guard let clientNonce = Self.attribute("r", in: clientFirstBare), !clientNonce.isEmpty else {
            throw Failure(reason: "client-first message has no nonce")
        }
        var generator = SystemRandomNumberGenerator()
        let serverNonce = Data((0..<18).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        nonce = clientNonce + serverNonce
        serverFirst = "r=\(nonce),s=\(Data(verifier.salt).base64EncodedString()),i=\(verifier.iterations)"
        return serverFirst
    }

    /// Checks the client-final message's proof and returns the server-final message (`v=signature`).
    func serverFinal(clientFinal: String) throws(Failure) -> String {
        guard let proofRange = clientFinal.range(of: ",p=") else { throw Failure(reason: "client-final message has no proof") }
        let withoutProof = String(clientFinal[..<proofRange.lowerBound])
        guard Self.attribute("r", in: withoutProof) == nonce else { throw Failure(reason: "nonce mismatch") }
        guard let proof = Data(base64Encoded: String(clientFinal[proofRange.upperBound...])), proof.count == 32 else {
            throw Failure(reason: "malformed proof")
        }
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let signature = Array(HMAC<SHA256>.authenticationCode(for: authMessage, using: SymmetricKey(data: verifier.storedKey)))
        let clientKey = zip(proof, signature).map { $0 ^ $1 }
        guard Array(SHA256.hash(data: clientKey)) == verifier.storedKey else { throw Failure(reason: "wrong password") }
        let serverSignature = HMAC<SHA256>.authenticationCode(for: authMessage, using: SymmetricKey(data: verifier.serverKey))
        return "v=\(Data(serverSignature).base64EncodedString())"
    }

    private static func attribute(_ name: Character, in message: String) -> String? {
        for part in message.split(separator: ",") where part.first == name && part.dropFirst().first == "=" {
            return String(part.dropFirst(2))
        }
        return nil
    }
}
