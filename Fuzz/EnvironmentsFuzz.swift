import Foundation

// libFuzzer target: the parsers of environment settings and --at, fed the same text: soak and
// duration spans, release windows, freezes and local times. Any input must parse to a value
// that holds together, or be refused with a sentence: never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvironments(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let instants = [0, 1_700_000_000, 1_711_846_800, 4_102_444_800].map {
    Date(timeIntervalSince1970: TimeInterval($0))
  }
  if let span = TimeSpan(text) {
    check(span.seconds >= 0, "a negative span", text)
    check(!span.description.isEmpty, "a span that prints as nothing", text)
  }
  do {
    let window = try ReleaseWindow(parsing: text)
    check((0..<1440).contains(window.start) && (0...1440).contains(window.end), "bad bounds", text)
    check(!window.days.isEmpty && window.days.allSatisfy { (0..<7).contains($0) }, "bad days", text)
    for instant in instants { _ = window.contains(instant) }
  } catch {
    check(!error.message.isEmpty, "an error without a message", text)
  }
  do {
    let utc = TimeZone(identifier: "UTC") ?? .current
    let freeze = try Freeze(parsing: text, defaultZone: utc)
    check(freeze.start < freeze.end, "a freeze that ends before it starts", text)
    check(freeze.contains(freeze.start) && !freeze.contains(freeze.end), "freeze bounds", text)
    _ = LocalTime.format(freeze.start, in: freeze.timeZone)
  } catch {
    check(!error.message.isEmpty, "an error without a message", text)
  }
  if let date = LocalTime.parse(text) {
    _ = LocalTime.format(date, in: TimeZone(identifier: "UTC") ?? .current)
  }
  return 0
}

/// precondition prints nothing in optimised builds: say what failed, on which input.
func check(_ condition: Bool, _ what: String, _ input: String) {
  if !condition { fatalError("\(what): \(input.debugDescription)") }
}
