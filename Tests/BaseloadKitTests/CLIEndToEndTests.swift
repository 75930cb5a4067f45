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

  /// `--verify` whose reference model runs out of time neither confirms nor refutes the plan: the report is
  /// written and the run ends as a solver limit (exit 4), not as a disagreement (it was exit 6, nothing written).
  @Test func verifyOutOfTimeWritesThePlanAndExitsFour() throws {
    let dir = TestFolder.make([
      "plan.csv":
        "key,value\nstart,2027-01\nmonths,6\nmip_gap,0\ntime_limit_s,0.1\nresolution,cluster\n",
      "profiles.csv":
        "profile,day,hour,weight\noffice,all,*,1\noffice,weekday,9,4\noffice,weekday,10,4\noffice,weekday,11,4\noffice,weekday,14,3\noffice,weekend,*,0.5\nnight,all,*,0\nnight,all,1,1\nnight,all,2,1\nnight,all,3,1\nnight,sat,*,2\n",
      "workloads.csv":
        "id,team,tier,latency,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,human_cost_per_failure,profile,defer_hours\nchat,Sales,mid,interactive,20000,-20,3,4,2,1500,300,0,0.05,0.3,0.97,0.5,office,0\nbatchy,Ops,mid,batch,500,25,10,10,5,4000,500,200,0,0,1,0,night,6\n",
      "apis.csv":
        "id,vendor,tiers,latency,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct,rate_limit_tpm\napi1,VA,mid,*,2,0.5,8,50,2000000\napi2,VC,mid;high,*,3,3,10,0,\n",
      "capacity.csv":
        "id,vendor,tiers,unit,usd_per_unit_hour,billing,term_months,min_units,unit_step,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit\ngpu3,VB,mid,GPU,2.5,reserved,3,2,2,,10000,1500\ngpu1,VB,mid,GPU,3.2,reserved,1,0,1,,10000,1500\nod,VB,mid,GPU,4,on_demand,1,0,1,6,10000,1500\n",
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\ncA,VA,api1,15,2\n",
      "discounts.csv": "vendor,offer,discount_pct,start,end\nVB,gpu1,10,2027-02,\n",
      "quality.csv": "workload,offer,success_rate\nchat,api2,0.99\n",
    ])
    let out = ReportFolderTests.tempDir().path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let c = Captured()
    let code = BaseloadCLI.run(["plan", dir, "--out", out, "--verify", "--quiet"], io: c.io)
    #expect(code == .solverLimit, "\(c.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/summary.json"))
    #expect(!c.stderr.contains("could not be verified"))
    // On a machine fast enough to re-evaluate within 0.1 s the plan is verified instead; either way it is written.
    #expect(
      c.stderr.contains("not verified: the reference model did not finish")
        || c.stderr.contains("verified: Models/placement.mod"), "\(c.stderr)")
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
