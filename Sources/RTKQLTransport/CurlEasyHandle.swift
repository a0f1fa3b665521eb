import CCurl

/// Initialises libcurl once per process.
enum CurlGlobal {
    static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()
}

/// One libcurl easy handle: carries one request at a time through the `CurlMulti` driver, which keeps
/// connections alive between requests.
///
/// Not thread-safe: a handle is used by one thread at a time (the driver's).
final class CurlEasyHandle {
    let handle: UnsafeMutableRawPointer
    /// libcurl writes its explanation of a failure here; it must outlive every transfer.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// What the request in flight needs kept alive until it finishes.
    private var sink: ResponseSink?
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init() {
        _ = CurlGlobal.initialised
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed") }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sets the handle up for `request`; the driver then adds it to its multi handle.
    func prepare(_ request: HTTPRequest, options: TransportOptions, isCancelled: @escaping @Sendable () -> Bool) {
        curl_easy_reset(handle)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer[0] = 0
        let sink = ResponseSink(isCancelled: isCancelled)
        self.sink = sink
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()

        setLong(CURLOPT_NOSIGNAL, 1)
        setString(CURLOPT_URL, request.url)
        setString(CURLOPT_USERAGENT, options.userAgent)
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeoutMilliseconds))
        setLong(CURLOPT_TIMEOUT_MS, Int(options.totalTimeoutMilliseconds))
        setLong(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        setLong(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        // HTTP/2 where the server offers it (over TLS), with concurrent requests multiplexed on one
        // connection: they wait for the first connection to say whether it multiplexes. Plain-HTTP servers
        // speak HTTP/1.1 here, where that wait would only hold requests back.
        setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        setLong(CURLOPT_PIPEWAIT, request.url.lowercased().hasPrefix("https:") ? 1 : 0)
        _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        switch request.method {
        case "GET":
            setLong(CURLOPT_HTTPGET, 1)
        case "HEAD":
            setLong(CURLOPT_NOBODY, 1)
        default:
            setString(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            _ = rtkql_curl_easy_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBufferPointer { buffer in
                _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS,
                                                   UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
        }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // libcurl adds "Expect: 100-continue" to large bodies; the API does not need it.
        headerList = curl_slist_append(headerList, "Expect:")
        _ = rtkql_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        _ = rtkql_curl_easy_setopt_write_function(handle) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            let length = size * count
            if let data, length > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    sink.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
                }
            }
            return length
        }
        _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = rtkql_curl_easy_setopt_header_function(handle) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            let length = size * count
            if let data, length > 0 {
                let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                }
                sink.receiveHeaderLine(line)
            }
            return length
        }
        _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
        setLong(CURLOPT_NOPROGRESS, 0)
        _ = rtkql_curl_easy_setopt_xferinfo_function(handle) { user, _, _, _, _ in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            return sink.isCancelled() ? 1 : 0
        }
        _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, sinkPointer)

    }

    /// The response of the finished transfer, or the transport error that ended it.
    func finish(_ code: CURLcode, request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        defer {
            sink = nil
            curl_slist_free_all(headerList)
            headerList = nil
        }
        guard code == CURLE_OK, let sink else { return .failure(transportError(code, request: request)) }
        var status = 0
        var version = 0
        var connects = 0
        _ = rtkql_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = rtkql_curl_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        _ = rtkql_curl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        let httpVersion: String
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): httpVersion = "1.0"
        case Int(CURL_HTTP_VERSION_1_1): httpVersion = "1.1"
        case Int(CURL_HTTP_VERSION_2_0): httpVersion = "2"
        case Int(CURL_HTTP_VERSION_3): httpVersion = "3"
        default: httpVersion = ""
        }
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body,
                                     httpVersion: httpVersion, newConnections: connects))
    }

    private func transportError(_ code: CURLcode, request: HTTPRequest) -> TransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: TransportError.Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timedOut
        case CURLE_ABORTED_BY_CALLBACK:
            kind = .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        default:
            kind = .other
        }
        return TransportError(kind: kind, curlCode: Int(code.rawValue), message: message,
                              request: "\(request.method) \(request.url)")
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        _ = rtkql_curl_easy_setopt_long(handle, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        _ = rtkql_curl_easy_setopt_string(handle, option, value)
    }
}

/// Collects one response's headers and body from libcurl's callbacks.
final class ResponseSink {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    let isCancelled: @Sendable () -> Bool

    init(isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after a redirect or 100 Continue)
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingSpaces()
        headers[name] = value
        // One allocation for the whole body rather than a doubling series of copies.
        if name == "content-length", let length = Int(value), length > body.capacity {
            body.reserveCapacity(min(length, 256 << 20))
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last.isNewline { slice = slice.dropLast() }
        return String(slice)
    }
}
