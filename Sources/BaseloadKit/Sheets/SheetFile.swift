import Foundation

/// Reads one sheet file of an input folder: absent, or read completely, or an error that says why.
enum SheetFile {
  /// Largest sheet read, bytes (256 MiB); a bigger file is refused rather than read into memory.
  static let largestBytes = 256 << 20

  /// The text of `folder/name`, or nil when nothing is at that path. A path that holds something
  /// unreadable (a dangling or looping link, a folder, a device, a file without read permission,
  /// text that is not UTF-8) is a located error, never an absent sheet.
  static func contents(folder: String, name: String) throws(DiagnosticList) -> String? {
    let path = (folder as NSString).appendingPathComponent(name)
    func fail(_ message: String) -> DiagnosticList {
      DiagnosticList([Diagnostic(file: name, line: 1, column: 1, message: message)])
    }
    var link = stat()
    if lstat(path, &link) != 0 {
      if errno == ENOENT { return nil }
      throw fail("cannot read the sheet: \(reason(errno))")
    }
    var info = stat()
    if stat(path, &info) != 0 {
      switch errno {
      case ENOENT: throw fail("the sheet is a symbolic link to nothing (a dangling link)")
      case ELOOP: throw fail("the sheet is a symbolic link loop")
      default: throw fail("cannot read the sheet: \(reason(errno))")
      }
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw fail("a folder is in the sheet's place; expected a CSV file")
    default: throw fail("the sheet is not a regular file (a device, pipe or socket)")
    }
    if Int(info.st_size) > largestBytes {
      throw fail("the sheet is larger than \(largestBytes >> 20) MiB")
    }
    let fd = open(path, O_RDONLY)
    if fd < 0 { throw fail("cannot read the sheet: \(reason(errno))") }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw fail("cannot read the sheet: \(reason(errno))")
      }
      if n == 0 { break }
      data.append(contentsOf: buffer[0..<n])
      if data.count > largestBytes {
        throw fail("the sheet is larger than \(largestBytes >> 20) MiB")
      }
    }
    return try CSVParser.decode(data, fileName: name)
  }

  /// The C library's words for an error number, e.g. `Permission denied`.
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
