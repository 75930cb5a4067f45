/// A problem with a calibration source, located at its file and line.
public enum CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file or folder cannot be read.
  case unreadable(path: String, reason: String)
  /// A line that is not JSON, or JSON of the wrong shape.
  case malformed(path: String, line: Int, reason: String)
  /// A file in none of the formats calibrate reads.
  case unrecognised(path: String)
  /// An attribute whose value has the wrong type.
  case wrongType(path: String, line: Int, span: String, key: String, expected: String)
  /// A problem with `--prices` or `--template` (a sheet diagnostic).
  case sheet(String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "\(path): \(reason)"
    case .malformed(let path, let line, let reason): return "\(path):\(line): \(reason)"
    case .unrecognised(let path):
      return
        "\(path): not a format calibrate reads (OTLP JSON traces, OpenAI organization usage for completions, Anthropic usage report)"
    case .wrongType(let path, let line, let span, let key, let expected):
      return "\(path):\(line): span \(span): attribute \(key) must be \(expected)"
    case .sheet(let text): return text
    }
  }
}
