/// Process exit codes of `baseload`.
public enum ExitCode: Int32, Sendable {
  case ok = 0
  /// The input sheets have problems.
  case badInput = 1
  /// The command line is wrong.
  case usage = 2
  /// No plan can meet the demand.
  case infeasible = 3
  /// The solver hit its time limit; the best plan so far was written.
  case solverLimit = 4
  /// A report could not be written (disk full, no permission…); the path and the reason are printed and the
  /// previous contents of the target are as they were.
  case cannotWrite = 5
  /// The solver failed on a valid input, or `Models/` is missing: a defect or a broken installation, never the
  /// sheets' fault.
  case internalError = 6
}

/// Where a command writes: results to `out`, progress and problems to `err`.
public struct CommandIO: Sendable {
  public var out: @Sendable (String) -> Void
  public var err: @Sendable (String) -> Void

  public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void)
  {
    self.out = out
    self.err = err
  }

  /// The same outputs with control characters shown visibly (`\x1b`), lines and tabs kept.
  public var visible: CommandIO {
    let out = self.out
    let err = self.err
    return CommandIO(
      out: { out(VisibleText.terminal($0)) }, err: { err(VisibleText.terminal($0)) })
  }

  /// The process's standard output and error.
  public static let standard = CommandIO(
    out: { FileHandleOutput.write($0, to: 1) },
    err: { FileHandleOutput.write($0, to: 2) })
}

enum FileHandleOutput {
  static func write(_ s: String, to fd: Int32) {
    let data = Array(s.utf8)
    var offset = 0
    while offset < data.count {
      let n = data[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
      if n <= 0 { return }
      offset += n
    }
  }
}
