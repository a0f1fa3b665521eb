import NIOCore

/// A message this server sends (protocol 3.0).
enum BackendMessage: Sendable {
    case authenticationOk
    /// Offers SASL mechanisms (`SCRAM-SHA-256`).
    case authenticationSASL(mechanisms: [String])
    case authenticationSASLContinue(String)
    case authenticationSASLFinal(String)
    case parameterStatus(name: String, value: String)
    case backendKeyData(processID: Int32, secretKey: Int32)
    case readyForQuery(TransactionStatus)
    case rowDescription([ColumnDescription])
    /// One row, each value already encoded in its column's format (nil is NULL).
    case dataRow([ByteBuffer?])
    case commandComplete(tag: String)
    case emptyQueryResponse
    case error(ServerError)
    case notice(ServerError)
    case parseComplete
    case bindComplete
    case closeComplete
    case noData
    case parameterDescription([Int32])
    case portalSuspended

    /// The transaction status a ReadyForQuery reports.
    enum TransactionStatus: UInt8, Sendable {
        case idle = 0x49  // 'I'
        case inTransaction = 0x54  // 'T'
        case failed = 0x45  // 'E'
    }

    /// Appends the message, type byte and length included.
    func write(into buffer: inout ByteBuffer) {
        let (type, writeBody) = parts
        buffer.writeInteger(type)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        writeBody(&buffer)
        buffer.setInteger(Int32(buffer.writerIndex - lengthIndex), at: lengthIndex)
    }

    private var parts: (UInt8, (inout ByteBuffer) -> Void) {
        switch self {
        case .authenticationOk:
            return (ascii("R"), { $0.writeInteger(Int32(0)) })
        case .authenticationSASL(let mechanisms):
            return (ascii("R"), { buffer in
                buffer.writeInteger(Int32(10))
                for mechanism in mechanisms { buffer.writeNullTerminatedString(mechanism) }
                buffer.writeInteger(UInt8(0))
            })
        case .authenticationSASLContinue(let data):
            return (ascii("R"), { $0.writeInteger(Int32(11)); $0.writeString(data) })
        case .authenticationSASLFinal(let data):
            return (ascii("R"), { $0.writeInteger(Int32(12)); $0.writeString(data) })
        case .parameterStatus(let name, let value):
            return (ascii("S"), { $0.writeNullTerminatedString(name); $0.writeNullTerminatedString(value) })
        case .backendKeyData(let processID, let secretKey):
            return (ascii("K"), { $0.writeInteger(processID); $0.writeInteger(secretKey) })
        case .readyForQuery(let status):
            return (ascii("Z"), { $0.writeInteger(status.rawValue) })
        case .rowDescription(let columns):
            return (ascii("T"), { buffer in
                buffer.writeInteger(Int16(columns.count))
                for column in columns {
                    buffer.writeNullTerminatedString(column.name)
                    buffer.writeInteger(column.tableOID)
                    buffer.writeInteger(column.columnNumber)
                    buffer.writeInteger(column.type.oid)
                    buffer.writeInteger(column.type.size)
                    buffer.writeInteger(Int32(-1))
                    buffer.writeInteger(column.format.rawValue)
                }
            })
        case .dataRow(let values):
            return (ascii("D"), { buffer in
                buffer.writeInteger(Int16(values.count))
                for value in values {
                    guard var value else { buffer.writeInteger(Int32(-1)); continue }
                    buffer.writeInteger(Int32(value.readableBytes))
                    buffer.writeBuffer(&value)
                }
            })
        case .commandComplete(let tag):
            return (ascii("C"), { $0.writeNullTerminatedString(tag) })
        case .emptyQueryResponse:
            return (ascii("I"), { _ in })
        case .error(let error):
            return (ascii("E"), { error.writeFields(into: &$0, severity: "ERROR") })
        case .notice(let notice):
            return (ascii("N"), { notice.writeFields(into: &$0, severity: "WARNING") })
        case .parseComplete: return (ascii("1"), { _ in })
        case .bindComplete: return (ascii("2"), { _ in })
        case .closeComplete: return (ascii("3"), { _ in })
        case .noData: return (ascii("n"), { _ in })
        case .parameterDescription(let types):
            return (ascii("t"), { buffer in
                buffer.writeInteger(Int16(types.count))
                for type in types { buffer.writeInteger(type) }
            })
        case .portalSuspended: return (ascii("s"), { _ in })
        }
    }
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

/// One column of a RowDescription.
struct ColumnDescription: Sendable {
    var name: String
    var type: PostgresType
    var format: PostgresFormat
    var tableOID: Int32 = 0
    var columnNumber: Int16 = 0
}

/// How a value travels: PostgreSQL's text or binary format.
enum PostgresFormat: Int16, Sendable {
    case text = 0
    case binary = 1
}
