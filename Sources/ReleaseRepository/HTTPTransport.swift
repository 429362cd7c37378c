import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReleaseCore

/// An HTTP answer as plain values.
package struct HTTPAnswer {
  package let status: Int
  package let headers: [(String, String)]
  package let body: [UInt8]

  package var isSuccess: Bool { (200..<300).contains(status) }
}

/// Sends forge and webhook requests with async-http-client (SwiftNIO, no libcurl), one at a
/// time, each within a deadline, tried again as `RetryPolicy` says. Adds the credential to each
/// request: nothing upstream of here holds it in a request.
package final class HTTPTransport {
  package let timeout: Int
  package let policy: RetryPolicy
  package let credential: ForgeCredential?
  /// Texts never to show in an error: the token, a webhook's secret address.
  package let secrets: [String]
  private let client: HTTPClient

  package init(
    timeout: Int, policy: RetryPolicy = RetryPolicy(), credential: ForgeCredential? = nil,
    secrets: [String] = []
  ) {
    self.timeout = max(1, timeout)
    self.policy = policy
    self.credential = credential
    self.secrets = (secrets + [credential?.token, credential?.headerValue].compactMap { $0 })
      .filter { !$0.isEmpty }
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: .seconds(Int64(min(self.timeout, 15))), read: .seconds(Int64(self.timeout))))
    configuration.httpVersion = .http1Only
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  deinit {
    try? client.syncShutdown()
  }

  /// The default deadline of a request, `GIT_RELEASE_HTTP_TIMEOUT` seconds when set.
  package static func defaultTimeout(_ environment: [String: String], fallback: Int) -> Int {
    environment["GIT_RELEASE_HTTP_TIMEOUT"].flatMap { Int($0) }.map { max(1, $0) } ?? fallback
  }

  /// Sends `request`, trying again after 5xx, dropped connections and rate limits as the policy
  /// says. Returns every other answer, 4xx included, for the caller to read.
  package func send(_ request: ForgeRequest) throws(ForgeFailure) -> HTTPAnswer {
    let host = Self.host(of: request.url)
    var attempt = 1
    while true {
      let decision: RetryPolicy.Decision
      var last: HTTPAnswer?
      switch sendOnce(request) {
      case .answer(let answer):
        last = answer
        decision = policy.decide(
          status: answer.status, headers: answer.headers, attempt: attempt, now: Date())
      case .dropped(let detail):
        decision = policy.decideDropped(attempt: attempt)
        if case .exhausted = decision {
          throw .transport(host: host, detail: scrub(detail), tries: attempt)
        }
      case .timedOut:
        throw .timeout(host: host, seconds: timeout, request: request.summary)
      case .failed(let detail):
        throw .transport(host: host, detail: scrub(detail), tries: attempt)
      }
      switch decision {
      case .accept:
        guard let last else { throw .transport(host: host, detail: "no answer", tries: attempt) }
        return last
      case .retry(let seconds):
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
        attempt += 1
      case .rateLimited(let wait):
        throw .rateLimited(
          host: host, wait: wait.map { Int($0.rounded(.up)) }, bound: Int(policy.maxWait))
      case .exhausted:
        throw .serverError(
          status: last?.status ?? 0, host: host, tries: attempt, request: request.summary)
      }
    }
  }

  private enum Outcome {
    case answer(HTTPAnswer)
    /// The connection dropped before an answer: worth another try.
    case dropped(String)
    case timedOut
    /// No network, DNS, TLS, a refused connection: another try would fail the same way.
    case failed(String)
  }

  private func sendOnce(_ request: ForgeRequest) -> Outcome {
    do {
      var headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
      if let credential { headers.replaceOrAdd(name: credential.header, value: credential.headerValue) }
      let outgoing = try HTTPClient.Request(
        url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
        body: request.body.isEmpty && request.method == "GET" ? nil : .bytes(request.body))
      let response = try client.execute(
        request: outgoing, deadline: .now() + .seconds(Int64(timeout))
      ).wait()
      let body = response.body.map { Array($0.readableBytesView) } ?? []
      return .answer(
        HTTPAnswer(
          status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
          body: body))
    } catch let error as HTTPClientError {
      if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
        return .timedOut
      }
      if [.remoteConnectionClosed, .cancelled].contains(error) {
        return .dropped("the connection was closed before an answer")
      }
      if error == .invalidURL || error == .emptyHost || error == .emptyScheme {
        return .failed("\(scrub(request.url)) is not a valid address")
      }
      return .failed(String(describing: error))
    } catch let error as IOError {
      if [ECONNRESET, EPIPE].contains(error.errnoCode) {
        return .dropped("the connection was reset")
      }
      return .failed(String(describing: error))
    } catch let error as ChannelError {
      if case .eof = error { return .dropped("the connection was closed before an answer") }
      return .failed(String(describing: error))
    } catch {
      return .failed(String(describing: error))
    }
  }

  /// Removes every secret from a text meant for people.
  package func scrub(_ text: String) -> String {
    secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
  }

  /// `api.github.com`, or `127.0.0.1:8080`.
  package static func host(of url: String) -> String {
    let rest = url.components(separatedBy: "://").dropFirst().first ?? url
    let authority = rest.prefix { $0 != "/" && $0 != "?" }
    return String(authority.split(separator: "@").last ?? authority)
  }
}
