/// The tool's own version: `git release --version`, and the User-Agent of its HTTP requests.
package enum ToolVersion {
  package static let version = "0.1.0"
  package static var userAgent: String { "git-release/\(version)" }
}
