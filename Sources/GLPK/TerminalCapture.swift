import CGLPK

/// Collects what GLPK prints on this thread instead of letting it reach the terminal.
final class TerminalBuffer {
  var text = ""
}

enum TerminalCapture {
  /// Runs `body` with GLPK's terminal output routed into a buffer (glp_term_hook is per thread).
  static func capture<R>(_ body: () throws -> R) rethrows -> (result: R, output: String) {
    try withBuffer { buffer in (try body(), buffer.text) }
  }

  /// Runs `body` with GLPK's terminal output routed into a buffer it may read (for error messages).
  static func withBuffer<R>(_ body: (TerminalBuffer) throws -> R) rethrows -> R {
    let buffer = TerminalBuffer()
    let info = Unmanaged.passRetained(buffer)
    glp_term_hook(
      { info, text in
        guard let info, let text else { return 1 }
        Unmanaged<TerminalBuffer>.fromOpaque(info).takeUnretainedValue().text += String(
          cString: text)
        return 1
      }, info.toOpaque())
    defer {
      glp_term_hook(nil, nil)
      info.release()
    }
    return try body(buffer)
  }
}
