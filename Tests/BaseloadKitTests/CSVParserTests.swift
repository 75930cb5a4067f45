import BaseloadTestSupport
import Testing

@testable import BaseloadKit

@Suite struct CSVParserTests {
  @Test func quotedCellsWithCommasQuotesAndNewlines() throws {
    let text = "id,name\n1,\"Smith, \"\"J\"\"\"\n2,\"two\nlines\"\n"
    let t = try CSVParser.table(in: text, fileName: "x.csv")
    #expect(t.records.count == 2)
    #expect(t.records[0].cells[1].text == "Smith, \"J\"")
    #expect(t.records[1].cells[1].text == "two\nlines")
    #expect(t.records[1].line == 3)
  }

  @Test func crlfBomCommentsAndBlankLines() throws {
    let text =
      "\u{FEFF}# a comment\r\nkey,value\r\n\r\n# another\r\nname,plan\r\n  \r\nmonths,3\r\n"
    let t = try CSVParser.table(in: text, fileName: "plan.csv")
    #expect(t.header.cells.map(\.text) == ["key", "value"])
    #expect(t.header.line == 2)
    #expect(t.records.map { $0.cells.map(\.text) } == [["name", "plan"], ["months", "3"]])
    #expect(t.records.map(\.line) == [5, 7])
  }

  /// A comment indented with spaces or a tab is a comment, not the header (found by an independent tester:
  /// `  # v1 …` became the header and every row was "past the last column").
  @Test func indentedCommentsAreComments() throws {
    let t = try CSVParser.table(
      in: "  # v1 as it runs today\nkey,value\n\t# another\nmonths,3\n", fileName: "plan.csv")
    #expect(t.header.cells.map(\.text) == ["key", "value"])
    #expect(t.header.line == 2)
    #expect(t.records.map { $0.cells.map(\.text) } == [["months", "3"]])
    #expect(t.records.map(\.line) == [4])
  }

  @Test func cellColumnsAreCharacterPositions() throws {
    let t = try CSVParser.table(in: "a,bb,ccc\nx,yy,zzz", fileName: "x.csv")
    #expect(t.records[0].cells.map(\.column) == [1, 3, 6])
    #expect(t.header.cells.map(\.column) == [1, 3, 6])
  }

  @Test func quotedCellStartsAtItsQuote() throws {
    let t = try CSVParser.table(in: "a,b\n\"q,1\",2\n", fileName: "x.csv")
    #expect(t.records[0].cells[1].column == 7)
    #expect(t.records[0].cells[0].text == "q,1")
  }

  @Test func unterminatedQuoteIsLocated() {
    #expect(throws: DiagnosticList.self) {
      try CSVParser.table(in: "a,b\n1,\"open\n", fileName: "x.csv")
    }
    do {
      _ = try CSVParser.table(in: "a,b\n1,\"open\n", fileName: "x.csv")
    } catch {
      #expect(error.description == "x.csv:2:3: quoted cell is never closed")
    }
  }

  @Test func strayQuoteIsLocated() {
    do {
      _ = try CSVParser.table(in: "a,b\n1,ab\"c\n", fileName: "x.csv")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "x.csv:2:5: stray quote inside an unquoted cell; quote the whole cell and double the quote"
      )
    }
  }

  @Test func emptySheetIsAnError() {
    do {
      _ = try CSVParser.table(in: "# only a comment\n", fileName: "x.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "x.csv:1:1: sheet is empty; expected a header row")
    }
  }

  @Test func lastLineWithoutNewlineAndEmptyCells() throws {
    let t = try CSVParser.table(in: "a,b,c\n1,,3", fileName: "x.csv")
    #expect(t.records[0].cells.map(\.text) == ["1", "", "3"])
  }
}

@Suite struct CSVWriterTests {
  @Test func formulaCellsAreNeutralisedNumbersStayPlain() {
    #expect(CSVWriter.cell(.text("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(CSVWriter.cell(.text("+1")) == "'+1")
    #expect(CSVWriter.cell(.text("-cmd")) == "'-cmd")
    #expect(CSVWriter.cell(.text("@SUM(A1)")) == "'@SUM(A1)")
    #expect(CSVWriter.cell(.text("\tx")) == "'\tx")
    #expect(CSVWriter.cell(.text("\rx")) == "\"'\rx\"")
    #expect(CSVWriter.cell(.fixed(-12.5, 2)) == "-12.50")
    #expect(CSVWriter.cell(.text("a,b")) == "\"a,b\"")
    #expect(CSVWriter.cell(.text("plain")) == "plain")
  }

  /// The byte-wise fast path for plain text gives what the general rules give, on random text built from
  /// plain letters, every character a rule treats specially, controls, DEL and non-ASCII.
  @Test func plainFastPathAgreesWithTheGeneralRules() {
    let alphabet: [String] = [
      "a", "Z", "0", " ", ".", "_", "|", "~", ",", "\"", "=", "+", "-", "@", "\t", "\r", "\n",
      "\u{1B}", "\u{7F}", "\u{0}", "é", "€", "\r\n",
    ]
    var rng = SplitMix64(state: 11)
    var plain = 0
    for _ in 0..<20_000 {
      let text = (0..<Int(rng.next() % 6)).map { _ in
        alphabet[Int(rng.next() % UInt64(alphabet.count))]
      }
      .joined()
      if CSVWriter.isPlain(text) { plain += 1 }
      #expect(
        CSVWriter.cell(.text(text)) == CSVWriter.escapedText(text), "\(text.debugDescription)")
    }
    // Both paths are exercised.
    #expect(plain > 1_000 && plain < 19_000)
  }

  @Test func writtenSheetReadsBack() throws {
    let text = CSVWriter.sheet(header: ["id", "note"], rows: [[.text("a"), .text("x, \"y\"\nz")]])
    let t = try CSVParser.table(in: text, fileName: "x.csv")
    #expect(t.records[0].cells[1].text == "x, \"y\"\nz")
  }
}
