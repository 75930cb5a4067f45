import Foundation

/// Converts the Markdown subset Baseload writes (headings, paragraphs, `- ` lists, pipe tables, **bold**,
/// *italic*, `code`) to HTML; all text is escaped. Each table sits in a `table-wrap` div (it scrolls sideways
/// on a narrow screen).
public enum MarkdownHTML {
  public static func render(_ markdown: String) -> String {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var out = ""
    var i = 0
    var paragraph: [String] = []
    func flush() {
      if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
      paragraph = []
    }
    while i < lines.count {
      let line = lines[i]
      if line.hasPrefix("#") {
        flush()
        let level = min(6, line.prefix { $0 == "#" }.count)
        out +=
          "<h\(level)>" + inline(line.dropFirst(level).trimmingCharacters(in: .whitespaces))
          + "</h\(level)>\n"
      } else if line.hasPrefix("- ") {
        flush()
        out += "<ul>\n"
        while i < lines.count && lines[i].hasPrefix("- ") {
          out += "<li>" + inline(String(lines[i].dropFirst(2))) + "</li>\n"
          i += 1
        }
        out += "</ul>\n"
        continue
      } else if line.hasPrefix("|") && i + 1 < lines.count && lines[i + 1].hasPrefix("|---") {
        flush()
        let header = cells(line)
        let right = cells(lines[i + 1]).map { $0.hasSuffix(":") }
        out += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for (j, h) in header.enumerated() {
          out +=
            "<th\(right.indices.contains(j) && right[j] ? " class=\"n\"" : "")>\(inline(h))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        i += 2
        while i < lines.count && lines[i].hasPrefix("|") {
          out += "<tr>"
          for (j, c) in cells(lines[i]).enumerated() {
            out +=
              "<td\(right.indices.contains(j) && right[j] ? " class=\"n\"" : "")>\(inline(c))</td>"
          }
          out += "</tr>\n"
          i += 1
        }
        out += "</tbody>\n</table></div>\n"
        continue
      } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
        flush()
      } else {
        paragraph.append(line)
      }
      i += 1
    }
    flush()
    return out
  }

  /// Cells of a pipe-table row; `\|` stays a literal bar.
  static func cells(_ row: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var chars = Array(row.trimmingCharacters(in: .whitespaces))
    if chars.first == "|" { chars.removeFirst() }
    if chars.last == "|" { chars.removeLast() }
    var k = 0
    while k < chars.count {
      if chars[k] == "\\" && k + 1 < chars.count && chars[k + 1] == "|" {
        cur.append("|")
        k += 2
        continue
      }
      if chars[k] == "|" {
        out.append(cur.trimmingCharacters(in: .whitespaces))
        cur = ""
      } else {
        cur.append(chars[k])
      }
      k += 1
    }
    out.append(cur.trimmingCharacters(in: .whitespaces))
    return out
  }

  /// Escapes, then applies `code`, **bold** and *italic*. The entities `Markdown.safe` writes are read back
  /// first, so that they are escaped once.
  static func inline(_ markdownText: String) -> String {
    let text = Markdown.unescapeEntities(markdownText)
    var out = ""
    var rest = Substring(text)
    while let tick = rest.firstIndex(of: "`") {
      out += emphasis(HTML.escape(String(rest[..<tick])))
      let after = rest[rest.index(after: tick)...]
      guard let close = after.firstIndex(of: "`") else {
        rest = rest[tick...]
        break
      }
      out += "<code>" + HTML.escape(String(after[..<close])) + "</code>"
      rest = after[after.index(after: close)...]
    }
    return out + emphasis(HTML.escape(String(rest)))
  }

  static func emphasis(_ s: String) -> String {
    var t = replacePairs(s, "**", "<strong>", "</strong>")
    t = replacePairs(t, "*", "<em>", "</em>")
    return t
  }

  static func replacePairs(_ s: String, _ mark: String, _ open: String, _ close: String) -> String {
    let parts = s.components(separatedBy: mark)
    guard parts.count >= 3 else { return s }
    var out = parts[0]
    for (i, p) in parts.dropFirst().enumerated() {
      let isOpen = i % 2 == 0
      if isOpen && i == parts.count - 2 {
        out += mark + p
      } else {
        out += (isOpen ? open : close) + p
      }
    }
    return out
  }
}
