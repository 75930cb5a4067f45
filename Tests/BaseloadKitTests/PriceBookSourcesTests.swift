import Foundation
import Testing

@testable import BaseloadKit

/// The dated price book `Inputs/prices`: every offer row cites its source in the comment block right above
/// it, the sheets' as-of date is the README's, and each GPU row's rates follow from the two measured runs
/// its comment quotes, by the rule in the sheet's header.
@Suite struct PriceBookSourcesTests {
  static let book = PriceBookTests.book
  static let sheets = ["apis.csv", "capacity.csv"]

  /// 1-based line numbers of the data rows of a price sheet whose comment block (the `#` lines right above
  /// the row) has no `# source` line. The column header is the first line that is not a comment.
  static func unsourcedRows(_ text: String) -> [Int] {
    var out: [Int] = []
    var sawHeader = false
    var block: [Substring] = []
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { continue }
      if t.hasPrefix("#") {
        block.append(line)
        continue
      }
      if sawHeader,
        !block.contains(where: {
          $0.dropFirst().trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("source")
        })
      {
        out.append(i + 1)
      }
      sawHeader = true
      block = []
    }
    return out
  }

  /// The `YYYY-MM-DD` in a first line `# Price book (as of YYYY-MM-DD)…`, or nil.
  static func asOf(_ text: String) -> String? {
    let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    guard
      let r = first.range(
        of: #"^# Price book \(as of \d{4}-\d{2}-\d{2}\)"#, options: .regularExpression)
    else { return nil }
    return String(first[r].dropFirst("# Price book (as of ".count).prefix(10))
  }

  @Test func everyDataRowCitesItsSource() throws {
    for name in Self.sheets {
      let text = try String(contentsOfFile: Self.book + "/" + name, encoding: .utf8)
      #expect(Self.unsourcedRows(text) == [], "\(name)")
    }
    // The rule itself: a row whose block has no source line, one with no block, and a header comment that
    // does not count for the rows below the column line.
    let sheet = """
      # Price book (as of 2026-11-27): source: the header cites nothing per row
      id,price
      # source: a page, 2026-06
      a,1
      # a comment without one
      b,2
      c,3
      # note
      # Source (price): another page
      d,4
      """
    #expect(Self.unsourcedRows(sheet) == [6, 7])
  }

  @Test func theSheetsAreDatedAsTheirReadme() throws {
    let readme = try String(contentsOfFile: Self.book + "/README.md", encoding: .utf8)
    let date = try #require(Self.asOf(readme))
    #expect(date == "2026-11-27")
    for name in Self.sheets {
      let text = try String(contentsOfFile: Self.book + "/" + name, encoding: .utf8)
      #expect(Self.asOf(text) == date, "\(name)")
    }
    #expect(Self.asOf("# Price book: as of 2026-11-27\n") == nil)
  }

  /// Input and output rates per unit from two runs at maximum load (5000 in / 500 out at total output
  /// throughput `t1`, 500 in / 2000 out at `t2`) on `gpus` GPUs: I/in + O/out = O/T for both, solved, per GPU.
  static func rates(t1: Double, t2: Double, gpus: Double) -> (input: Double, output: Double) {
    let (s1, s2) = (500 / t1, 2000 / t2)
    let det = 5000.0 * 2000 - 500 * 500
    let a = (s1 * 2000 - s2 * 500) / det
    let b = (5000 * s2 - 500 * s1) / det
    return (1 / a / gpus, 1 / b / gpus)
  }

  /// Each GPU row's rates are its quoted TensorRT-LLM figures run through the header's rule, to the token;
  /// e.g. Llama 3.1 8B on one H100: 3,459 and 17,660 output tok/s give 41,940 input and 19,738 output tok/s.
  @Test func gpuRatesFollowFromTheQuotedRuns() throws {
    let text = try String(contentsOfFile: Self.book + "/capacity.csv", encoding: .utf8)
    let input = try InputLoader.load(folder: Self.book)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var checked: [String] = []
    for c in input.capacity where c.unit == "GPU" {
      // The row's own comment block: the `#` lines right above it.
      let block = lines[..<(c.line - 1)].reversed().prefix { $0.hasPrefix("#") }
      let quote = try #require(
        block.first { $0.hasPrefix("# source (throughput)") }, "\(c.id)")
      let r = try #require(
        quote.range(of: #"5000/500 [\d,]+ and 500/2000 [\d,]+"#, options: .regularExpression))
      let numbers = quote[r].split(separator: " ").compactMap {
        Double($0.replacingOccurrences(of: ",", with: ""))
      }
      #expect(numbers.count == 2, "\(c.id)")
      let gpus: Double = quote.contains("halved per GPU") ? 2 : 1
      let want = Self.rates(t1: numbers[0], t2: numbers[1], gpus: gpus)
      #expect(c.inputTokPerSecPerUnit == want.input.rounded(), "\(c.id)")
      #expect(c.outputTokPerSecPerUnit == want.output.rounded(), "\(c.id)")
      #expect(c.cachedInputWeight == 1, "\(c.id)")
      checked.append(c.id)
    }
    #expect(
      checked == [
        "runpod-h100-llama-3.1-8b", "runpod-h100-llama-3.3-70b", "lambda-h100-llama-3.1-8b",
        "lambda-h100-llama-3.3-70b", "packet-h200-llama-3.1-8b", "packet-h200-llama-3.3-70b",
        "aws-h200-llama-3.1-8b", "aws-h200-llama-3.3-70b", "packet-b200-llama-3.3-70b",
      ])
    let h100 = Self.rates(t1: 3459, t2: 17660, gpus: 1)
    #expect(h100.input.rounded() == 41940 && h100.output.rounded() == 19738)
  }
}
