import Foundation

extension StringProtocol {
  /// The text without leading and trailing `CharacterSet.whitespaces` (spaces and tabs), as
  /// `trimmingCharacters(in: .whitespaces)` gives it; text that neither starts nor ends with whitespace (nearly
  /// every cell of a sheet) is returned without Foundation's copy through `NSString`.
  var trimmingWhitespace: String {
    guard let first = unicodeScalars.first, let last = unicodeScalars.last,
      CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
    else { return String(self) }
    return trimmingCharacters(in: .whitespaces)
  }
}
