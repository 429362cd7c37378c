/// What a pushed release tag must be: SemVer in its namespace, annotated, named inside as outside,
/// never moved or deleted once published, and greater than the release before it.
public enum ReleaseTagRules {
  public enum Kind: Equatable, Sendable {
    /// Not in any release namespace: not checked.
    case notRelease
    /// Looks like a release of this namespace (the prefix then a digit) but is not SemVer.
    case malformed(String)
    case release(TagNamespace, SemanticVersion)
  }

  /// Sorts a tag name into a namespace. The longest matching prefix wins, so `api/v1.0.0` belongs to
  /// `api/v` even when the repository's own prefix is empty.
  public static func classify(_ name: String, namespaces: [TagNamespace]) -> Kind {
    var malformed: Kind?
    let ordered =
      namespaces.count < 2 ? namespaces : namespaces.sorted { $0.prefix.count > $1.prefix.count }
    for namespace in ordered {
      if let version = namespace.version(ofTag: name) { return .release(namespace, version) }
      guard malformed == nil, name.hasPrefix(namespace.prefix) else { continue }
      let rest = name.dropFirst(namespace.prefix.count)
      guard let first = rest.first, first.isASCII, first.isNumber else { continue }
      malformed = .malformed(
        namespace.calendar.map {
          "\"\(rest)\" after the prefix \"\(namespace.prefix)\" is not a version of the "
            + "calendar format \($0); write each part as the format does (0M: 01, not 1)"
        }
          ?? "\"\(rest)\" after the prefix \"\(namespace.prefix)\" is not a SemVer version; "
          + "name release tags like \(namespace.prefix)1.2.0 or \(namespace.prefix)2.0.0-rc.1")
    }
    return malformed ?? .notRelease
  }

  /// What is wrong with a pushed release tag.
  /// - Parameters:
  ///   - recordedName: the name inside the tag object; nil for a lightweight tag.
  ///   - remoteHadOther: the remote already has this tag, pointing elsewhere.
  ///   - previous: the release before it: the highest release of its namespace with at least its
  ///     precedence whose commit is in the new tag's history (its own commit included).
  public static func problems(
    name: String, version: SemanticVersion, recordedName: String?, remoteHadOther: Bool,
    previous: ReleaseTag?
  ) -> [String] {
    var result: [String] = []
    if remoteHadOther {
      result.append(
        "moves a published release tag; a release tag never moves: release a new version instead")
    }
    if let recordedName {
      if recordedName != name {
        result.append(
          "the tag object is named \"\(recordedName)\"; recreate it with git tag -a \(name)")
      }
    } else {
      result.append(
        "is a lightweight tag; release tags must be annotated: git tag -d \(name) && "
          + "git tag -a \(name), or use git release tag")
    }
    if let previous, previous.version.comparePrecedence(to: version) >= 0 {
      let relation =
        previous.version.hasSamePrecedence(as: version)
        ? "has the same precedence as" : "is lower than"
      result.append(
        "\(version) \(relation) \(previous.name) (\(previous.version)), which is already in its "
          + "history; a release must be greater than the release before it")
    }
    return result
  }
}
