import Foundation

/// Finds `Models/placement.mod`: `BASELOAD_MODELS` (a folder), then `Models/` in the working directory
/// or any parent, then beside the executable's parents (for `.build/<config>/baseload`).
public enum ModelLocator {
  /// Path of the named model, or nil.
  public static func path(_ file: String = "placement.mod") -> String? {
    let fm = FileManager.default
    if let dir = ProcessInfo.processInfo.environment["BASELOAD_MODELS"] {
      let p = (dir as NSString).appendingPathComponent(file)
      return fm.fileExists(atPath: p) ? p : nil
    }
    var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
    starts.append(
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent())
    for start in starts {
      var dir = start.standardizedFileURL
      for _ in 0..<8 {
        let p = dir.appendingPathComponent("Models").appendingPathComponent(file).path
        if fm.fileExists(atPath: p) { return p }
        dir.deleteLastPathComponent()
      }
    }
    return nil
  }
}
