/// One problem found in the input, located as `file:line:column`.
public struct Diagnostic: Sendable, Equatable, Hashable, CustomStringConvertible, Comparable {
  /// Sheet file name, e.g. `workloads.csv`.
  public var file: String
  /// 1-based line.
  public var line: Int
  /// 1-based character column.
  public var column: Int
  /// What is wrong, in words.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`
  public var description: String { "\(file):\(line):\(column): \(message)" }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
  }
}

/// Every problem found, reported together; thrown when input is invalid.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
  public var items: [Diagnostic]

  public init(_ items: [Diagnostic] = []) { self.items = items }

  public var isEmpty: Bool { items.isEmpty }

  public mutating func add(_ file: String, _ line: Int, _ column: Int, _ message: String) {
    items.append(Diagnostic(file: file, line: line, column: column, message: message))
  }

  public mutating func add(at cell: CSVCell, in file: String, _ message: String) {
    add(file, cell.line, cell.column, message)
  }

  public mutating func append(contentsOf other: DiagnosticList) {
    items.append(contentsOf: other.items)
  }

  /// One diagnostic per line, in file order.
  public var description: String { items.map(\.description).joined(separator: "\n") }
}
