import Foundation

/// Files of one report, written all at once: into a temporary folder beside the target, then renamed into place.
/// An interrupted run never leaves a half-written report and never removes the previous one first.
public struct ReportFolder: Sendable {
  /// Relative path → contents.
  public private(set) var files: [(path: String, data: Data)] = []

  public init() {}

  public mutating func add(_ path: String, _ text: String) { files.append((path, Data(text.utf8))) }

  /// The text of a file added earlier.
  public func text(_ path: String) -> String? {
    files.last { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
  }

  /// Errors while writing a report.
  public enum WriteError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    public var description: String {
      switch self {
      case .cannotWrite(let path, let reason): return "cannot write report \(path): \(reason)"
      }
    }
  }

  /// Writes every file under `destination`, replacing it only once the new folder is complete.
  /// `failAfter` (tests only) throws after that many files to simulate an interruption.
  public func write(to destination: String, failAfter: Int? = nil) throws {
    let fm = FileManager.default
    let dest = URL(fileURLWithPath: destination).standardizedFileURL
    let parent = dest.deletingLastPathComponent()
    let token = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
    let temp = parent.appendingPathComponent(".\(dest.lastPathComponent).tmp-\(token)")
    do {
      try fm.createDirectory(at: parent, withIntermediateDirectories: true)
      try fm.createDirectory(at: temp, withIntermediateDirectories: true)
      for (i, file) in files.enumerated() {
        if let n = failAfter, i >= n {
          throw WriteError.cannotWrite(path: file.path, reason: "interrupted (test)")
        }
        let url = temp.appendingPathComponent(file.path)
        try fm.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.data.write(to: url)
      }
      if fm.fileExists(atPath: dest.path) {
        let old = parent.appendingPathComponent(".\(dest.lastPathComponent).old-\(token)")
        try fm.moveItem(at: dest, to: old)
        try fm.moveItem(at: temp, to: dest)
        try? fm.removeItem(at: old)
      } else {
        try fm.moveItem(at: temp, to: dest)
      }
    } catch let e as WriteError {
      try? fm.removeItem(at: temp)
      throw e
    } catch {
      try? fm.removeItem(at: temp)
      throw WriteError.cannotWrite(path: dest.path, reason: error.localizedDescription)
    }
  }

  /// Adds or replaces only these files inside `destination` (each written atomically), keeping the others.
  public func merge(into destination: String) throws {
    let fm = FileManager.default
    for file in files {
      let url = URL(fileURLWithPath: destination).appendingPathComponent(file.path)
      do {
        try fm.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.data.write(to: url, options: .atomic)
      } catch {
        throw WriteError.cannotWrite(path: url.path, reason: error.localizedDescription)
      }
    }
  }
}
