import Foundation

/// A signature that could not be made: the signing program is missing, failed or is not
/// configured. Not libgit2's error; the message says what to set or install.
public struct SigningError: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String
  /// The signing program's exit status, when it ran and failed.
  public let status: Int32?

  public init(_ message: String, status: Int32? = nil) {
    self.message = message
    self.status = status
  }

  public var description: String { message }
}

/// How git signs tags, read from git configuration as `git tag -s` reads it: `gpg.format` picks
/// OpenPGP (`gpg`), X.509 (`gpgsm`) or SSH (`ssh-keygen -Y sign`); `user.signingKey` names the key.
public struct SigningMethod: Sendable, CustomStringConvertible {
  public enum Format: String, Sendable {
    case openpgp, x509, ssh
  }

  public let format: Format
  /// The program run to sign, from `gpg.<format>.program` (or `gpg.program` for OpenPGP).
  public let program: String
  /// The key: an OpenPGP or X.509 key id or user id, or for SSH a key file's path or a literal
  /// public key (whose private half the ssh-agent holds).
  public let key: String

  public init(format: Format, program: String, key: String) {
    self.format = format
    self.program = program
    self.key = key
  }

  /// For SSH, a key given as its text (`ssh-ed25519 AAAA…`, or `key::` followed by it) rather than
  /// a file; git then asks the agent for it.
  var isLiteralSSHKey: Bool { key.hasPrefix("ssh-") || key.hasPrefix("key::") }

  public var description: String {
    switch format {
    case .ssh where isLiteralSSHKey:
      "ssh key from the agent (\(program))"
    case .ssh:
      "ssh key \(key) (\(program))"
    case .openpgp, .x509:
      "\(format.rawValue) key \(key) (\(program))"
    }
  }

  /// Signs `payload` and returns the detached, armored signature git appends to a tag's message.
  /// Nothing is written to the repository.
  public func sign(_ payload: [UInt8]) throws(SigningError) -> [UInt8] {
    let signature: [UInt8]
    switch format {
    case .openpgp, .x509: signature = try signWithGPG(payload)
    case .ssh: signature = try signWithSSH(payload)
    }
    // Signers on Windows end lines with CR LF; the object must not (git strips them too).
    return signature.filter { $0 != 0x0D }
  }

  private func signWithGPG(_ payload: [UInt8]) throws(SigningError) -> [UInt8] {
    let result = try SignerProcess.run(program, ["--status-fd=2", "-bsau", key], input: payload)
    let status = String(decoding: result.stderr, as: UTF8.self)
    guard result.status == 0, status.contains("[GNUPG:] SIG_CREATED "), !result.stdout.isEmpty
    else {
      throw signingError(
        "\(program) could not sign with key \(key): \(Self.lastLines(status))", result.status)
    }
    return result.stdout
  }

  private func signWithSSH(_ payload: [UInt8]) throws(SigningError) -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("git-release-sign-\(UUID().uuidString)", isDirectory: true)
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
      throw signingError("cannot make a temporary folder to sign in: \(error)", 0)
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    let buffer = folder.appendingPathComponent("buffer")
    var arguments = ["-Y", "sign", "-n", "git", "-f"]
    do {
      try Data(payload).write(to: buffer)
      if isLiteralSSHKey {
        let keyFile = folder.appendingPathComponent("key.pub")
        let text = key.hasPrefix("key::") ? String(key.dropFirst(5)) : key
        try Data((text + "\n").utf8).write(to: keyFile)
        arguments += [keyFile.path, "-U"]
      } else {
        arguments.append(Self.expandingHome(key))
      }
    } catch {
      throw signingError("cannot write the data to sign: \(error)", 0)
    }
    arguments.append(buffer.path)
    let result = try SignerProcess.run(program, arguments, input: nil)
    let errors = String(decoding: result.stderr, as: UTF8.self)
    let signatureFile = buffer.appendingPathExtension("sig")
    guard result.status == 0, !errors.contains("usage:"),
      let signature = FileManager.default.contents(atPath: signatureFile.path), !signature.isEmpty
    else {
      throw signingError(
        "\(program) could not sign with \(description): \(Self.lastLines(errors))", result.status)
    }
    return Array(signature)
  }

  private func signingError(_ message: String, _ status: Int32) -> SigningError {
    SigningError(message, status: status)
  }

  /// `~/` at the start of a key path means the home folder, as git reads it.
  static func expandingHome(_ path: String) -> String {
    guard path.hasPrefix("~/") else { return path }
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return home + String(path.dropFirst(1))
  }

  static func lastLines(_ text: String) -> String {
    let lines = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("[GNUPG:]") }
    let tail = lines.suffix(3).joined(separator: "; ")
    return tail.isEmpty ? "no message" : tail
  }
}

