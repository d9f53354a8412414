import NIOCore
import NIOWebSocket
import TandemServerCore

/// The server side of one upgraded `/api/3/websocket` connection, after NIO's frame decoder and encoder.
///
/// It registers the socket with the hub, answers pings, pings the peer and drops it when a pong does not come back,
/// follows the close handshake, and is otherwise idle: no task, stream or buffer of its own while nothing happens
/// (issue 11: hummingbird-websocket's actor, task group and async channel per connection were most of an idle
/// socket's memory). Memory stays bounded whatever the peer does: client data frames are dropped unread, frames over
/// the decoder's limit close the socket (1009, NIO's error handler), and while the peer does not read, the socket
/// reads nothing either (so a ping flood cannot queue pongs) and keeps only the newest notice for later.
final class WalletSocketHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    struct Configuration: Sendable {
        /// How often the peer is pinged; a pong missing by the next ping closes the socket.
        var pingInterval: TimeAmount
        /// How long a close frame we sent waits for the peer's before the connection is closed anyway.
        var closeTimeout: TimeAmount
    }

    private let admitted: AdmittedSocket
    private let hub: WalletUpdateHub
    private let configuration: Configuration
    private let started: @Sendable (WalletSocket) -> Void
    private let ended: @Sendable () -> Void

    private var context: ChannelHandlerContext?
    private var registration: WalletUpdateHub.Registration?
    /// The highest sequence written, so a socket never hears a lower sequence after a higher one.
    private var delivered: UInt32 = 0
    /// The newest notice not yet written because the peer is not reading.
    private var pending: (sequence: UInt32, frame: WebSocketFrame)?
    private var awaitingPong = false
    /// A close frame went out; nothing else will.
    private var closing = false
    private var readHeld = false
    private var timer: Scheduled<Void>?

    /// `started` runs once the socket hears the hub's events (the checks that need the store go there); `ended` once
    /// it is gone.
    init(admitted: AdmittedSocket, hub: WalletUpdateHub, configuration: Configuration,
         started: @escaping @Sendable (WalletSocket) -> Void, ended: @escaping @Sendable () -> Void) {
        self.admitted = admitted
        self.hub = hub
        self.configuration = configuration
        self.started = started
        self.ended = ended
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let socket = WalletSocket(handler: self, eventLoop: context.eventLoop, device: admitted.deviceKey)
        registration = hub.register(socket, account: admitted.account)
        schedulePing(context)
        started(socket)
    }

    func handlerRemoved(context: ChannelHandlerContext) { end() }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    private func end() {
        guard let registration else { return }
        self.registration = nil
        hub.unregister(registration)
        timer?.cancel()
        timer = nil
        pending = nil
        context = nil
        ended()
    }

    // MARK: From the hub (on the channel's event loop)

    func notify(_ sequence: UInt32, _ frame: WebSocketFrame) {
        guard let context, !closing, sequence > delivered else { return }
        guard context.channel.isWritable else {
            if sequence > pending?.sequence ?? 0 { pending = (sequence, frame) }
            return
        }
        delivered = sequence
        pending = nil
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    func close(_ code: WebSocketErrorCode, reason: String) {
        guard let context else { return }
        sendClose(context, code, reason: reason)
    }

    // MARK: From the peer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .ping:
            guard frame.fin else { return fail(context, .protocolError) }
            guard !closing else { return }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            guard frame.fin else { return fail(context, .protocolError) }
            awaitingPong = false
        case .connectionClose:
            if closing {
                context.close(promise: nil)
            } else {
                // Answer with the peer's code, as RFC 6455 asks, then end the connection: the server closes TCP.
                var data = frame.unmaskedData
                let code = data.readWebSocketErrorCode() ?? .normalClosure
                sendClose(context, code, reason: nil)
                context.close(promise: nil)
            }
        default:
            break  // client data carries nothing for this server; frames are dropped, never collected
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            sendClose(context, .goingAway, reason: "server shutting down")  // graceful shutdown
        } else if let event = event as? ChannelEvent, event == .inputClosed {
            // The peer hung up without a close frame (the server allows half-closure for HTTP): nothing more will
            // come, so end the socket now rather than at the next missed pong, and give back its place under the cap.
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // NIOWebSocketErrors were answered with a close frame by NIO's error handler; anything else ends the socket.
        if !(error is NIOWebSocketError) { context.close(promise: nil) }
    }

    // MARK: Back-pressure

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            if let pending { notify(pending.sequence, pending.frame) }
            if readHeld {
                readHeld = false
                context.read()
            }
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: Pings and closing

    private func schedulePing(_ context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.pingInterval) { self.pingDue(context) }
    }

    private func pingDue(_ context: ChannelHandlerContext) {
        timer = nil
        guard !closing else { return }
        if awaitingPong {
            sendClose(context, .goingAway, reason: "Ping timeout")
            context.close(promise: nil)
            return
        }
        awaitingPong = true
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer())), promise: nil)
        schedulePing(context)
    }

    private func fail(_ context: ChannelHandlerContext, _ code: WebSocketErrorCode) {
        sendClose(context, code, reason: nil)
        context.close(promise: nil)
    }

    /// Sends one close frame and waits `closeTimeout` for the peer's before ending the connection.
    private func sendClose(_ context: ChannelHandlerContext, _ code: WebSocketErrorCode, reason: String?) {
        guard !closing else { return }
        closing = true
        pending = nil
        var data = context.channel.allocator.buffer(capacity: 2 + (reason?.utf8.count ?? 0))
        data.write(webSocketErrorCode: code)
        if let reason { data.writeString(reason) }
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
        timer?.cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.closeTimeout) {
            context.close(promise: nil)
        }
    }
}

/// A registered socket as the hub holds it: calls reach its handler on the socket's event loop, in call order.
final class WalletSocket: Sendable {
    let eventLoop: any EventLoop
    let device: String
    private let handler: NIOLoopBound<WalletSocketHandler>

    init(handler: WalletSocketHandler, eventLoop: any EventLoop, device: String) {
        self.handler = NIOLoopBound(handler, eventLoop: eventLoop)
        self.eventLoop = eventLoop
        self.device = device
    }

    /// On `eventLoop` only.
    func notify(_ sequence: UInt32, _ frame: WebSocketFrame) { handler.value.notify(sequence, frame) }

    /// On `eventLoop` only.
    func close(_ reason: SocketClose) { handler.value.close(.unknown(reason.code), reason: reason.reason) }

    /// From anywhere.
    func closeSoon(_ code: WebSocketErrorCode, reason: String) {
        eventLoop.execute { self.handler.value.close(code, reason: reason) }
    }
}
