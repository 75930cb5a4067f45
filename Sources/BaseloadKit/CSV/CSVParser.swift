import Foundation

/// An RFC 4180 reader: quoted cells with embedded commas, quotes and newlines,
/// CRLF or LF line ends, a UTF-8 byte-order mark, `#` comment lines and blank lines.
public enum CSVParser {
  /// Splits `text` into records with line and column of every cell.
  /// Comment lines (first character `#` outside quotes, after any spaces and tabs) and blank lines are skipped.
  public static func records(in text: String, fileName: String) throws(DiagnosticList)
    -> [CSVRecord]
  {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var records: [CSVRecord] = []
    var cells: [CSVCell] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var column = 1
    var fieldLine = 1
    var fieldColumn = 1
    var recordLine = 1
    var inQuotes = false
    var wasQuoted = false
    var atRecordStart = true
    var skipLine = false
    var index = 0

    func endField() {
      cells.append(CSVCell(text: String(field), line: fieldLine, column: fieldColumn))
      field = String.UnicodeScalarView()
      wasQuoted = false
    }
    func endRecord() {
      endField()
      let blank = cells.count == 1 && cells[0].text.trimmingWhitespace.isEmpty
      if !blank { records.append(CSVRecord(cells: cells, line: recordLine)) }
      cells = []
    }

    while index < scalars.count {
      let c = scalars[index]
      if let words = controlWords(c) {
        throw DiagnosticList([
          Diagnostic(file: fileName, line: line, column: column, message: words)
        ])
      }
      if c == "\r", index + 1 >= scalars.count || scalars[index + 1] != "\n" {
        throw DiagnosticList([
          Diagnostic(
            file: fileName, line: line, column: column,
            message:
              "carriage return without a line feed; save the sheet with LF or CRLF line ends")
        ])
      }
      if skipLine {
        if c == "\n" {
          skipLine = false
          line += 1
          column = 1
          atRecordStart = true
        } else {
          column += 1
        }
        index += 1
        continue
      }
      if atRecordStart {
        atRecordStart = false
        recordLine = line
        fieldLine = line
        fieldColumn = column
        // A comment line: `#` first, or after spaces and tabs (an indented comment was read as the header).
        var k = index
        while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
        if k < scalars.count, scalars[k] == "#" {
          skipLine = true
          index += 1
          continue
        }
      }
      if inQuotes {
        if c == "\"" {
          if index + 1 < scalars.count, scalars[index + 1] == "\"" {
            field.append("\"")
            index += 2
            column += 2
            continue
          }
          inQuotes = false
        } else if c == "\n" {
          field.append(c)
          line += 1
          column = 0
        } else if c == "\r" {
          // CRLF inside a quoted cell is kept as LF (a lone CR was refused above).
        } else {
          field.append(c)
        }
        index += 1
        column += 1
        continue
      }
      switch c {
      case "\"" where field.isEmpty && !wasQuoted:
        inQuotes = true
        wasQuoted = true
      case "\"":
        throw DiagnosticList([
          Diagnostic(
            file: fileName, line: line, column: column,
            message:
              "stray quote inside an unquoted cell; quote the whole cell and double the quote")
        ])
      case ",":
        endField()
        fieldLine = line
        fieldColumn = column + 1
      case "\r":
        break  // the LF after it ends the record; a lone CR was refused above
      case "\n":
        endRecord()
        line += 1
        column = 0
        atRecordStart = true
      default:
        if wasQuoted {
          throw DiagnosticList([
            Diagnostic(
              file: fileName, line: line, column: column,
              message: "text after the closing quote of a cell")
          ])
        }
        field.append(c)
      }
      index += 1
      column += 1
    }
    if inQuotes {
      throw DiagnosticList([
        Diagnostic(
          file: fileName, line: fieldLine, column: fieldColumn,
          message: "quoted cell is never closed")
      ])
    }
    if !atRecordStart && !skipLine { endRecord() }
    return records
  }

  /// Parses a whole sheet: the first record is the header.
  public static func table(in text: String, fileName: String) throws(DiagnosticList) -> CSVTable {
    let all = try records(in: text, fileName: fileName)
    guard let header = all.first else {
      throw DiagnosticList([
        Diagnostic(
          file: fileName, line: 1, column: 1, message: "sheet is empty; expected a header row")
      ])
    }
    var trimmed = header
    for i in trimmed.cells.indices {
      trimmed.cells[i].text = trimmed.cells[i].text.trimmingWhitespace
    }
    // Trailing empty header cells (a trailing comma) name no column.
    while trimmed.cells.count > 1, trimmed.cells.last?.text.isEmpty == true {
      trimmed.cells.removeLast()
    }
    var problems = DiagnosticList()
    for cell in trimmed.cells where cell.text.isEmpty {
      problems.add(at: cell, in: fileName, "empty column name in the header")
    }
    let records = Array(all.dropFirst())
    let width = trimmed.cells.count
    for record in records {
      // Empty cells past the header (trailing commas) hold nothing; a value there would be lost.
      for cell in record.cells.dropFirst(width)
      where !cell.text.trimmingWhitespace.isEmpty {
        problems.add(
          at: cell, in: fileName,
          "cell '\(Diagnostic.echo(cell.text))' is past the last column; the header names \(width) column\(width == 1 ? "" : "s")"
        )
        break
      }
    }
    guard problems.isEmpty else { throw problems }
    return CSVTable(fileName: fileName, header: trimmed, records: records)
  }
}
