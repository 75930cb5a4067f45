import Foundation

/// Typed parsing of each sheet; problems accumulate in `diagnostics`.
struct SheetParsers {
  let folderName: String
  var diagnostics = DiagnosticList()
  /// Sheets whose rows cannot be trusted: unreadable, a required column missing, or no rows where
  /// rows are needed. References into them are not reported as unknown (the sheet's own error is).
  var broken: Set<String> = []
  /// Every id written in a sheet's id column (`profile` for profiles.csv), valid row or not.
  var named: [String: Set<String>] = [:]

  init(folderName: String) { self.folderName = folderName }

  /// Starts reading a sheet; header problems are recorded at once.
  mutating func reader(_ table: CSVTable, known: [String], required: [String]) -> SheetReader {
    SheetReader(table: table, known: known, required: required)
  }

  mutating func finish(_ reader: SheetReader) {
    diagnostics.append(contentsOf: reader.diagnostics)
    if reader.headerBroken { broken.insert(reader.file) }
  }

  /// Records the ids written in `column` of `rows` as the names `sheet` defines.
  mutating func name(_ rows: [SheetRow], _ column: String, sheet: String) {
    named[sheet, default: []].formUnion(rows.compactMap { $0.text(column) })
  }

  /// Whether `id`, found in none of the valid rows of `sheets`, may be reported as unknown:
  /// only when every one of those sheets was read and none of their rows names it.
  func unknown(_ id: String, in sheets: [String]) -> Bool {
    !sheets.contains { broken.contains($0) || named[$0]?.contains(id) == true }
  }

  /// Reports ids seen twice in a sheet.
  func checkUnique(_ rows: [SheetRow], column: String, reader: SheetReader) {
    var first: [String: Int] = [:]
    for row in rows {
      guard let id = row.text(column) else { continue }
      if let line = first[id] {
        reader.report(
          row.place(column),
          "duplicate \(column) '\(Diagnostic.echo(id))' (first defined on line \(line))")
      } else {
        first[id] = row.line
      }
    }
  }

  /// A latency list cell: `*` or empty = all classes.
  func latencies(_ row: SheetRow) -> Set<LatencyClass> {
    let items = row.list("latency")
    if items.contains("*") { return Set(LatencyClass.allCases) }
    var out = Set<LatencyClass>()
    for item in items {
      if let l = LatencyClass.byName[item.lowercased()] {
        out.insert(l)
      } else {
        row.reader.report(
          row.place("latency"),
          "'\(Diagnostic.echo(item))' is not a latency class (interactive, standard, batch)")
      }
    }
    return out
  }

  /// A month cell `YYYY-MM`.
  func month(_ row: SheetRow, _ column: String) -> Month? {
    guard let t = row.required(column) else { return nil }
    guard let m = Month(t) else {
      row.reader.report(
        row.place(column),
        "'\(Diagnostic.echo(t))' is not a month; write YYYY-MM, a year from \(Month.years.lowerBound) to \(Month.years.upperBound) (column '\(column)')"
      )
      return nil
    }
    return m
  }

  /// Offer id of a valid row of the apis or capacity sheet; an id no row names is reported.
  func knownOffer(_ row: SheetRow, _ column: String, _ ids: Set<String>) -> String? {
    guard let id = row.required(column) else { return nil }
    guard ids.contains(id) else {
      if unknown(id, in: ["apis.csv", "capacity.csv"]) {
        row.reader.report(
          row.place(column),
          "unknown offer '\(Diagnostic.echo(id))' (not in apis.csv or capacity.csv)")
      }
      return nil
    }
    return id
  }

  /// Workload id of a valid row of workloads.csv; an id no row names is reported.
  func knownWorkload(_ row: SheetRow, _ column: String, _ workloads: [Workload]) -> String? {
    guard let id = row.required(column) else { return nil }
    guard workloads.contains(where: { $0.id == id }) else {
      if unknown(id, in: ["workloads.csv"]) {
        row.reader.report(
          row.place(column), "unknown workload '\(Diagnostic.echo(id))' (not in workloads.csv)")
      }
      return nil
    }
    return id
  }
}
