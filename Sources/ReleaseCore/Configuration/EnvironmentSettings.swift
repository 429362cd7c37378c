import Foundation

/// `[environment "NAME"]`: a place releases are promoted to, and the gates in front of it.
public struct EnvironmentSettings: Hashable, Sendable {
  public let name: String
  /// Environments a release must have run in before it may come here.
  public let after: [String]
  /// How long it must have run there.
  public let soak: TimeSpan?
  /// Distinct approvers needed, the promoter's own approval not counted.
  public let approvals: Int
  /// Promotion is allowed only inside one of these; none means at any time.
  public let windows: [ReleaseWindow]
  /// Promotion is never allowed inside one of these.
  public let freezes: [Freeze]
  /// Every event here must be signed by an allowed signer (`signed = true`).
  public let signed: Bool
  /// Whose approvals count, lower-cased principals; empty means any allowed signer.
  public let approvers: [String]
  /// Who may promote and roll back, lower-cased principals; empty means any allowed signer.
  public let promoters: [String]

  public init(
    name: String, after: [String] = [], soak: TimeSpan? = nil, approvals: Int = 0,
    windows: [ReleaseWindow] = [], freezes: [Freeze] = [], signed: Bool = false,
    approvers: [String] = [], promoters: [String] = []
  ) {
    self.signed = signed
    self.approvers = approvers.map { $0.lowercased() }
    self.promoters = promoters.map { $0.lowercased() }
    self.name = name
    self.after = after
    self.soak = soak
    self.approvals = approvals
    self.windows = windows
    self.freezes = freezes
  }

  static let keys: Set<String> = [
    "after", "soak", "approvals", "window", "freeze", "signed", "approvers", "promoters",
  ]

  /// Every configured environment, upstream ones first (file order otherwise). Sections without
  /// keys (`[environment "staging"]`) count: they declare an environment without gates.
  public static func all(_ reader: ConfigurationReader) throws(ConfigurationError)
    -> [EnvironmentSettings]
  {
    try reader.checkKeys(section: "environment", allowed: keys, flags: ["signed"])
    var names = reader.declaredSubsections(of: "environment")
    for name in reader.subsections(of: "environment") where !names.contains(name) {
      names.append(name)
    }
    var result: [EnvironmentSettings] = []
    for name in names {
      result.append(try EnvironmentSettings(name: name, reader: reader))
    }
    for environment in result {
      let key = "environment.\(environment.name).after"
      for (index, value) in reader.values(key).enumerated() {
        for part in value.split(separator: ",") {
          let upstream = part.trimmingCharacters(in: .whitespaces)
          guard !upstream.isEmpty, !names.contains(upstream) else { continue }
          throw reader.error(
            "environment \"\(environment.name)\": after = \(upstream) names no environment; "
              + "declare it with [environment \"\(upstream)\"] or fix the name",
            at: key, occurrence: index)
        }
      }
    }
    try checkCycles(result, reader: reader)
    return ordered(result)
  }

  private init(name: String, reader: ConfigurationReader) throws(ConfigurationError) {
    let prefix = "environment.\(name)."
    guard Self.isValidName(name) else {
      throw reader.error(
        "\"\(name)\" cannot name an environment (it becomes refs/environments/\(name)); "
          + "use letters, digits, '-', '_' or '.'",
        at: reader.entries(section: "environment", subsection: name).first?.name ?? prefix,
        occurrence: 0)
    }
    self.name = name
    var after: [String] = []
    for value in reader.values(prefix + "after") {
      for part in value.split(separator: ",") {
        let upstream = part.trimmingCharacters(in: .whitespaces)
        if !upstream.isEmpty { after.append(upstream) }
      }
    }
    self.after = after
    if let text = reader.value(prefix + "soak") {
      guard let span = TimeSpan(text) else {
        throw reader.errorAtLast(
          "environment \"\(name)\": soak = \"\(text)\" is not a duration; write it as 24h, 90m, "
            + "2d or 1h30m", at: prefix + "soak")
      }
      guard !after.isEmpty else {
        throw reader.errorAtLast(
          "environment \"\(name)\": soak needs after = <environment> to say where the release "
            + "must have run", at: prefix + "soak")
      }
      soak = span
    } else {
      soak = nil
    }
    if let text = reader.value(prefix + "approvals") {
      guard let count = Int(text.trimmingCharacters(in: .whitespaces)), (0...100).contains(count)
      else {
        throw reader.errorAtLast(
          "environment \"\(name)\": approvals = \"\(text)\" is not a number of people (0 to 100)",
          at: prefix + "approvals")
      }
      approvals = count
    } else {
      approvals = 0
    }
    var windows: [ReleaseWindow] = []
    for (index, text) in reader.values(prefix + "window").enumerated() {
      do {
        windows.append(try ReleaseWindow(parsing: text))
      } catch {
        throw reader.error(
          "environment \"\(name)\": window = \"\(text)\": \(error.message)", at: prefix + "window",
          occurrence: index)
      }
    }
    self.windows = windows
    // Day-only freezes read in the zone the team's windows are written in.
    let zone = windows.first?.timeZone ?? TimeZone(identifier: "UTC") ?? TimeZone.current
    var freezes: [Freeze] = []
    for (index, text) in reader.values(prefix + "freeze").enumerated() {
      do {
        freezes.append(try Freeze(parsing: text, defaultZone: zone))
      } catch {
        throw reader.error(
          "environment \"\(name)\": freeze = \"\(text)\": \(error.message)", at: prefix + "freeze",
          occurrence: index)
      }
    }
    self.freezes = freezes
    signed = try reader.bool(prefix + "signed") ?? false
    approvers = try Self.principals(reader, prefix + "approvers", environment: name)
    promoters = try Self.principals(reader, prefix + "promoters", environment: name)
  }

