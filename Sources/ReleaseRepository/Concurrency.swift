import Dispatch

/// Work started on another thread now, its result taken later: the thread that waits does
/// something else meanwhile.
package final class Concurrent<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Written once by the work's thread before `done` is signalled; read only after waiting.
  private var result: Result<Value, any Error>?

  package init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global().async { [self] in
      result = Result(catching: work)
      done.signal()
    }
  }

  /// True when the work has ended with a value that `test` accepts; never waits.
  package func hasEnded(with test: (Value) -> Bool) -> Bool {
    guard done.wait(timeout: .now()) == .success else { return false }
    done.signal()
    guard case .success(let value)? = result else { return false }
    return test(value)
  }

  /// Waits for the work, then returns its value or throws its error.
  package func value() throws -> Value {
    done.wait()
    done.signal()  // the next caller need not wait
    guard let result else { preconditionFailure("signalled before the result was set") }
    return try result.get()
  }
}

/// `(0..<count).map(transform)` on every core.
package enum ConcurrentMap {
  package static func map<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      let slots = Slots(base: base)
      DispatchQueue.concurrentPerform(iterations: count) { index in
        (slots.base + index).initialize(to: transform(index))
      }
      initialized = count
    }
  }

  /// Each slot is written by exactly one iteration, and read only after all have ended.
  private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
  }
}

/// One copy of each string passed through `share`: a long walk then holds each author's name
/// once, not once per commit. Used from one thread at a time.
package final class SharedStrings: @unchecked Sendable {
  private var strings: Set<String> = []

  package func share(_ text: String) -> String {
    if let known = strings.firstIndex(of: text) { return strings[known] }
    strings.insert(text)
    return text
  }
}
