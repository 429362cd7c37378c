import Foundation

/// When a request to a forge or a webhook is tried again: 5xx answers and dropped connections
/// after a growing pause, rate limits after the wait the server asks for when it is within a
/// bound. Writes are safe to repeat because each publish step looks the release up first.
public struct RetryPolicy: Sendable, Equatable {
  /// Tries in all, the first included.
  public var tries: Int
  /// The pause before each try after the first, in seconds; the last one repeats.
  public var backoff: [Double]
  /// The longest a rate limit is waited out, in seconds.
  public var maxWait: Double

  public init(tries: Int = 3, backoff: [Double] = [1, 2], maxWait: Double = 60) {
    self.tries = tries
    self.backoff = backoff
    self.maxWait = maxWait
  }

  public enum Decision: Equatable, Sendable {
    /// The answer stands: success, or a failure for the caller to explain.
    case accept
    /// Try again after this many seconds.
    case retry(after: Double)
    /// Rate-limited: the wait asked for (nil when none was said) is beyond the bound, or the
    /// tries are used up.
    case rateLimited(wait: Double?)
    /// 5xx on the last try.
    case exhausted
  }

  /// What to do after an answer with `status` and `headers` on try number `attempt` (from 1).
  public func decide(status: Int, headers: [(String, String)], attempt: Int, now: Date) -> Decision
  {
    if Self.isRateLimit(status: status, headers: headers) {
      // GitHub: without a header, wait at least a minute.
      let wait = Self.requestedWait(headers, now: now)
      guard attempt < tries, (wait ?? maxWait) <= maxWait else { return .rateLimited(wait: wait) }
      return .retry(after: max(wait ?? maxWait, 0))
    }
    if status >= 500 {
      return attempt < tries ? .retry(after: pause(after: attempt)) : .exhausted
    }
    return .accept
  }

  /// After a connection that dropped (reset, closed before an answer): try again or give up.
  public func decideDropped(attempt: Int) -> Decision {
    attempt < tries ? .retry(after: pause(after: attempt)) : .exhausted
  }

  func pause(after attempt: Int) -> Double {
    guard !backoff.isEmpty else { return 0 }
    return backoff[min(attempt - 1, backoff.count - 1)]
  }

  /// 429, or GitHub's 403 that is a rate limit (a Retry-After, or no requests left).
  public static func isRateLimit(status: Int, headers: [(String, String)]) -> Bool {
    if status == 429 { return true }
    guard status == 403 else { return false }
    return value("retry-after", in: headers) != nil
      || value("x-ratelimit-remaining", in: headers) == "0"
      || value("ratelimit-remaining", in: headers) == "0"
  }

  /// Seconds to wait, from `Retry-After` (seconds or an HTTP date), else a reset time
  /// (`X-RateLimit-Reset`, `RateLimit-Reset`: seconds since 1970); nil when none says.
  public static func requestedWait(_ headers: [(String, String)], now: Date) -> Double? {
    if let text = value("retry-after", in: headers) {
      if let seconds = Double(text) { return max(seconds, 0) }
      if let date = httpDate(text) { return max(date.timeIntervalSince(now), 0) }
    }
    for name in ["x-ratelimit-reset", "ratelimit-reset"] {
      if let text = value(name, in: headers), let epoch = Double(text) {
        return max(epoch - now.timeIntervalSince1970, 0)
      }
    }
    return nil
  }

  static func value(_ name: String, in headers: [(String, String)]) -> String? {
    headers.last { $0.0.lowercased() == name }?.1.trimmingCharacters(in: .whitespaces)
  }

  /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's preferred form).
  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }
}
