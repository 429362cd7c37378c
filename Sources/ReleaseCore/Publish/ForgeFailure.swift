/// Why talking to a forge or a webhook failed, as a sentence a user can act on. None of these
/// carries a token: a credential appears only as the name of where it came from.
public enum ForgeFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The forge, its API or the project could not be worked out.
  case cannotLocate(String)
  /// No token in the forge's variables, and none from git's credential helpers.
  case noCredential(forge: String, variables: [String], host: String)
  /// 401 or 403: the token was refused or lacks a permission.
  case unauthorized(
    status: Int, forge: String, credential: String, permission: String, message: String?)
  /// The repository or project does not exist, or the token cannot see it.
  case repositoryNotFound(forge: String, project: String, source: String, api: String)
  /// 429 or a secondary rate limit whose wait is beyond the bound (or still limited after it).
  case rateLimited(host: String, wait: Int?, bound: Int)
  /// 5xx on every try.
  case serverError(status: Int, host: String, tries: Int, request: String)
  /// Another 4xx: the forge refused the request, in its own words.
  case rejected(status: Int, request: String, message: String?)
  /// No answer: no network, DNS, TLS, a reset connection on every try.
  case transport(host: String, detail: String, tries: Int)
  /// No answer within the time allowed.
  case timeout(host: String, seconds: Int, request: String)
  /// An answer that is not what the forge documents.
  case unreadableResponse(request: String)
  /// A file given with --asset that cannot be read.
  case asset(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotLocate(let text):
      return text
    case .noCredential(let forge, let variables, let host):
      return "no \(forge) token: set "
        + variables.joined(separator: " or ")
        + " (git credential fill for \(host) gave none either)"
    case .unauthorized(let status, let forge, let credential, let permission, let message):
      let verb = status == 401 ? "refused the token" : "denied the request made with the token"
      return "\(forge) \(verb) from \(credential) (HTTP \(status)"
        + (message.map { ": \($0)" } ?? "") + "). "
        + (status == 401
          ? "The token is wrong, expired or revoked; "
          : "The token lacks a permission; ")
        + "publishing needs \(permission)"
    case .repositoryNotFound(let forge, let project, let source, let api):
      return "\(forge) has no repository \(project) at \(api) (HTTP 404), or the token cannot see "
        + "it; \(project) came from \(source). Check it, or set the repository with "
        + "GITHUB_REPOSITORY, CI_PROJECT_ID or the remote's URL"
    case .rateLimited(let host, let wait, let bound):
      if let wait, wait > bound {
        return "\(host) rate-limited the requests and asks to wait \(wait)s, more than git "
          + "release waits (\(bound)s); run the same command again later, it picks up where "
          + "it stopped"
      }
      return "\(host) rate-limited the requests and still did after waiting; run the same "
        + "command again later, it picks up where it stopped"
    case .serverError(let status, let host, let tries, let request):
      return "\(host) answered \(request) with HTTP \(status) on each of \(tries) tries; the "
        + "server is failing: run the same command again later, it picks up where it stopped"
    case .rejected(let status, let request, let message):
      return "the forge refused \(request) (HTTP \(status)"
        + (message.map { ": \($0)" } ?? "") + ")"
    case .transport(let host, let detail, let tries):
      return "could not reach \(host)" + (tries > 1 ? " (\(tries) tries)" : "") + ": \(detail); "
        + "check the network, the address, and any proxy or TLS interception"
    case .timeout(let host, let seconds, let request):
      return "\(host) did not answer \(request) within \(seconds)s; try again, or allow longer "
        + "with --timeout SECONDS"
    case .unreadableResponse(let request):
      return "the forge's answer to \(request) is not the JSON its API documents; check the API "
        + "address ([forge] api, GITHUB_API_URL or CI_API_V4_URL)"
    case .asset(let path, let reason):
      return "cannot upload \(path): \(reason)"
    }
  }
}
