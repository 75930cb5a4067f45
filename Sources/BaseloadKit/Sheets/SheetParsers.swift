import Foundation

/// Typed parsing of each sheet; problems accumulate in `diagnostics`.
struct SheetParsers {
  let folderName: String
  var diagnostics = DiagnosticList()

  init(folderName: String) { self.folderName = folderName }

  /// Starts reading a sheet; header problems are recorded at once.
  mutating func reader(_ table: CSVTable, known: [String], required: [String]) -> SheetReader {
    SheetReader(table: table, known: known, required: required)
  }

  mutating func finish(_ reader: SheetReader) { diagnostics.append(contentsOf: reader.diagnostics) }

  /// Reports ids seen twice in a sheet.
  func checkUnique(_ rows: [SheetRow], column: String, reader: SheetReader) {
    var first: [String: Int] = [:]
    for row in rows {
      guard let id = row.text(column) else { continue }
      if let line = first[id] {
        reader.report(
          row.place(column), "duplicate \(column) '\(id)' (first defined on line \(line))")
      } else {
        first[id] = row.line
      }
    }
  }

  static let latencyWords: [String: LatencyClass] = LatencyClass.byName

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
          row.place("latency"), "'\(item)' is not a latency class (interactive, standard, batch)")
      }
    }
    return out
  }

  /// A month cell `YYYY-MM`.
  func month(_ row: SheetRow, _ column: String) -> Month? {
    guard let t = row.required(column) else { return nil }
    guard let m = Month(t) else {
      row.reader.report(
        row.place(column), "'\(t)' is not a month; write YYYY-MM (column '\(column)')")
      return nil
    }
    return m
  }

  /// Offer id known to the apis or capacity sheet.
  func knownOffer(_ row: SheetRow, _ column: String, _ ids: Set<String>) -> String? {
    guard let id = row.required(column) else { return nil }
    guard ids.contains(id) else {
      row.reader.report(
        row.place(column), "unknown offer '\(id)' (not in apis.csv or capacity.csv)")
      return nil
    }
    return id
  }

  /// Workload id known to workloads.csv.
  func knownWorkload(_ row: SheetRow, _ column: String, _ workloads: [Workload]) -> String? {
    guard let id = row.required(column) else { return nil }
    guard workloads.contains(where: { $0.id == id }) else {
      row.reader.report(row.place(column), "unknown workload '\(id)' (not in workloads.csv)")
      return nil
    }
    return id
  }
}
