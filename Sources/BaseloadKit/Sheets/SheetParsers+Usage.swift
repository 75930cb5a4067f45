import Foundation

extension SheetParsers {
  /// `usage.csv`: observed tasks per workload and UTC hour, for `demand_shape,replay`.
  mutating func usage(_ table: CSVTable, workloads: [Workload]) -> [String: [Int64: Double]] {
    let r = reader(
      table, known: ["workload", "hour", "tasks"], required: ["workload", "hour", "tasks"])
    defer { finish(r) }
    var out: [String: [Int64: Double]] = [:]
    var seen: [String: Int] = [:]
    if r.rows.isEmpty && !r.headerBroken {
      r.report(line: table.header.line, "no observed hours: the sheet has a header but no rows")
    }
    for row in r.rows {
      let w = knownWorkload(row, "workload", workloads)
      let tasks = row.number("tasks", in: .nonNegative)
      var hour: Int64?
      if let text = row.required("hour") {
        hour = Self.utcHour(text)
        if hour == nil {
          r.report(
            row.place("hour"),
            "hour must be an ISO 8601 UTC hour like 2026-03-02T14:00:00Z, got '\(Diagnostic.echo(text))'"
          )
        }
      }
      guard let w, let tasks, let hour else { continue }
      let key = w + "\u{1}" + String(hour)
      if let line = seen[key] {
        r.report(
          row.place("hour"), "duplicate usage row for '\(w)' in this hour (first on line \(line))")
        continue
      }
      seen[key] = row.line
      out[w, default: [:]][hour] = tasks
    }
    return out
  }

  /// Hours since 1970-01-01 of `YYYY-MM-DDTHH:00:00Z` (also `…THH:00Z`), or nil.
  static func utcHour(_ text: String) -> Int64? {
    let s = Array(text.utf8)
    guard s.count == 20 || s.count == 17, s[4] == 0x2D, s[7] == 0x2D, s[10] == 0x54,
      s[13] == 0x3A, s.last == 0x5A
    else { return nil }
    let rest = String(decoding: s[13..<(s.count - 1)], as: UTF8.self)
    guard rest == ":00:00" || rest == ":00" else { return nil }
    func n(_ a: Int, _ b: Int) -> Int? {
      let part = s[a..<b]
      guard part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      return Int(String(decoding: part, as: UTF8.self))
    }
    guard let y = n(0, 4), let m = n(5, 7), let d = n(8, 10), let h = n(11, 13), y >= 1970,
      (1...12).contains(m), h < 24
    else { return nil }
    let month = Month(year: y, month: m)
    guard (1...month.days).contains(d) else { return nil }
    return Int64(month.daysSinceEpoch + d - 1) * 24 + Int64(h)
  }
}
