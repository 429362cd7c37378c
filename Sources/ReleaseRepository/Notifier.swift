import Crypto
import Foundation
import ReleaseCore
import ReleaseRendering

/// Tells `[notify "NAME"]` webhooks of an event once it is recorded. Every command that records
/// an event calls `deliver` after its write: a delivery that fails is a warning on standard
/// error and never undoes or fails the event.
package enum Notifier {
  /// One target's delivery.
  package struct Delivery: Encodable {
    package let target: String
    package let event: String
    package let format: String
    package let delivered: Bool
    /// The webhook's HTTP status; nil when no answer came.
    package let status: Int?
    package let signed: Bool
    package let error: String?
  }

  /// Sends `document` (or a Slack or Teams message made of `text`, `notes` and `link`) to each
  /// target that asks for `event`; `only` names the one target to use (`notify --test`).
  /// Warns on standard error for each failure unless `warn` is false; returns what happened.
  @discardableResult
  package static func deliver(
    _ event: NotificationEvent, text: String, document: some Encodable, notes: String? = nil,
    link: String? = nil, configuration: Configuration, only: String? = nil, warn: Bool = true,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [Delivery] {
    let targets = configuration.notifications.filter { target in
      only.map { target.name == $0 } ?? target.accepts(event)
    }
    guard !targets.isEmpty else { return [] }
    let json: [UInt8]
    do {
      json = Array(try JSONOutput.encode(document).utf8)
    } catch {
      return []
    }
    var deliveries: [Delivery] = []
    for target in targets {
      let delivery = send(
        event, to: target, text: text, notes: notes, link: link, json: json,
        environment: environment)
      if warn, let error = delivery.error {
        EnvironmentOutput.printError(
          "git release: warning: notify \"\(target.name)\": \(error); the \(event.rawValue) is "
            + "recorded all the same")
      }
      deliveries.append(delivery)
    }
    return deliveries
  }

  private static func send(
    _ event: NotificationEvent, to target: NotifyTarget, text: String, notes: String?,
    link: String?, json: [UInt8], environment: [String: String]
  ) -> Delivery {
    func failed(_ message: String, status: Int? = nil, signed: Bool = false) -> Delivery {
      Delivery(
        target: target.name, event: event.rawValue, format: target.format.rawValue,
        delivered: false, status: status, signed: signed, error: message)
    }
    guard let url = target.url.resolve(in: environment) else {
      return failed("its url comes from \(target.url.origin), which is not set; nothing was sent")
    }
    var secret: String?
    if let configured = target.secret {
      guard let value = configured.resolve(in: environment) else {
        return failed(
          "its secret comes from \(configured.origin), which is not set; nothing was sent")
      }
      secret = value
    }
    guard ForgeSettings.apiAddress(url) != nil else {
      return failed("its url (from \(target.url.origin)) is not an http(s) address")
    }
    let body = WebhookMessage.body(
      format: target.format, text: text, notes: notes, link: link, document: json)
    var headers: [ForgeRequest.Header] = [
      .init("Content-Type", "application/json"),
      .init("User-Agent", ToolVersion.userAgent),
      .init("X-Git-Release-Event", event.rawValue),
    ]
    if let secret { headers.append(.init("X-Git-Release-Signature", signature(body, secret))) }
    let request = ForgeRequest(method: "POST", url: url, headers: headers, body: body)
    let transport = HTTPTransport(
      timeout: HTTPTransport.defaultTimeout(environment, fallback: 10),
      policy: RetryPolicy(tries: 3, backoff: [1, 2], maxWait: 10),
      secrets: [url, secret].compactMap { $0 })
    let host = HTTPTransport.host(of: url)
    do {
      let answer = try transport.send(request)
      guard answer.isSuccess else {
        return failed(
          "\(host) answered HTTP \(answer.status)", status: answer.status, signed: secret != nil)
      }
      return Delivery(
        target: target.name, event: event.rawValue, format: target.format.rawValue,
        delivered: true, status: answer.status, signed: secret != nil, error: nil)
    } catch {
      return failed(transport.scrub(error.description), signed: secret != nil)
    }
  }

  /// `sha256=<hex HMAC-SHA256 of the body>`, as GitHub signs its own webhooks.
  package static func signature(_ body: [UInt8], _ secret: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(
      for: body, using: SymmetricKey(data: Array(secret.utf8)))
    return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
  }
}

/// The event document of a release event (`publish`, `tag`), shaped as `promote` prints its own:
/// one sentence, the event, the release notes.
package struct ReleaseAnnouncement: Encodable {
  package struct Event: Encodable {
    package let kind: String
    package let tag: String
    package let version: String?
    package let commit: String?
    /// The forge's release page (publish).
    package let url: String?
    package let forge: String?
    package let time: Date

    package init(
      kind: String, tag: String, version: String? = nil, commit: String? = nil,
      url: String? = nil, forge: String? = nil, time: Date
    ) {
      self.kind = kind
      self.tag = tag
      self.version = version
      self.commit = commit
      self.url = url
      self.forge = forge
      self.time = time
    }
  }

  package let text: String
  package let event: Event
  package let notes: String?

  package init(text: String, event: Event, notes: String? = nil) {
    self.text = text
    self.event = event
    self.notes = notes
  }
}
