import CGLPK
import Foundation

/// Collects what GLPK prints on this thread instead of letting it reach the terminal.
final class TerminalBuffer {
  var text = ""
}

/// The buffers open on one thread, innermost last: a solve started inside another's callback (a dispatch LP
/// inside the capacity master's branch and cut) captures its own output and hands the hook back on return.
final class TerminalStack {
  var buffers: [TerminalBuffer] = []

  /// This thread's stack (glp_term_hook is per thread, like GLPK's environment).
  static var current: TerminalStack {
    let key = "baseload.glpk.terminal"
    if let s = Thread.current.threadDictionary[key] as? TerminalStack { return s }
    let s = TerminalStack()
    Thread.current.threadDictionary[key] = s
    return s
  }
}

enum TerminalCapture {
  /// Runs `body` with GLPK's terminal output routed into a buffer (glp_term_hook is per thread).
  static func capture<R>(_ body: () throws -> R) rethrows -> (result: R, output: String) {
    try withBuffer { buffer in (try body(), buffer.text) }
  }

  /// Runs `body` with GLPK's terminal output routed into a buffer it may read (for error messages). Nested
  /// captures on one thread each get their own buffer; the outer one is restored when the inner ends.
  static func withBuffer<R>(_ body: (TerminalBuffer) throws -> R) rethrows -> R {
    let buffer = TerminalBuffer()
    let stack = TerminalStack.current
    stack.buffers.append(buffer)
    install(buffer)
    defer {
      stack.buffers.removeLast()
      if let outer = stack.buffers.last { install(outer) } else { glp_term_hook(nil, nil) }
    }
    return try body(buffer)
  }

  /// Routes this thread's GLPK output into `buffer` (kept alive by the stack while installed).
  private static func install(_ buffer: TerminalBuffer) {
    glp_term_hook(
      { info, text in
        guard let info, let text else { return 1 }
        Unmanaged<TerminalBuffer>.fromOpaque(info).takeUnretainedValue().text += String(
          cString: text)
        return 1
      }, Unmanaged.passUnretained(buffer).toOpaque())
  }
}
