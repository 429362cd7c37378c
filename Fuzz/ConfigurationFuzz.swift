import Foundation

// libFuzzer target: `.gitrelease` as the tool reads it, libgit2's parser included. Any input must
// give a Configuration or a ConfigurationError/GitError: never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("git-release-fuzz-\(getpid()).gitrelease").path
  guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
  defer { unlink(path) }
  let text = String(decoding: bytes, as: UTF8.self)
  // The tool refuses include sections before libgit2 sees them; so does the fuzzer.
  if text.lowercased().contains("[include") { return 0 }
  do {
    let config = try Config(fileAt: path)
    let entries = try config.entries().map { ConfigurationEntry(name: $0.name, value: $0.value) }
    _ = try Configuration(file: ".gitrelease", entries: entries, text: text)
  } catch {
    _ = String(describing: error)
  }
  return 0
}
