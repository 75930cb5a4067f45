/// A MathProg column or row name split into its base and subscripts: `x['a b',gpu,3]` → `x`, [`a b`, `gpu`, `3`].
struct ColumnName: Equatable {
  var base: Substring
  var subscripts: [String]

  /// Parses GLPK's generated names; symbols may be single-quoted with `''` for a quote.
  init(_ name: String) {
    guard let open = name.firstIndex(of: "["), name.last == "]" else {
      base = Substring(name)
      subscripts = []
      return
    }
    base = name[..<open]
    var items: [String] = []
    var current = ""
    var quoted = false
    var i = name.index(after: open)
    let end = name.index(before: name.endIndex)
    while i < end {
      let c = name[i]
      if quoted {
        if c == "'" {
          let next = name.index(after: i)
          if next < end && name[next] == "'" {
            current.append("'")
            i = name.index(after: next)
            continue
          }
          quoted = false
        } else {
          current.append(c)
        }
      } else if c == "'" {
        quoted = true
      } else if c == "," {
        items.append(current)
        current = ""
      } else {
        current.append(c)
      }
      i = name.index(after: i)
    }
    items.append(current)
    subscripts = items
  }
}
