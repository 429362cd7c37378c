import Foundation

/// The events a `[notify]` target can ask for.
public enum NotificationEvent: String, Sendable, CaseIterable, Codable {
  case promotion, rollback, approval, hold, block, publish, tag
  /// `git release notify --test`: never configured, sent only on request.
  case test

  /// The events a target may name in `events`.
  public static let configurable: [NotificationEvent] = allCases.filter { $0 != .test }
}

/// A configured value that may name an environment variable instead (`env:OPS_WEBHOOK_URL`), so
/// that secrets stay out of the repository.
public enum ConfiguredValue: Sendable, Equatable {
  case literal(String)
  case environment(String)

  public init(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased().hasPrefix("env:") {
      self = .environment(String(trimmed.dropFirst(4)).trimmingCharacters(in: .whitespaces))
    } else {
      self = .literal(trimmed)
    }
  }

  /// The value, read from `environment` for `env:`; nil when that variable is unset or empty.
  public func resolve(in environment: [String: String]) -> String? {
    switch self {
    case .literal(let value): return value.isEmpty ? nil : value
    case .environment(let name):
      guard let value = environment[name], !value.isEmpty else { return nil }
      return value
    }
  }

  /// Where the value comes from, for messages: never the value itself.
  public var origin: String {
    switch self {
    case .literal: "the value in .gitrelease"
    case .environment(let name): "the environment variable \(name)"
    }
  }
}

/// `[notify "NAME"]`: a webhook that gets a POST after each event it asks for.
public struct NotifyTarget: Sendable, Equatable {
  public enum Format: String, Sendable, CaseIterable {
    /// The event document that `promote` prints.
    case json
    /// A Slack incoming-webhook message.
    case slack
    /// A Microsoft Teams incoming-webhook message (an Adaptive Card).
    case teams
  }

  public let name: String
  public let url: ConfiguredValue
  /// The events sent; every event when the key is absent.
  public let events: Set<NotificationEvent>
  public let format: Format
  /// The HMAC-SHA256 key that signs each body (`X-Git-Release-Signature`); never sent itself.
  public let secret: ConfiguredValue?

  public init(
    name: String, url: ConfiguredValue, events: Set<NotificationEvent> = Set(NotificationEvent.configurable),
    format: Format = .json, secret: ConfiguredValue? = nil
  ) {
    self.name = name
    self.url = url
    self.events = events
    self.format = format
    self.secret = secret
  }

  public func accepts(_ event: NotificationEvent) -> Bool { events.contains(event) }

  /// Every `[notify "NAME"]` section, in file order.
  static func all(_ reader: ConfigurationReader) throws(ConfigurationError) -> [NotifyTarget] {
    try reader.checkKeys(section: "notify", allowed: ["url", "events", "format", "secret"])
    var targets: [NotifyTarget] = []
    var names = reader.declaredSubsections(of: "notify")
    for name in reader.subsections(of: "notify") where !names.contains(name) { names.append(name) }
    for name in names {
      let prefix = "notify.\(name)"
      guard let urlText = reader.value("\(prefix).url"), !urlText.isEmpty else {
        throw reader.error(
          "[notify \"\(name)\"] has no url; write url = https://... or url = env:VARIABLE",
          at: reader.entries(section: "notify", subsection: name).first?.name ?? "\(prefix).url")
      }
      let url = ConfiguredValue(urlText)
      if case .literal(let text) = url, ForgeSettings.apiAddress(text) == nil {
        throw reader.errorAtLast(
          "notify.\(name).url is not an http(s) address; write url = https://... or "
            + "url = env:VARIABLE", at: "\(prefix).url")
      }
      if case .environment(let variable) = url, variable.isEmpty {
        throw reader.errorAtLast("notify.\(name).url = env: names no variable", at: "\(prefix).url")
      }
      var events = Set(NotificationEvent.configurable)
      if let text = reader.value("\(prefix).events") {
        events = []
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
          let lowered = word.lowercased()
          guard lowered != "all" else {
            events = Set(NotificationEvent.configurable)
            continue
          }
          guard let event = NotificationEvent(rawValue: lowered), event != .test else {
            throw reader.errorAtLast(
              "notify.\(name).events: \"\(word)\" is not an event; use "
                + NotificationEvent.configurable.map(\.rawValue).joined(separator: ", ")
                + " or all", at: "\(prefix).events")
          }
          events.insert(event)
        }
      }
      var format = Format.json
      if let text = reader.value("\(prefix).format") {
        guard let value = Format(rawValue: text.lowercased()) else {
          throw reader.errorAtLast(
            "notify.\(name).format = \"\(text)\" is not one of json, slack, teams",
            at: "\(prefix).format")
        }
        format = value
      }
      let secret = reader.value("\(prefix).secret").map(ConfiguredValue.init)
      targets.append(
        NotifyTarget(name: name, url: url, events: events, format: format, secret: secret))
    }
    return targets
  }
}
