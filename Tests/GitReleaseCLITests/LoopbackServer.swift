import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 that the tests start: it records every request and answers
/// each as `respond` says, including by resetting the connection or never answering.
final class LoopbackServer: @unchecked Sendable {
  struct Request: Sendable {
    let method: String
    /// The path and query as sent, percent-encoding kept.
    let uri: String
    let headers: [(String, String)]
    let body: [UInt8]

    var path: String { String(uri.prefix { $0 != "?" }) }
    var query: String? { uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) } }
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any]? {
      try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    }

    func header(_ name: String) -> String? {
      headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }
  }

  enum Reply: Sendable {
    case respond(Int, headers: [(String, String)] = [], body: [UInt8] = [])
    /// Drops the connection without an answer, as a reset connection does.
    case reset
    /// Never answers.
    case hang

    static func json(_ status: Int, _ object: [String: Any], headers: [(String, String)] = [])
      -> Reply
    {
      encoded(status, object, headers: headers)
    }

    static func jsonList(_ status: Int, _ list: [[String: Any]]) -> Reply {
      encoded(status, list, headers: [])
    }

    private static func encoded(_ status: Int, _ object: Any, headers: [(String, String)]) -> Reply {
      let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
      return .respond(
        status, headers: [("Content-Type", "application/json")] + headers, body: Array(data))
    }
  }

  private let lock = NSLock()
  private var recorded: [Request] = []
  private let respond: @Sendable (Request) -> Reply
  private var channel: (any Channel)?
  private(set) var port = 0

  var baseURL: String { "http://127.0.0.1:\(port)" }

  var requests: [Request] {
    lock.lock()
    defer { lock.unlock() }
    return recorded
  }

  init(_ respond: @escaping @Sendable (Request) -> Reply) throws {
    self.respond = respond
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { [self] channel in
        channel.pipeline.configureHTTPServerPipeline().flatMap {
          channel.pipeline.addHandler(Handler(server: self))
        }
      }
    let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
    self.channel = channel
    port = channel.localAddress?.port ?? 0
  }

  deinit {
    try? channel?.close().wait()
  }

  fileprivate func handle(_ request: Request) -> Reply {
    lock.lock()
    recorded.append(request)
    lock.unlock()
    return respond(request)
  }

  private final class Handler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: LoopbackServer
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(server: LoopbackServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch unwrapInboundIn(data) {
      case .head(let head):
        self.head = head
        body = []
      case .body(let buffer):
        body += Array(buffer.readableBytesView)
      case .end:
        guard let head else { return }
        let request = Request(
          method: head.method.rawValue, uri: head.uri,
          headers: head.headers.map { ($0.name, $0.value) }, body: body)
        switch server.handle(request) {
        case .hang:
          return
        case .reset:
          context.close(promise: nil)
        case .respond(let status, let headers, let bytes):
          var fields = HTTPHeaders(headers)
          fields.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
          fields.replaceOrAdd(name: "Connection", value: "close")
          let response = HTTPResponseHead(
            version: head.version, status: HTTPResponseStatus(statusCode: status), headers: fields)
          context.write(wrapOutboundOut(.head(response)), promise: nil)
          var buffer = context.channel.allocator.buffer(capacity: bytes.count)
          buffer.writeBytes(bytes)
          context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
          let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
          context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            bound.value.close(promise: nil)
          }
        }
      }
    }
  }
}
