import Foundation
import Testing

@testable import BaseloadKit

/// `whatif` and `quote` through `BaseloadCLI.run` on the examples in Inputs/: exit codes, a figure from the
/// printed verdict or table, and the written file against its committed report.
@Suite struct CLIEndToEndTests {
  static func example(_ name: String) -> String {
    TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path
  }

  static func committed(_ report: String, _ file: String) throws -> String {
    try String(
      contentsOf: TestFolder.repoRoot.appendingPathComponent("Reports/\(report)/\(file)"),
      encoding: .utf8)
  }

  @Test func whatIfPrintsTheVerdictAndWritesTheDiff() throws {
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(
      BaseloadCLI.run(["whatif", Self.example("eight-gpus"), "--out", out, "--quiet"], io: c.io)
        == .ok)
    #expect(c.stdout.contains("eight-gpus: total $73,416.90"))
    #expect(
      c.stdout.contains(
        "scenario tokens-cut-60: Token use falls 60% (488,416 → 195,366 Mtok over the horizon)."))
    #expect(c.stdout.contains("Locked for the whole horizon, the cash saving is $16,181.70"))
    let diff = try String(contentsOfFile: out + "/diff.csv", encoding: .utf8)
    #expect(diff == (try Self.committed("eight-gpus", "diff.csv")))
  }

  @Test func whatIfUnknownScenarioIsAUsageError() {
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let code = BaseloadCLI.run(
      ["whatif", Self.example("eight-gpus"), "--scenario", "no-such", "--out", out, "--quiet"],
      io: c.io)
    #expect(code == .usage)
    #expect(c.stderr.contains("baseload whatif: no scenario 'no-such' (known: tokens-cut-60)"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func quotePrintsBreakEvensAndWritesQuotes() throws {
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(
      BaseloadCLI.run(
        ["quote", Self.example("open-model-quotes"), "--out", out, "--quiet"], io: c.io)
        == .ok)
    #expect(
      c.stdout.contains(
        "- groq-llama-70b must drop from $0.59 to $0.4655/Mtok input (all token prices scaled alike) to win any of your traffic (plan cost there $9,705.61)."
      ))
    #expect(c.stdout.contains("wrote \(out)/quotes.csv"))
    let quotes = try String(contentsOfFile: out + "/quotes.csv", encoding: .utf8)
    #expect(quotes == (try Self.committed("open-model-quotes", "quotes.csv")))
  }

  @Test func quoteUnknownWorkloadIsAUsageError() {
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    #expect(
      BaseloadCLI.run(
        ["quote", Self.example("open-model-quotes"), "--workload", "nope", "--out", out], io: c.io)
        == .usage)
    #expect(c.stderr.contains("baseload quote: no workload 'nope' in workloads.csv"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
