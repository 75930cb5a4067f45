import Foundation

/// Reads one sheet against its known columns, collecting every problem as a diagnostic.
final class SheetReader {
  let table: CSVTable
  let file: String
  private(set) var diagnostics = DiagnosticList()
  private var columnIndex: [String: Int] = [:]
  /// True when the header lacks a required column or names one twice: its rows cannot be trusted,
  /// so other sheets do not report references to it as unknown.
  private(set) var headerBroken = false

  /// Checks the header: unknown columns and missing required ones are reported; so is a line
  /// break inside any cell (a cell holds one line of text).
  init(table: CSVTable, known: [String], required: [String]) {
    self.table = table
    self.file = table.fileName
    for (i, cell) in table.header.cells.enumerated() {
      if !known.contains(cell.text) {
        report(
          cell,
          "unknown column '\(Diagnostic.echo(cell.text))' (known columns: \(known.joined(separator: ", ")))"
        )
      } else if columnIndex[cell.text] != nil {
        report(cell, "column '\(cell.text)' appears twice")
        headerBroken = true
      } else {
        columnIndex[cell.text] = i
      }
    }
    for name in required where columnIndex[name] == nil {
      diagnostics.add(file, table.header.line, 1, "missing required column '\(name)'")
      headerBroken = true
    }
    for record in table.records {
      for cell in record.cells where cell.text.utf8.contains(UInt8(ascii: "\n")) {
        report(cell, "line break inside a quoted cell; a cell holds one line of text")
      }
    }
  }

  /// True when the header names this column.
  func has(_ column: String) -> Bool { columnIndex[column] != nil }

  func report(_ cell: CSVCell, _ message: String) { diagnostics.add(at: cell, in: file, message) }

  func report(line: Int, column: Int = 1, _ message: String) {
    diagnostics.add(file, line, column, message)
  }

  /// The data rows of the sheet.
  var rows: [SheetRow] { table.records.map { SheetRow(record: $0, reader: self) } }

  fileprivate func index(_ column: String) -> Int? { columnIndex[column] }
}

/// Typed access to the cells of one row; every bad value becomes a diagnostic and returns nil.
struct SheetRow {
  let record: CSVRecord
  let reader: SheetReader

  var line: Int { record.line }

  /// The cell under `column`, if the sheet has that column; text is trimmed.
  func cell(_ column: String) -> CSVCell? {
    guard let i = reader.index(column) else { return nil }
    if var cell = record[i] {
      cell.text = cell.text.trimmingWhitespace
      return cell
    }
    let last = record.cells.last
    return CSVCell(
      text: "", line: last?.line ?? record.line,
      column: (last?.column ?? 1) + (last?.text.count ?? 0) + 1)
  }

  /// Where to point for a column: the cell, or the row start when the column is absent.
  func place(_ column: String) -> CSVCell {
    cell(column) ?? CSVCell(text: "", line: record.line, column: 1)
  }

  /// Non-empty text of a cell, or nil.
  func text(_ column: String) -> String? {
    guard let t = cell(column)?.text, !t.isEmpty else { return nil }
    return t
  }

  /// Non-empty text, reporting a missing value.
  func required(_ column: String) -> String? {
    if let t = text(column) { return t }
    reader.report(place(column), "missing value for '\(column)'")
    return nil
  }

  /// A number within `range`; an empty cell gives `default` (or a diagnostic when there is none).
  func number(
    _ column: String, default fallback: Double? = nil, in range: ClosedRange<Double>? = nil,
    integer: Bool = false, rangeWords: String? = nil
  ) -> Double? {
    guard let t = text(column) else {
      if fallback == nil { reader.report(place(column), "missing value for '\(column)'") }
      return fallback
    }
    let c = place(column)
    let shown = Diagnostic.echo(t)
    guard let v = PlainDecimal.value(t) else {
      reader.report(c, "'\(shown)' is not a number (column '\(column)')")
      return nil
    }
    guard v.isFinite, v != 0 || !PlainDecimal.hasNonzeroDigit(t) else {
      reader.report(
        c,
        "\(column) \(shown) is out of range; numbers in sheets are at most 1e12 in magnitude and, other than 0, at least 1e-9"
      )
      return nil
    }
    if integer && v.rounded() != v {
      reader.report(c, "\(column) must be a whole number, got \(shown)")
      return nil
    }
    if let r = range, !r.contains(v) {
      reader.report(c, "\(column) must be \(rangeWords ?? Self.words(r)), got \(shown)")
      return nil
    }
    if let words = NumericLimits.cellProblem(v) {
      reader.report(c, "\(column) \(shown) is out of range; \(words)")
      return nil
    }
    return v
  }

  /// An id cell: required, at most `IDRules.maxCharacters` characters, not `*`, no `;`.
  func identifier(_ column: String) -> String? {
    guard let id = required(column) else { return nil }
    if let words = IDRules.problem(id) {
      reader.report(place(column), "\(column) '\(Diagnostic.echo(id))' \(words)")
      return nil
    }
    return id
  }

  /// A `;`-separated list; empty gives `default`.
  func list(_ column: String, default fallback: [String] = ["*"]) -> [String] {
    guard let t = text(column) else { return fallback }
    return t.split(separator: ";").map { $0.trimmingWhitespace }.filter {
      !$0.isEmpty
    }
  }

  /// A value from a fixed set of words.
  func choice<T>(_ column: String, _ options: [String: T], default fallback: T? = nil) -> T? {
    guard let t = text(column) else {
      if fallback == nil { reader.report(place(column), "missing value for '\(column)'") }
      return fallback
    }
    if let v = options[t.lowercased()] { return v }
    reader.report(
      place(column),
      "'\(Diagnostic.echo(t))' is not one of \(options.keys.sorted().joined(separator: ", ")) (column '\(column)')"
    )
    return nil
  }

  static func words(_ r: ClosedRange<Double>) -> String {
    if r.upperBound == .greatestFiniteMagnitude { return ">= \(Format.plain(r.lowerBound))" }
    return "between \(Format.plain(r.lowerBound)) and \(Format.plain(r.upperBound))"
  }
}

extension ClosedRange where Bound == Double {
  /// Zero or more.
  static let nonNegative: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
  /// A rate: 0 to 1.
  static let unit: ClosedRange<Double> = 0...1
}
