import Foundation
import Testing

@testable import BaseloadKit

/// A plan in a currency other than USD writes every money figure in it: report.md (tables, certificate,
/// verdicts, quotes, outlook) and every chart. An independent tester found `$/Mtok`, `$/completed task`, the
/// certificate's bounds, the what-if sentences and every chart axis still in dollars beside EUR totals.
@Suite struct CurrencyTests {
  /// An example's sheets with `currency,EUR` and quotes on.
  static func inEuros(_ example: String) throws -> PlanInput {
    let dir = TestFolder.repoRoot.appendingPathComponent("Inputs/\(example)")
    var sheets: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path)
    where name.hasSuffix(".csv") {
      sheets[name] = try String(
        contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    let plan = try #require(sheets["plan.csv"])
    #expect(plan.contains("currency,USD\n"))
    sheets["plan.csv"] =
      plan.replacingOccurrences(of: "currency,USD\n", with: "currency,EUR\n") + "quotes,yes\n"
    return try TestFolder.load(sheets)
  }

  @Test(arguments: ["eight-gpus", "uncertain-growth"])
  func noDollarLeftBesideEuros(_ example: String) throws {
    let run = try PlanRun.solve(Self.inEuros(example), modelPath: TestFolder.modelPath)
    let md = run.markdown
    #expect(md.contains(" EUR"))
    for (i, line) in md.split(separator: "\n").enumerated() where line.contains("$") {
      Issue.record("report.md line \(i + 1) has a $: \(line.prefix(200))")
    }
    for (name, svg) in PlanCharts.all(run) where svg.contains("$") || svg.contains("USD") {
      Issue.record("\(name) writes dollars")
    }
    let quotes = try #require(run.quotes)
    #expect(!quotes.table.contains("$"))
  }

  @Test func moneyIsWrittenInTheCurrency() {
    #expect(Currency("USD").money(-1234.5) == "-$1,234.50")
    #expect(Currency("EUR").money(-1234.5) == "-1,234.50 EUR")
    #expect(Currency("EUR").perUnit(0.0158) == "0.0158 EUR")
    #expect(Currency("EUR").perCompletedTask(nil) == "—")
    #expect(Currency("EUR").symbol == "EUR")
    #expect(Currency("USD").compact(1_200_000) == "$" + Format.compact(1_200_000))
    // A change is signed both ways, and unsigned within half a cent.
    #expect(Currency("USD").change(1488) == "+$1,488.00")
    #expect(Currency("USD").change(-897.75) == "-$897.75")
    #expect(Currency("USD").change(-0.004) == "$0.00")
    #expect(Currency("EUR").change(2) == "+2.00 EUR")
  }
}
