import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// Hummingbird's HTTP/1 channel with a `RequestGate` right after its HTTP decoder, so that every connection is
/// bounded in time and every request, upgrade or not, is answered; an upgrade the gate admitted becomes a websocket
/// served by a `WalletSocketHandler` on NIO's frame decoder and encoder, with no task of its own once upgraded.
struct GuardedHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    enum UpgradeResult: Sendable {
        /// The connection is a websocket now; its handler serves it for as long as it lives.
        case webSocket
        case notUpgraded(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        /// An admitted upgrade that NIO's upgrader still refused (a malformed key).
        case failedUpgrade(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
    }

    struct Value: ServerChildChannelValue {
        let upgradeResult: EventLoopFuture<UpgradeResult>
        let channel: any Channel
    }

    let responder: HTTPChannelHandler.Responder
    let http1: HTTP1Channel.Configuration
    /// The largest frame a client may send; a larger one closes its socket with 1009.
    let maximumFrameBytes: Int
    let limits: ConnectionLimits
    let webSocketPath: String
    let admit: RequestGate.Admission
    let makeSocketHandler: @Sendable (AdmittedSocket) -> WalletSocketHandler

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // A channel keeps its receive buffer between reads, so an idle websocket holds one as large as its upgrade
            // request needed: start at 512 bytes (an upgrade or a GET fits) rather than NIO's 2,048; reads of larger
            // requests grow it.
            try channel.syncOptions?.setOption(ChannelOptions.recvAllocator,
                                               value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536))
            let gate = RequestGate(limits: limits, webSocketPath: webSocketPath, admit: admit)
            let boundGate = NIOLoopBound(gate, eventLoop: channel.eventLoop)
            let admitted = NIOLoopBoundBox<AdmittedSocket?>(nil, eventLoop: channel.eventLoop)
            let upgradeAttempted = NIOLoopBoundBox(false, eventLoop: channel.eventLoop)
            let makeSocketHandler = makeSocketHandler
            let upgrader = NIOTypedWebSocketServerUpgrader<UpgradeResult>(
                maxFrameSize: maximumFrameBytes,
                shouldUpgrade: { channel, _ in
                    upgradeAttempted.value = true
                    admitted.value = boundGate.value.takeAdmitted()
                    return channel.eventLoop.makeSucceededFuture(admitted.value == nil ? nil : HTTPHeaders())
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        guard let socket = admitted.value else { throw NIOWebSocketUpgradeError.unsupportedWebSocketTarget }
                        admitted.value = nil
                        try channel.pipeline.syncOperations.addHandler(makeSocketHandler(socket))
                        return UpgradeResult.webSocket
                    }
                }
            )
            let http1 = http1
            let upgrades = NIOTypedHTTPServerUpgradeConfiguration(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let operations = channel.pipeline.syncOperations
                        try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try operations.addHandlers(http1.additionalChannelHandlers())
                        try operations.addHandler(HTTPConnectionStateHandler(idleTimeout: http1.idleTimeout.map { .init($0) }, logger: logger))
                        let asyncChannel = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                            wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                        return upgradeAttempted.value ? .failedUpgrade(asyncChannel) : .notUpgraded(asyncChannel)
                    }
                }
            )
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrades)
            configuration.enablePipelining = false  // HTTP is pipelined by NIOAsyncChannel
            configuration.enableErrorHandling = false  // the gate and Hummingbird answer errors
            configuration.enableResponseHeaderValidation = false  // Swift HTTP Types validate them already
            configuration.decoderConfiguration.maxHeaderFieldSize = http1.httpDecoder.maxHeaderFieldSize
            configuration.decoderConfiguration.maxHeaderListSize = http1.httpDecoder.maxHeaderListSize
            configuration.decoderConfiguration.maxHeaderFieldCount = http1.httpDecoder.maxHeaderFieldCount
            let operations = channel.pipeline.syncOperations
            let upgradeResult = try operations.configureUpgradableHTTPServerPipeline(configuration: configuration)
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(gate, position: .after(decoder))
            return Value(upgradeResult: upgradeResult, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgradeResult.get() {
            case .webSocket:
                return  // served by its handler from here on, without this task
            case .notUpgraded(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .failedUpgrade(let http):
                await Self.refuseFailedUpgrade(http)
            }
        } catch let error as ChannelError where error == .inputClosed {
            logger.trace("Upgrade failed as input was closed")
        } catch {
            logger.error("Error handling upgrade result", metadata: ["error.type": .string("\(error)")])
        }
    }

    private static func refuseFailedUpgrade(_ http: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>) async {
        let body = ByteBuffer(bytes: JSONBody.errorBytes(APIError(.badRequest, "Malformed websocket upgrade")))
        try? await http.executeThenClose { _, outbound in
            let head = HTTPResponse(status: .badRequest, headerFields: [
                .connection: "close", .contentType: "application/json", .contentLength: String(body.readableBytes)])
            try await outbound.write(contentsOf: [.head(head), .body(body), .end(nil)])
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with websocket upgrades of `webSocketPath` into `WalletSocketHandler`s, every connection guarded by a
    /// `RequestGate`.
    static func guardedHTTP1WebSocketUpgrade(
        http1: HTTP1Channel.Configuration, maximumFrameBytes: Int, limits: ConnectionLimits, webSocketPath: String,
        admit: @escaping RequestGate.Admission,
        makeSocketHandler: @escaping @Sendable (AdmittedSocket) -> WalletSocketHandler
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTPChannel(responder: responder, http1: http1, maximumFrameBytes: maximumFrameBytes, limits: limits,
                               webSocketPath: webSocketPath, admit: admit, makeSocketHandler: makeSocketHandler)
        }
    }
}
