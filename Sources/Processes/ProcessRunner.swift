import Foundation

/// Runs a program to its end: the one process runner of the package (signers, `git credential`,
/// the user's own `git`, and the test fixtures). Standard output and standard error are read
/// while the program runs, so a program that writes more than a pipe holds never blocks.
public enum ProcessRunner {
  /// What becomes of one of the program's output streams.
  public enum Output: Sendable {
    /// Read while the program runs and returned in the result.
    case collect
    /// Written to this process's standard error (progress and chatter that is not a result).
    case standardError
    /// Left to the program: this process's own stream.
    case inherited
  }

  /// How a run ended. Streams that were not collected are empty.
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: [UInt8]
    public let stderr: [UInt8]

    public init(status: Int32, stdout: [UInt8], stderr: [UInt8]) {
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
    }
  }

  /// The program could not be run at all.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
      /// Starting it failed (no such file, not executable, ...), as the system said.
      case cannotStart(String)
      /// It was looked up on PATH and not found there.
      case notOnPath
    }

    public let program: String
    public let reason: Reason

    public init(program: String, reason: Reason) {
      self.program = program
      self.reason = reason
    }

    public var description: String {
      switch reason {
      case .cannotStart(let why): why
      case .notOnPath: "\(program) is not on PATH"
      }
    }
  }

  /// Runs `program` with `arguments` and waits for it.
  ///
  /// - `input`: bytes written to its standard input, which is then closed; nil: no input at
  ///   all (the null device), or with `inheritingInput`, this process's own standard input.
  /// - `environment`: variables added to, or replacing, this process's environment; with
  ///   `inheritingEnvironment: false`, the program's whole environment.
  /// - `directory`: where it runs; nil: this process's working directory.
  /// - `lookUp`: a `program` without a `/` is found on PATH, as git finds its helpers (through
  ///   `/usr/bin/env`); an exit status of 127 from the look-up is reported as `.notOnPath`.
  public static func run(
    _ program: String, _ arguments: [String], input: [UInt8]? = nil, inheritingInput: Bool = false,
    environment: [String: String] = [:], inheritingEnvironment: Bool = true,
    in directory: URL? = nil, lookUp: Bool = true, stdout: Output = .collect,
    stderr: Output = .collect
  ) throws(Failure) -> Result {
    let process = Process()
    if !inheritingEnvironment {
      process.environment = environment
    } else if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let lookingUp = lookUp && !program.contains("/")
    if lookingUp {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [program] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    let outPipe = Self.attach(stdout) { process.standardOutput = $0 }
    let errPipe = Self.attach(stderr) { process.standardError = $0 }
    let inPipe = input == nil ? nil : Pipe()
    if let inPipe {
      process.standardInput = inPipe
    } else if !inheritingInput {
      process.standardInput = FileHandle.nullDevice
    }
    do {
      try process.run()
    } catch {
      throw Failure(program: program, reason: .cannotStart(error.localizedDescription))
    }
    let group = DispatchGroup()
    let out = Collected()
    let err = Collected()
    for (pipe, into) in [(outPipe, out), (errPipe, err)] {
      guard let pipe else { continue }
      group.enter()
      DispatchQueue.global().async {
        into.bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
      }
    }
    if let inPipe, let input {
      // A program that exits before reading all of its input must not kill this process.
      signal(SIGPIPE, SIG_IGN)
      try? inPipe.fileHandleForWriting.write(contentsOf: Data(input))
      try? inPipe.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    group.wait()
    if lookingUp && process.terminationStatus == 127 {
      throw Failure(program: program, reason: .notOnPath)
    }
    return Result(
      status: process.terminationStatus, stdout: Array(out.bytes), stderr: Array(err.bytes))
  }

  /// Sets up one output stream; returns the pipe to read when it is collected.
  private static func attach(_ output: Output, _ set: (Any) -> Void) -> Pipe? {
    switch output {
    case .collect:
      let pipe = Pipe()
      set(pipe)
      return pipe
    case .standardError:
      set(FileHandle.standardError)
      return nil
    case .inherited:
      return nil
    }
  }

  /// Bytes one reader thread writes and the caller reads after `group.wait()`.
  private final class Collected: @unchecked Sendable {
    var bytes = Data()
  }
}
