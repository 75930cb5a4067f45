/// A parsed command line: positional words, `--flag value` options and bare `--switches`.
public struct Arguments: Sendable {
  public var positional: [String] = []
  public var options: [String: String] = [:]
  public var switches: Set<String> = []
  /// Every value of an option that may be given more than once, in order (`--provider a --provider b`).
  public var lists: [String: [String]] = [:]

  /// Usage problems in words.
  public struct UsageError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Parses `words`; `valued` options take the next word; `flags` take none; `repeatable` options take the
  /// next word and may be given more than once (collected in `lists`).
  public init(
    _ words: [String], valued: Set<String>, flags: Set<String>, repeatable: Set<String> = []
  ) throws {
    var i = 0
    while i < words.count {
      let w = words[i]
      if w == "--" {
        positional.append(contentsOf: words[(i + 1)...])
        break
      }
      if w.hasPrefix("--") {
        var name = String(w.dropFirst(2))
        var value: String?
        if let eq = name.firstIndex(of: "=") {
          value = String(name[name.index(after: eq)...])
          name = String(name[..<eq])
        }
        if flags.contains(name) {
          if value != nil { throw UsageError(description: "--\(name) takes no value") }
          // `-h --help` asks for help twice: still help.
          guard switches.insert(name).inserted || name == "help" else {
            throw UsageError(description: "--\(name) is given twice")
          }
        } else if valued.contains(name) || repeatable.contains(name) {
          if value == nil {
            i += 1
            // `--out --quiet` is a forgotten value, not a folder named `--quiet` (`--out=--quiet` is one).
            guard i < words.count, !words[i].hasPrefix("--") else {
              throw UsageError(description: "--\(name) needs a value")
            }
            value = words[i]
          }
          guard value != "" else { throw UsageError(description: "--\(name) needs a value") }
          if repeatable.contains(name) {
            lists[name, default: []].append(value!)
            i += 1
            continue
          }
          guard options[name] == nil else {
            throw UsageError(description: "--\(name) is given twice")
          }
          options[name] = value
        } else {
          throw UsageError(description: "unknown option --\(name)")
        }
      } else if w == "-h" {
        switches.insert("help")
      } else if w.hasPrefix("-") && w.count > 1 && w != "-" {
        throw UsageError(description: "unknown option \(w)")
      } else {
        positional.append(w)
      }
      i += 1
    }
  }
}