extension Repository {
  /// The signing program and key `git tag -s` would use for a tag by `signer`: `gpg.format`,
  /// `gpg.<format>.program` (`gpg.program` for OpenPGP), and `user.signingKey`, which defaults to
  /// the signer's `Name <email>` for OpenPGP and X.509 and to `gpg.ssh.defaultKeyCommand` for SSH.
  public func signingMethod(for signer: Signature) throws(SigningError) -> SigningMethod {
    do {
      return try signingMethod(for: signer, in: Config(of: self))
    } catch let error as SigningError {
      throw error
    } catch let error as GitError {
      throw SigningError(error.message)  // the configuration could not be read
    } catch {
      throw SigningError("\(error)")
    }
  }

  private func signingMethod(for signer: Signature, in config: Config) throws -> SigningMethod {
    let formatName = try config.string("gpg.format") ?? "openpgp"
    guard let format = SigningMethod.Format(rawValue: formatName.lowercased()) else {
      throw SigningError(
        "gpg.format = \(formatName) is not a signature format git knows; "
          + "set it to openpgp, x509 or ssh")
    }
    let program: String
    switch format {
    case .openpgp:
      let legacy = try config.string("gpg.program")
      program = try config.string("gpg.openpgp.program") ?? legacy ?? "gpg"
    case .x509:
      program = try config.string("gpg.x509.program") ?? "gpgsm"
    case .ssh:
      program = try config.string("gpg.ssh.program") ?? "ssh-keygen"
    }
    if let key = try config.string("user.signingkey"), !key.isEmpty {
      return SigningMethod(format: format, program: program, key: key)
    }
    guard format == .ssh else {
      return SigningMethod(
        format: format, program: program, key: "\(signer.name) <\(signer.email)>")
    }
    guard let command = try config.string("gpg.ssh.defaultkeycommand"), !command.isEmpty else {
      throw SigningError(
        "ssh signing needs a key, and none is configured; set user.signingKey to your "
          + "key file (git config user.signingKey ~/.ssh/id_ed25519.pub) or set "
          + "gpg.ssh.defaultKeyCommand")
    }
    let result = try SignerProcess.run("/bin/sh", ["-c", command], input: nil, lookUp: false)
    let output = String(decoding: result.stdout, as: UTF8.self)
    let firstLine = output.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    guard result.status == 0, firstLine.hasPrefix("ssh-") || firstLine.hasPrefix("key::") else {
      throw SigningError(
        "gpg.ssh.defaultKeyCommand (\(command)) gave no ssh key; set user.signingKey",
        status: result.status)
    }
    return SigningMethod(format: format, program: program, key: firstLine)
  }
}

/// Runs a program (a signer, `git credential`) with its output collected while it runs.
public enum SignerProcess {
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: [UInt8]
    public let stderr: [UInt8]
  }

  /// `lookUp`: find `program` on PATH as git does, through `env`. `environment` adds to or
  /// replaces variables of this process's environment for the program.
  public static func run(
    _ program: String, _ arguments: [String], input: [UInt8]?, lookUp: Bool = true,
    environment: [String: String] = [:]
  )
    throws(SigningError) -> Result
  {
    let process = Process()
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if lookUp && !program.contains("/") {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [program] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = arguments
    }
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    do {
      try process.run()
    } catch {
      throw SigningError(
        "cannot run \(program): \(error.localizedDescription); install it, or name the "
          + "program in git config (gpg.program, gpg.ssh.program)")
    }
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    group.enter()
    DispatchQueue.global().async {
      out = stdout.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      err = stderr.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    if let input {
      // A signer that exits before reading all of its input must not kill this process.
      signal(SIGPIPE, SIG_IGN)
      try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
      try? stdin.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    group.wait()
    if process.terminationStatus == 127 && lookUp && !program.contains("/") {
      throw SigningError(
        "cannot run \(program): it is not on PATH; install it, or name the program in "
          + "git config (gpg.program, gpg.ssh.program)", status: 127)
    }
    return Result(status: process.terminationStatus, stdout: Array(out), stderr: Array(err))
  }
}
