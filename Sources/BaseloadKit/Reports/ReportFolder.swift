import Foundation

/// Files of one report, written all at once: into a temporary folder beside the target, then renamed into place.
/// An interrupted run never leaves a half-written report and never removes the previous one first.
///
/// Baseload writes only where it may (see `ReportFolder.refusal`): an absent path, an empty folder, or a
/// report folder it wrote before, recognised by the marker file `.baseload-report` that lists the files it
/// wrote there. Anything else is refused before a single file is touched.
public struct ReportFolder: Sendable {
  /// The marker file in every report folder; it lists the files Baseload wrote there.
  public static let markerName = ".baseload-report"

  /// Relative path → contents.
  public private(set) var files: [(path: String, data: Data)] = []

  public init() {}

  public mutating func add(_ path: String, _ text: String) { add(path, Data(text.utf8)) }

  public mutating func add(_ path: String, _ data: Data) {
    files.removeAll { $0.path == path }
    files.append((path, data))
  }

  /// The text of a file added earlier.
  public func text(_ path: String) -> String? {
    files.last { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
  }

  /// What a folder is for: a report (marked, replaceable by a later report) or a new input folder (`init`:
  /// unmarked, only into an absent path or an empty folder).
  public enum Kind: Sendable {
    case report
    case newFolder
  }

  /// The marker file of this report: a comment, then every file's relative path, sorted.
  public var marker: (path: String, data: Data) {
    var text =
      "# Baseload wrote this report folder. A later run into the same place replaces it, as long as it\n"
      + "# holds only the files listed below; Baseload refuses to touch a folder that holds anything else.\n"
    for path in files.map(\.path).sorted() { text += path + "\n" }
    return (Self.markerName, Data(text.utf8))
  }

  /// Every file as written to disk for a report: the files, then the marker.
  public var filesWithMarker: [(path: String, data: Data)] { files + [marker] }

  /// Errors while writing a report.
  public enum WriteError: Error, CustomStringConvertible, Equatable {
    /// The target is not a place Baseload may write; nothing was touched.
    case refused(path: String, reason: String)
    /// The file system failed; the previous contents of the target are as they were.
    case cannotWrite(path: String, reason: String)

    public var description: String {
      switch self {
      case .refused(let path, let reason):
        return "will not write to \(path): it \(reason); nothing was touched"
      case .cannotWrite(let path, let reason):
        return "cannot write \(path): \(reason); nothing was changed"
      }
    }

    /// `usage` (2) for a refused target, `cannotWrite` (5) for a file-system failure.
    public var exitCode: ExitCode {
      switch self {
      case .refused: return .usage
      case .cannotWrite: return .cannotWrite
      }
    }
  }

  /// Writes every file under `destination`, replacing a previous report there only once the new folder is
  /// complete. Refuses (touching nothing) a destination that is not absent, an empty folder or — for a report —
  /// a report folder Baseload wrote, or that is or holds one of `inputs`. Removes temporary folders that an
  /// interrupted run into the same destination left behind. `failAfter` (tests only) fails after that many
  /// files to simulate an interruption.
  public func write(
    to destination: String, kind: Kind = .report, protecting inputs: [String] = [],
    failAfter: Int? = nil
  ) throws(WriteError) {
    if let reason = Self.refusal(destination, kind: kind, inputs: inputs) {
      throw .refused(path: destination, reason: reason)
    }
    let dest = URL(fileURLWithPath: destination).standardizedFileURL.path
    let parent = (dest as NSString).deletingLastPathComponent
    let name = (dest as NSString).lastPathComponent
    let token = Self.token()
    let temp = parent + "/.\(name).tmp-\(token)"
    var madeTemp = false
    do throws(FileSystem.Failure) {
      try FileSystem.makeFolders(parent)
      Self.removeStaleTemporaries(of: name, in: parent)
      try FileSystem.makeFolder(temp)
      madeTemp = true
      // The marker goes first, so that a temporary folder left by a killed run is recognisably ours.
      let all = kind == .report ? [marker] + files : files
      for (i, file) in all.enumerated() {
        if let n = failAfter, i >= n + (kind == .report ? 1 : 0) {
          throw FileSystem.Failure(temp + "/" + file.path, reason: "interrupted (test)")
        }
        let path = temp + "/" + file.path
        try FileSystem.makeFolders((path as NSString).deletingLastPathComponent)
        try FileSystem.writeNew(path, file.data)
      }
      if FileSystem.kind(dest) == .folder, try !FileSystem.list(dest).isEmpty {
        // rename(2) cannot replace a folder that holds files: move the old report aside first, and back on failure.
        let old = parent + "/.\(name).old-\(token)"
        try FileSystem.move(dest, old)
        do throws(FileSystem.Failure) {
          try FileSystem.move(temp, dest)
        } catch {
          try? FileSystem.move(old, dest)
          throw error
        }
        try? FileSystem.removeTree(old)
      } else {
        try FileSystem.move(temp, dest)
      }
    } catch {
      if madeTemp { try? FileSystem.removeTree(temp) }
      // Name the file as the user knows it (inside the target), not the temporary folder it was written in.
      var path = error.path
      if path == temp {
        path = dest
      } else if path.hasPrefix(temp + "/") {
        path = dest + path.dropFirst(temp.count)
      }
      throw .cannotWrite(path: path, reason: error.reason)
    }
  }

  /// Adds or replaces these files in the report folder at `destination`, keeping the other files Baseload wrote
  /// there (listed in its marker); the folder is rewritten as a whole, as `write` does, under the same rules.
  public func merge(into destination: String, protecting inputs: [String] = []) throws(WriteError) {
    if let reason = Self.refusal(destination, kind: .report, inputs: inputs) {
      throw .refused(path: destination, reason: reason)
    }
    var combined = ReportFolder()
    let dest = URL(fileURLWithPath: destination).standardizedFileURL.path
    if let owned = Self.ownedFiles(dest) {
      for path in owned.sorted() where !files.contains(where: { $0.path == path }) {
        guard FileSystem.kind(dest + "/" + path) == .file else { continue }
        do throws(FileSystem.Failure) {
          combined.add(path, try FileSystem.read(dest + "/" + path))
        } catch {
          throw .cannotWrite(path: error.path, reason: error.reason)
        }
      }
    }
    for file in files { combined.add(file.path, file.data) }
    try combined.write(to: destination, kind: .report, protecting: inputs)
  }

  /// Writes these files straight into the folder `root` (created if absent), each atomically, without replacing
  /// the folder: for a batch's `index.csv` and `index.html` beside its report folders. A file already there is
  /// replaced only if the root's marker `.baseload-index` lists it; `root` must not be or hold an input folder.
  public func place(into root: String, protecting inputs: [String] = []) throws(WriteError) {
    let markerName = Self.indexMarkerName
    if let reason = Self.rootRefusal(
      root, files: files.map(\.path), markerName: markerName, inputs: inputs)
    {
      throw .refused(path: root, reason: reason)
    }
    let dir = URL(fileURLWithPath: root).standardizedFileURL.path
    var owned = Self.ownedFiles(dir, markerName: markerName) ?? []
    owned.formUnion(files.map(\.path))
    let markerText = Self.indexMarkerText(owned)
    let token = Self.token()
    do throws(FileSystem.Failure) {
      try FileSystem.makeFolders(dir)
      for file in [(markerName, Data(markerText.utf8))] + files {
        let temp = dir + "/.\(file.0).tmp-\(token)"
        do throws(FileSystem.Failure) {
          try FileSystem.writeNew(temp, file.1)
          try FileSystem.move(temp, dir + "/" + file.0)
        } catch {
          try? FileSystem.removeTree(temp)
          throw error
        }
      }
    } catch {
      throw .cannotWrite(path: error.path, reason: error.reason)
    }
  }

  /// The marker beside a batch's index files.
  public static let indexMarkerName = ".baseload-index"

  /// The index marker's text: a comment, then the files it owns, sorted.
  public static func indexMarkerText(_ owned: Set<String>) -> String {
    var text =
      "# Baseload wrote the files listed below into this folder and replaces them on the next batch run.\n"
    for path in owned.sorted() { text += path + "\n" }
    return text
  }

  /// `<pid>-<random>`: unique, and tells a later run whether the writer is still running.
  static func token() -> String {
    "\(FileSystem.processID)-" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
  }

  /// Removes `.NAME.tmp-*` and `.NAME.old-*` folders in `parent` that interrupted runs left: only those that are
  /// empty or hold nothing but the files their marker lists.
  static func removeStaleTemporaries(of name: String, in parent: String) {
    guard let names = try? FileSystem.list(parent) else { return }
    for entry in names
    where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
      // A run still writing (its process is alive) keeps its folder.
      let pid = entry.dropFirst(name.count + 6).prefix { $0.isNumber }
      if let pid = Int32(pid), FileSystem.processIsAlive(pid) { continue }
      let path = parent + "/" + entry
      guard FileSystem.kind(path) == .folder, let items = try? FileSystem.tree(path) else {
        continue
      }
      if items.isEmpty || foreignEntry(items, owned: ownedFiles(path)) == nil {
        try? FileSystem.removeTree(path)
      }
    }
  }
}
