import Foundation

/// Finds `Models/placement.mod`: `BASELOAD_MODELS` (a folder), then `Models/` in the working directory
/// or any parent, then beside the executable's parents (for `.build/<config>/baseload`).
public enum ModelLocator {
  /// Folders searched, with up to `searchDepth - 1` of their parents each: the working directory, then the
  /// executable's folder.
  static var searchStarts: [URL] {
    [
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
    ]
  }

  /// Folders looked at from each start: the start and its parents.
  static let searchDepth = 8

  /// Path of the named model, or nil.
  public static func path(_ file: String = "placement.mod") -> String? {
    path(file, environment: ProcessInfo.processInfo.environment, searchingFrom: searchStarts)
  }

  /// Path of the named model: in `BASELOAD_MODELS` when `environment` sets it (and nowhere else), else in
  /// `Models/` of the first of `starts` or their parents that has it; nil when none has.
  static func path(_ file: String, environment: [String: String], searchingFrom starts: [URL])
    -> String?
  {
    let fm = FileManager.default
    if let dir = environment["BASELOAD_MODELS"] {
      let p = (dir as NSString).appendingPathComponent(file)
      return fm.fileExists(atPath: p) ? p : nil
    }
    for start in starts {
      var dir = start.standardizedFileURL
      for _ in 0..<searchDepth {
        let p = dir.appendingPathComponent("Models").appendingPathComponent(file).path
        if fm.fileExists(atPath: p) { return p }
        dir.deleteLastPathComponent()
      }
    }
    return nil
  }
}
