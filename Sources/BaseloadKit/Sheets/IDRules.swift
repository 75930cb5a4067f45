/// What an id (workload, offer, commitment) or a scenario name may be.
/// Ids become quoted MathProg symbols (at most 100 bytes with the quotes) and parts of chart file
/// names; `*` and `;` belong to the list syntax of tiers, regions, `applies_to` and scenario targets.
enum IDRules {
  /// Most characters in an id or a scenario name.
  static let maxCharacters = 64
  /// Most UTF-8 bytes in an id, a `'` counted twice (MathProg doubles it inside the quotes).
  static let maxBytes = 96

  /// Why `id` cannot be an id, as the end of a sentence that starts with the id; nil when it can.
  static func problem(_ id: String) -> String? {
    if id == "*" { return "is the list wildcard; '*' means every id and cannot be one" }
    if id.contains(";") { return "holds ';', which separates the items of a list" }
    let bytes = id.utf8.count + id.utf8.filter { $0 == UInt8(ascii: "'") }.count
    if id.count > maxCharacters || bytes > maxBytes {
      // Name the limit that is passed: 49 'é' are 98 bytes, not too many characters.
      let size =
        id.count > maxCharacters
        ? "\(id.count) characters"
        : "\(bytes) bytes of UTF-8\(bytes > id.utf8.count ? ", a ' counted twice" : "")"
      return
        "is too long (\(size)); at most \(maxCharacters) characters and \(maxBytes) bytes of UTF-8"
    }
    return nil
  }
}
