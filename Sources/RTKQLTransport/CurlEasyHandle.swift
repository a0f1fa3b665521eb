import CCurl

/// Initialises libcurl once per process.
enum CurlGlobal {
    static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()
}

/// One libcurl easy handle: performs requests one at a time, keeping its connection alive between them.
///
/// Not thread-safe: a handle is used by one thread at a time (the `HTTPClient` pool sees to that).
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    init() {
        _ = CurlGlobal.initialised
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed") }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends `request` and waits for the whole response.
    func perform(_ request: HTTPRequest, options: TransportOptions, isCancelled: @escaping @Sendable () -> Bool) throws -> HTTPResponse {
        curl_easy_reset(handle)
        let sink = ResponseSink(isCancelled: isCancelled)
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        setLong(CURLOPT_NOSIGNAL, 1)
        setString(CURLOPT_URL, request.url)
        setString(CURLOPT_USERAGENT, options.userAgent)
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeoutMilliseconds))
        setLong(CURLOPT_TIMEOUT_MS, Int(options.totalTimeoutMilliseconds))
        setLong(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        setLong(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = rtkql_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }

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

        let code = curl_easy_perform(handle)
        if code != CURLE_OK {
            throw transportError(code, request: request)
        }
        var status: Int = 0
        _ = rtkql_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private func transportError(_ code: CURLcode, request: HTTPRequest) -> TransportError {
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
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
