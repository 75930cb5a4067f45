import Foundation

/// The sheets calibrate reads besides its sources: `--prices DIR/apis.csv` and `--template DIR/workloads.csv`.
enum CalibrationInputs {
  /// Prices by model name and by offer id from `folder/apis.csv` (the first offer of a model wins).
  static func prices(_ folder: String) throws(DiagnosticList) -> [String: ModelPrice] {
    guard let text = try SheetFile.contents(folder: folder, name: "apis.csv") else {
      throw DiagnosticList([
        Diagnostic(file: "apis.csv", line: 1, column: 1, message: "no apis.csv in \(folder)")
      ])
    }
    let table = try CSVParser.table(in: text, fileName: "apis.csv")
    var parser = SheetParsers(folderName: folder)
    let offers = parser.apis(table)
    if !parser.diagnostics.items.isEmpty { throw parser.diagnostics }
    var out: [String: ModelPrice] = [:]
    for o in offers {
      let p = ModelPrice(
        input: o.usdPerMtokInput, cachedInput: o.usdPerMtokCachedInput, output: o.usdPerMtokOutput,
        batchDiscountPct: o.batchDiscountPct)
      if out[o.model] == nil { out[o.model] = p }
      if out[o.id] == nil { out[o.id] = p }
    }
    return out
  }

  /// `folder/workloads.csv` as id → column → cell text (unvalidated: only copied into matching rows).
  static func template(_ folder: String) throws(DiagnosticList) -> [String: [String: String]] {
    guard let text = try SheetFile.contents(folder: folder, name: "workloads.csv") else {
      throw DiagnosticList([
        Diagnostic(
          file: "workloads.csv", line: 1, column: 1, message: "no workloads.csv in \(folder)")
      ])
    }
    let table = try CSVParser.table(in: text, fileName: "workloads.csv")
    guard let idColumn = table.index(of: "id") else {
      throw DiagnosticList([
        Diagnostic(
          file: "workloads.csv", line: table.header.line, column: 1, message: "no id column")
      ])
    }
    var out: [String: [String: String]] = [:]
    for record in table.records {
      guard let id = record[idColumn]?.text, !id.isEmpty else { continue }
      var row: [String: String] = [:]
      for (i, cell) in table.header.cells.enumerated() {
        if let v = record[i]?.text, !v.isEmpty { row[cell.text] = v }
      }
      out[id] = row
    }
    return out
  }
}