  /// `approvers` and `promoters`: principals (as the allowed-signers file names them), by
  /// commas, on one line or several.
  private static func principals(
    _ reader: ConfigurationReader, _ key: String, environment: String
  ) throws(ConfigurationError) -> [String] {
    var result: [String] = []
    for (index, value) in reader.values(key).enumerated() {
      for part in value.split(separator: ",") {
        let principal = part.trimmingCharacters(in: .whitespaces).lowercased()
        if principal.isEmpty { continue }
        guard !principal.contains(where: \.isWhitespace) else {
          throw reader.error(
            "environment \"\(environment)\": \(key.split(separator: ".").last ?? "") lists "
              + "\"\(principal)\", which is not one principal; separate them with commas",
            at: key, occurrence: index)
        }
        if !result.contains(principal) { result.append(principal) }
      }
    }
    return result
  }

  /// Whether `principal` may do `kind` here by the lists (not by the signature).
  public func allows(_ principal: String, toRecord kind: EnvironmentEvent.Kind) -> Bool {
    // Every kind but an approval changes what may run: the promoters' to record.
    let list = kind == .approval ? approvers : promoters
    return list.isEmpty || list.contains(principal.lowercased())
  }

  /// A name that makes a valid `refs/environments/<NAME>` and reads well on a command line.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 100,
      first.properties.isAlphabetic || ("0"..."9").contains(first),
      !name.contains(".."), !name.hasSuffix("."), !name.hasSuffix(".lock")
    else { return false }
    return name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_.".unicodeScalars.contains($0)
    }
  }

  private static func checkCycles(
    _ environments: [EnvironmentSettings], reader: ConfigurationReader
  )
    throws(ConfigurationError)
  {
    let byName = Dictionary(environments.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var finished: Set<String> = []
    for root in environments where !finished.contains(root.name) {
      // Depth-first, keeping the path so the error can show the whole loop.
      var path: [String] = []
      var stack: [(String, Int)] = [(root.name, 0)]
      while let (name, next) = stack.popLast() {
        if next == 0 { path.append(name) }
        let upstream = byName[name]?.after ?? []
        guard next < upstream.count else {
          finished.insert(name)
          path.removeLast()
          continue
        }
        stack.append((name, next + 1))
        let candidate = upstream[next]
        if let start = path.firstIndex(of: candidate) {
          let loop = (path[start...] + [candidate]).joined(separator: " -> ")
          throw reader.error(
            "environment \"\(name)\": after = \(candidate) makes a cycle (\(loop)); a release "
              + "could never be promoted to any of them", at: "environment.\(name).after",
            occurrence: next)
        }
        if !finished.contains(candidate) { stack.append((candidate, 0)) }
      }
    }
  }

  /// Upstream environments before those that come after them, otherwise in file order.
  private static func ordered(_ environments: [EnvironmentSettings]) -> [EnvironmentSettings] {
    var result: [EnvironmentSettings] = []
    var placed: Set<String> = []
    func place(_ environment: EnvironmentSettings) {
      guard !placed.contains(environment.name) else { return }
      placed.insert(environment.name)
      for upstream in environment.after {
        if let settings = environments.first(where: { $0.name == upstream }) { place(settings) }
      }
      result.append(environment)
    }
    environments.forEach(place)
    return result
  }
}
