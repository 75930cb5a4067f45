import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file operations report writing needs, on POSIX calls so that every failure carries the path and
/// the system's reason in words (`Permission denied`), never a Foundation error number.
enum FileSystem {
  /// A failed file operation: the path and the reason.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }

    init(_ path: String, errno code: Int32) {
      self.path = path
      reason = String(cString: strerror(code))
    }

    init(_ path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// What is at a path, without following a final symbolic link.
  enum Kind: Equatable {
    case absent, file, folder, symlink, other
  }

  static func kind(_ path: String) -> Kind {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .absent }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .folder
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// Whether a path leads to a folder, following symbolic links.
  static func isFolder(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
  }

  /// Names in a folder (without `.` and `..`), sorted.
  static func list(_ path: String) throws(Failure) -> [String] {
    guard let dir = opendir(path) else { throw Failure(path, errno: errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Every path below a folder, relative to it, folders before their contents; does not follow links.
  static func tree(_ path: String) throws(Failure) -> [(path: String, kind: Kind)] {
    var out: [(String, Kind)] = []
    func walk(_ relative: String) throws(Failure) {
      let full = relative.isEmpty ? path : path + "/" + relative
      for name in try list(full) {
        let r = relative.isEmpty ? name : relative + "/" + name
        let k = kind(path + "/" + r)
        out.append((r, k))
        if k == .folder { try walk(r) }
      }
    }
    try walk("")
    return out
  }

  /// Creates a folder and any missing parents (like `mkdir -p`).
  static func makeFolders(_ path: String) throws(Failure) {
    if isFolder(path) { return }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && parent != path { try makeFolders(parent) }
    if mkdir(path, 0o755) != 0 && !(errno == EEXIST && isFolder(path)) {
      throw errno == EEXIST
        ? Failure(path, reason: "it is a file, not a folder") : Failure(path, errno: errno)
    }
  }

  /// Creates one new folder; fails when anything is already there.
  static func makeFolder(_ path: String) throws(Failure) {
    if mkdir(path, 0o755) != 0 { throw Failure(path, errno: errno) }
  }

  /// Writes a new file (it must not exist yet).
  static func writeNew(_ path: String, _ data: Data) throws(Failure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw Failure(path, errno: errno) }
    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure != 0 {
      unlink(path)
      throw Failure(path, errno: failure)
    }
  }

  /// Reads a whole regular file.
  static func read(_ path: String) throws(Failure) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(
        path, reason: access(path, R_OK) == 0 ? "cannot be read" : String(cString: strerror(errno)))
    }
    return data
  }

  /// Renames atomically (rename(2)): a file over a file, or a folder onto an absent path or an empty folder.
  static func move(_ from: String, _ to: String) throws(Failure) {
    if rename(from, to) != 0 { throw Failure(to, errno: errno) }
  }

  /// Removes a folder and everything in it, never following links out of it.
  static func removeTree(_ path: String) throws(Failure) {
    if kind(path) == .folder {
      for name in try list(path) { try removeTree(path + "/" + name) }
      if rmdir(path) != 0 { throw Failure(path, errno: errno) }
    } else if kind(path) != .absent {
      if unlink(path) != 0 { throw Failure(path, errno: errno) }
    }
  }

  /// An absolute path with `.`, `..` and symbolic links resolved as far as the path exists; the rest kept as
  /// written. Two spellings of the same folder give the same string.
  static func canonical(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    var head = absolute
    var tail: [String] = []
    while true {
      if let resolved = realpath(head, nil) {
        defer { free(resolved) }
        let base = String(cString: resolved)
        if tail.isEmpty { return base }
        return (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
      }
      if head == "/" || head.isEmpty { return absolute }
      tail.append((head as NSString).lastPathComponent)
      head = (head as NSString).deletingLastPathComponent
    }
  }

  /// This process's id.
  static var processID: Int32 { getpid() }

  /// Whether a process with this id exists (a process of another user counts as alive).
  static func processIsAlive(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }

  /// Whether canonical path `inner` is `outer` or lies inside it.
  static func isWithin(_ inner: String, _ outer: String) -> Bool {
    inner == outer || outer == "/" || inner.hasPrefix(outer + "/")
  }
}
