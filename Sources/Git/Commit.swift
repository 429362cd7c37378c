import Clibgit2
import Foundation

/// A commit, copied out of libgit2.
public struct Commit: Sendable {
  public let id: ObjectID
  public let parentIDs: [ObjectID]
  public let treeID: ObjectID
  public let author: Signature
  public let committer: Signature
  /// The message exactly as stored, in whatever encoding the writer used.
  public let rawMessage: [UInt8]
  /// The `encoding` header, when the writer declared one.
  public let encoding: String?

  /// The message as text; bytes that are not UTF-8 become U+FFFD.
  public var message: String { String(decoding: rawMessage, as: UTF8.self) }

  /// The first line of the message.
  public var summary: Substring {
    let text = message
    return text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
  }

  public var isMerge: Bool { parentIDs.count > 1 }

  package init(
    id: ObjectID, parentIDs: [ObjectID], treeID: ObjectID, author: Signature,
    committer: Signature, rawMessage: [UInt8], encoding: String?
  ) {
    self.id = id
    self.parentIDs = parentIDs
    self.treeID = treeID
    self.author = author
    self.committer = committer
    self.rawMessage = rawMessage
    self.encoding = encoding
  }

  init(_ commit: OpaquePointer) {
    id = ObjectID(git_commit_id(commit))
    let count = git_commit_parentcount(commit)
    var parents: [ObjectID] = []
    parents.reserveCapacity(Int(count))
    for index in 0..<count {
      if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
    }
    parentIDs = parents
    treeID = ObjectID(git_commit_tree_id(commit))
    author = Signature(git_commit_author(commit))
    committer = Signature(git_commit_committer(commit))
    if let raw = git_commit_message_raw(commit) {
      rawMessage = Array(UnsafeRawBufferPointer.utf8CString(raw))
    } else {
      rawMessage = []
    }
    encoding = git_commit_message_encoding(commit).map { String(cString: $0) }
  }
}
