extension Diagnostic {
  /// Most characters of a cell's text repeated in a message; longer text ends in `…`.
  public static let echoLimit = 40

  /// A cell's text as a message repeats it: the first `echoLimit` characters, then `…` when cut.
  public static func echo(_ text: Substring) -> String { echo(String(text)) }

  /// A cell's text as a message repeats it: the first `echoLimit` characters, then `…` when cut.
  public static func echo(_ text: String) -> String {
    guard text.count > echoLimit else { return text }
    return String(text.prefix(echoLimit)) + "…"
  }
}
