import NIOCore
import NIOHTTP1

/// Keeps what one connection can demand bounded. It sits right after the HTTP/1 decoder, before the websocket
/// upgrader and Hummingbird, so it sees every request part and every response part of the connection:
/// - a request (head and body) must arrive within `requestTimeout` of the moment the server waits for it, the next
///   request on a kept-alive connection within `idleTimeout`; otherwise the connection is closed (a stalled body
///   first fails the request, which the router answers with 408);
/// - a malformed request line, an oversized head or request target never reaches a router, so it is answered here
///   (400, 431, 414 with the JSON error body) and the connection closed;
/// - a request asking to upgrade goes to the websocket upgrader only when it is the connection's first request and a
///   well-formed upgrade of the websocket path (GET, no body, version 13) that `admit` accepts; one `admit` refuses
///   is answered here with its JSON error; any other loses its `Upgrade` header, so the router answers it like any
///   request with the JSON error body; either way the connection closes after that answer;
/// - a response carrying `Connection: close` closes the connection once written, lingering: the output is shut and
///   the input drained for a moment, so the client reads the answer instead of a reset.
final class RequestGate: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Decides a well-formed websocket upgrade request: admitted (a live token, a place under the socket cap) or
    /// refused with the error to answer.
    typealias Admission = @Sendable (HTTPRequestHead, any Channel) async -> SocketAdmission

    private let limits: ConnectionLimits
    private let webSocketPath: String
    private let admit: Admission

    /// A head was read and its `.end` not yet.
    private var receiving = false
    /// Requests passed on whose response has not been written to its end.
    private var unanswered = 0
    private var closeAfterResponse = false
    /// Answered or given up: everything read from now on is dropped until the connection is closed.
    private var closing = false
    private var closed = false
    private var inputClosed = false
    /// An admitted upgrade request went on to the upgrader.
    private var upgrading = false
    /// The socket the admitted upgrade becomes, until the upgrader takes it.
    private var admitted: AdmittedSocket?
    private var leaveAfterFlush = false
    /// A head went on: the websocket upgrader no longer waits for its first request.
    private var headPassed = false
    /// A websocket upgrade request waiting for `admit`, with whatever was read after it.
    private var held: [HTTPServerRequestPart]?
    private var readWhileHeld = false
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits, webSocketPath: String, admit: @escaping Admission) {
        self.limits = limits
        self.webSocketPath = webSocketPath
        self.admit = admit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limits.requestTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, limits.requestTimeout)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        closed = true
        context.fireChannelInactive()
    }

    // MARK: Requests

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let part = unwrapInboundIn(data)
        if held != nil {
            held?.append(part)
        } else {
            pass(part, context)
        }
    }

    private func pass(_ part: HTTPServerRequestPart, _ context: ChannelHandlerContext) {
        switch part {
        case .head(var head):
            if head.uri.utf8.count > limits.maximumURIBytes, unanswered == 0 {
                refuse(context, APIError(.uriTooLong, "Request target is longer than \(limits.maximumURIBytes) bytes"))
                return
            }
            if head.method == .CONNECT {
                // A proxy request, and this is no proxy. NIO's encoder sends any answer to CONNECT without its body
                // (that is how tunnels start), so there is no JSON error to give: the connection is closed.
                closing = true
                closeNow(context)
                return
            }
            receiving = true
            unanswered += 1
            arm(context, limits.requestTimeout)
            if head.headers.contains(name: "upgrade") {
                // Only a connection's first request can upgrade: after it the upgrader has left the pipeline.
                if !headPassed, isWellFormedWebSocketUpgrade(head) {
                    hold(head, context)
                    return
                }
                refuseUpgrade(&head)
            }
            headPassed = true
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body:
            context.fireChannelRead(wrapInboundOut(part))
        case .end:
            receiving = false
            disarm()  // the router takes as long as it takes; the timeout bounds only the client
            context.fireChannelRead(wrapInboundOut(part))
        }
    }

    /// Upgrades of any other shape are answered by the router as plain requests (400, 401, 405, 426, 429, ...).
    private func isWellFormedWebSocketUpgrade(_ head: HTTPRequestHead) -> Bool {
        head.method == .GET
            && head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) == webSocketPath
            && head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
            && head.headers["sec-websocket-version"] == ["13"]
            && head.headers.contains(name: "sec-websocket-key")
            && !head.headers.contains(name: "transfer-encoding")
            && head.headers["content-length"].allSatisfy { $0 == "0" }
    }

    private func refuseUpgrade(_ head: inout HTTPRequestHead) {
        head.headers.remove(name: "upgrade")
        closeAfterResponse = true
    }

    /// The socket of the upgrade `admit` admitted, for the upgrader; nil for any other request.
    func takeAdmitted() -> AdmittedSocket? {
        defer { admitted = nil }
        return admitted
    }

    /// Holds the upgrade request (and reads no further) while `admit` looks up its token.
    private func hold(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        held = []
        disarm()
        let admit = admit, channel = context.channel
        context.eventLoop.makeFutureWithTask { await admit(head, channel) }.assumeIsolated().whenComplete { result in
            guard let parts = self.held, !self.closed else { return }
            self.held = nil
            switch result {
            case .success(.admitted(let socket)):
                self.admitted = socket
                self.upgrading = true
                self.headPassed = true
                context.fireChannelRead(self.wrapInboundOut(.head(head)))
                for part in parts where !self.closing { self.pass(part, context) }
                context.fireChannelReadComplete()
            case .success(.refused(let error)):
                self.refuse(context, error)
            case .failure:
                self.refuse(context, .internalServerError)
            }
            if self.readWhileHeld {
                self.readWhileHeld = false
                context.read()
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        if held != nil {
            readWhileHeld = true
        } else {
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }
        guard error is HTTPParserError || error is ByteToMessageDecoderError else {
            context.fireErrorCaught(error)
            return
        }
        closeAfterResponse = true
        if receiving {
            context.fireErrorCaught(error)  // fails the body being read: the router answers 400
        } else if unanswered == 0, held == nil {
            refuse(context, error as? HTTPParserError == .headerOverflow
                ? APIError(.requestHeaderFieldsTooLarge, "Request head is larger than \(limits.maximumHeadBytes) bytes")
                : APIError(.badRequest, "Malformed HTTP request"))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        guard let event = event as? ChannelEvent, event == .inputClosed else { return }
        inputClosed = true
        // A client that ends its side while its request is being worked on has gone away (HTTP/1.1 clients do not
        // half-close to wait for an answer): close, so work still queued for it (password hashing) is dropped. An
        // upgrade in flight is the upgrader's to finish.
        if closing || (unanswered > 0 && !receiving && !upgrading) { closeNow(context) }
    }

    // MARK: Responses

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status == .switchingProtocols:
            // The upgrader answered; websocket frames follow, which are not this handler's business. Leaving now
            // would strand the flush of this answer, so leave once it has passed.
            context.write(data, promise: promise)
            disarm()
            leaveAfterFlush = true
        case .head(let head):
            if head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }) { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            unanswered = max(0, unanswered - 1)
            if closeAfterResponse, unanswered == 0 {
                let written = context.writeAndFlush(data)
                written.cascade(to: promise)
                linger(context, after: written)
            } else {
                context.write(data, promise: promise)
                if unanswered == 0, !receiving { arm(context, limits.idleTimeout) }
            }
        }
    }

    func flush(context: ChannelHandlerContext) {
        context.flush()
        if leaveAfterFlush { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
    }

    /// Answers a request that never reached the router, then closes.
    private func refuse(_ context: ChannelHandlerContext, _ error: APIError) {
        closing = true
        releaseUpgrader(context)
        let body = context.channel.allocator.buffer(bytes: JSONBody.errorBytes(error))
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("Connection", "close")])
        for field in error.headers where field.name != .connection { headers.add(name: field.name.rawName, value: field.value) }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let status = HTTPResponseStatus(statusCode: Int(error.status.code), reasonPhrase: error.status.reasonPhrase)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        linger(context, after: context.writeAndFlush(wrapOutboundOut(.end(nil))))
    }

    /// Shuts the output once `written` is on its way and drains the input until the client closes or a moment passes.
    private func linger(_ context: ChannelHandlerContext, after written: EventLoopFuture<Void>) {
        closing = true
        // Nothing read from now on is parsed: the HTTP decoder goes, and what reaches this handler is dropped. (Once
        // it has parsed an upgrade request, the decoder keeps every later byte for the new protocol: a refused
        // upgrade's client could fill the server's memory while the answer lingers.)
        let operations = context.pipeline.syncOperations
        if let decoder = try? operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            operations.removeHandler(context: decoder, promise: nil)
        }
        arm(context, limits.lingerTimeout)
        written.assumeIsolated().whenComplete { _ in
            guard !self.closed else { return }
            if self.inputClosed {
                self.closeNow(context)
            } else {
                context.close(mode: .output, promise: nil)
            }
        }
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        guard !closed else { return }
        releaseUpgrader(context)
        closed = true
        disarm()
        context.close(promise: nil)
    }

    /// Before the first request the websocket upgrader waits for a head; a connection closed under it fails its
    /// negotiation, which Hummingbird logs as an error. End of input is what it expects from a client that went
    /// away: it then gives up quietly and asks to close, which `close` leaves to this handler while it lingers.
    private func releaseUpgrader(_ context: ChannelHandlerContext) {
        guard !headPassed, !inputClosed else { return }
        headPassed = true
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if closing, !closed {
            promise?.succeed(())  // the lingering close ends the connection once the answer is out
        } else {
            context.close(mode: mode, promise: promise)
        }
    }

    // MARK: Deadlines

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        disarm()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { self.deadlinePassed(context) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }

    private func deadlinePassed(_ context: ChannelHandlerContext) {
        deadline = nil
        if closing || !receiving {
            closeNow(context)  // idle, a head that never completed, or a client that never read its answer
        } else {
            // The body stalled: fail it, so the router answers 408, then close.
            closeAfterResponse = true
            arm(context, limits.lingerTimeout)
            context.fireErrorCaught(RequestTimeout())
        }
    }
}

/// The body of a request did not arrive in time.
struct RequestTimeout: Error {}
