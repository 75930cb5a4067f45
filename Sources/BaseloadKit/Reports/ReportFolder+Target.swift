import Foundation

extension ReportFolder {
  /// Why Baseload must not write a folder at `destination`, as the end of a sentence ("it is the input
  /// folder"), or nil when it may. It may write to an absent path, an empty folder or — for a report — a folder
  /// holding Baseload's marker and nothing but the files the marker lists; never to `/`, the home folder, the
  /// current folder, one of `inputs`, or a folder that holds any of them.
  public static func refusal(_ destination: String, kind: Kind, inputs: [String]) -> String? {
    if let reason = placeRefusal(destination, inputs: inputs) { return reason }
    let target = FileSystem.canonical(destination)
    let cwd = FileSystem.canonical(FileManager.default.currentDirectoryPath)
    if target == cwd { return "is the current folder" }
    if FileSystem.isWithin(cwd, target) { return "holds the current folder" }
    let path = URL(fileURLWithPath: destination).standardizedFileURL.path
    switch FileSystem.kind(path) {
    case .absent: return nil
    case .symlink: return "is a symbolic link, not a folder Baseload wrote"
    case .file: return "is a file, not a report folder"
    case .other: return "is not a folder"
    case .folder: break
    }
    // The top level first: a large foreign folder is refused without walking it.
    let top: [String]
    do throws(FileSystem.Failure) {
      top = try FileSystem.list(path)
    } catch {
      return "cannot be read (\(error.reason))"
    }
    guard let first = top.first else { return nil }
    guard kind == .report else { return "is a folder that is not empty (it holds \(first))" }
    guard let owned = ownedFiles(path) else {
      return "is a folder Baseload did not write (it holds \(first) and no \(markerName) marker)"
    }
    do throws(FileSystem.Failure) {
      if let foreign = foreignEntry(try FileSystem.tree(path), owned: owned) {
        return "holds \(foreign), which Baseload did not write"
      }
    } catch {
      return "cannot be read (\(error.reason))"
    }
    return nil
  }

  /// Why `root` cannot take a batch's index files `files` beside the report folders, or nil.
  static func rootRefusal(_ root: String, files: [String], markerName: String, inputs: [String])
    -> String?
  {
    if let reason = placeRefusal(root, inputs: inputs) { return reason }
    let path = URL(fileURLWithPath: root).standardizedFileURL.path
    switch FileSystem.kind(path) {
    case .absent: return nil
    case .folder: break
    case .symlink where FileSystem.isFolder(path): break
    case .file: return "is a file, not a folder"
    default: return "is not a folder"
    }
    let owned = ownedFiles(path, markerName: markerName) ?? []
    for file in files where FileSystem.kind(path + "/" + file) != .absent && !owned.contains(file) {
      return "holds \(file), which Baseload did not write"
    }
    return nil
  }

  /// The refusals that hold for every place Baseload writes: `/`, the home folder and the inputs.
  static func placeRefusal(_ destination: String, inputs: [String]) -> String? {
    if destination.isEmpty { return "is an empty path" }
    let target = FileSystem.canonical(destination)
    if target == "/" { return "is the root folder" }
    let home = FileSystem.canonical(NSHomeDirectory())
    if target == home { return "is your home folder" }
    if FileSystem.isWithin(home, target) { return "holds your home folder" }
    for input in inputs {
      let folder = FileSystem.canonical(input)
      if target == folder {
        // calibrate's inputs are files as well as folders.
        return FileSystem.kind(folder) == .file ? "is an input file" : "is the input folder"
      }
      if FileSystem.isWithin(folder, target) { return "holds the input folder \(input)" }
    }
    return nil
  }

  /// The files a marker in `folder` lists, or nil when there is no marker (or it is not a plain file).
  static func ownedFiles(_ folder: String, markerName: String = ReportFolder.markerName) -> Set<
    String
  >? {
    let path = folder + "/" + markerName
    guard FileSystem.kind(path) == .file, let data = try? FileSystem.read(path) else { return nil }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    return Set(lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init))
  }

  /// The first entry of a folder's tree that is neither the marker, a file it lists nor a folder leading to
  /// one; every entry when there is no marker.
  static func foreignEntry(
    _ items: [(path: String, kind: FileSystem.Kind)], owned: Set<String>?
  ) -> String? {
    guard let owned else { return items.first?.path }
    for item in items {
      switch item.kind {
      case .file:
        if item.path != markerName && !owned.contains(item.path) { return item.path }
      case .folder:
        if !owned.contains(where: { $0.hasPrefix(item.path + "/") }) { return item.path + "/" }
      default:
        return item.path
      }
    }
    return nil
  }
}
