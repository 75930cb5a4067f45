import Foundation

/// Reads a file line by line in fixed-size chunks, so memory stays bounded by the longest line, not the
/// file: a 2 GB trace file is read with a few megabytes.
struct LineReader {
  /// Most bytes one line may hold (a single JSON document spread over lines is read whole, up to this).
  static let maxLineBytes = 512 << 20
  let path: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var finished = false
  /// 1-based number of the line last returned.
  private(set) var lineNumber = 0

  init(path: String) throws(CalibrationError) {
    self.path = path
    guard let h = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(path: path, reason: "cannot be opened for reading")
    }
    handle = h
  }

  /// The next line without its line end (LF or CRLF), or nil at the end of the file; the first line without a
  /// UTF-8 byte order mark (editors on Windows write one; the JSON after it is valid).
  mutating func next() throws(CalibrationError) -> ArraySlice<UInt8>? {
    guard var line = try nextLine() else { return nil }
    if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
    return line
  }

  private mutating func nextLine() throws(CalibrationError) -> ArraySlice<UInt8>? {
    while true {
      if let nl = buffer[position...].firstIndex(of: 0x0A) {
        var end = nl
        if end > position, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[position..<end]
        position = nl + 1
        lineNumber += 1
        return line
      }
      if finished {
        guard position < buffer.count else { return nil }
        let line = buffer[position...]
        position = buffer.count
        lineNumber += 1
        return line
      }
      if buffer.count - position > Self.maxLineBytes {
        throw .malformed(
          path: path, line: lineNumber + 1, reason: "the line is longer than 512 MiB")
      }
      // Drop what was consumed before reading more.
      if position > 0 {
        buffer.removeFirst(position)
        position = 0
      }
      let chunk: Data
      do {
        chunk = try handle.read(upToCount: 4 << 20) ?? Data()
      } catch {
        throw .unreadable(path: path, reason: "\(error)")
      }
      if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
    }
  }

  func close() { try? handle.close() }
}

/// Lines of a JSON Lines file.
enum JSONLine {
  /// Parses one line or document; nil when it is not JSON.
  static func object(_ bytes: ArraySlice<UInt8>) -> JSONValue? { JSONValue.parse(bytes) }

  /// Whether a line holds only white space.
  static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }
}
