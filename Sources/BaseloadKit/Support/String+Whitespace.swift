import Foundation

extension StringProtocol {
  /// The text without leading and trailing `CharacterSet.whitespaces` (spaces and tabs), as
  /// `trimmingCharacters(in: .whitespaces)` gives it; text that neither starts nor ends with whitespace (nearly
  /// every cell of a sheet) is returned without Foundation's copy through `NSString`, and an ASCII end is
  /// judged without asking `CharacterSet` (whose getter copies the set on every call).
  var trimmingWhitespace: String {
    guard let first = unicodeScalars.first, let last = unicodeScalars.last,
      first.isWhitespaceForTrimming || last.isWhitespaceForTrimming
    else { return String(self) }
    return trimmingCharacters(in: .whitespaces)
  }
}

extension Unicode.Scalar {
  /// Whether `CharacterSet.whitespaces` holds this scalar: of ASCII, only space and tab.
  fileprivate var isWhitespaceForTrimming: Bool {
    if isASCII { return self == " " || self == "\t" }
    return CharacterSet.whitespaces.contains(self)
  }
}
