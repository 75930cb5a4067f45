import Foundation

/// One cell of a CSV sheet with the place it came from.
public struct CSVCell: Sendable, Equatable {
  /// The cell's text, unquoted and with doubled quotes folded.
  public var text: String
  /// 1-based line where the cell starts.
  public var line: Int
  /// 1-based character column where the cell starts.
  public var column: Int

  public init(text: String, line: Int, column: Int) {
    self.text = text
    self.line = line
    self.column = column
  }
}

/// A record (row) of a CSV sheet: its cells in order and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  public var cells: [CSVCell]
  /// 1-based line where the record starts.
  public var line: Int

  /// The text of the cell at `index`, or nil past the end of the record.
  public subscript(index: Int) -> CSVCell? {
    index < cells.count ? cells[index] : nil
  }
}

/// A parsed CSV sheet: a header record and the data records after it.
public struct CSVTable: Sendable {
  /// Name shown in diagnostics, e.g. `workloads.csv`.
  public var fileName: String
  public var header: CSVRecord
  public var records: [CSVRecord]

  /// The 0-based position of a header name, if present.
  public func index(of column: String) -> Int? {
    header.cells.firstIndex { $0.text == column }
  }
}
