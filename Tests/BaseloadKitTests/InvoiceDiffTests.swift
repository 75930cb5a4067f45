import Testing

@testable import BaseloadKit

/// The diff semantics on small cases whose lines are worked out by hand.
@Suite struct InvoiceDiffTests {
  /// A line's status follows the size of its amount: a commitment credit going from −$2,880 to −$5,760 grows (it
  /// read "shrinks", found by an independent tester), one going to −$1,000 shrinks.
  @Test func creditsGrowAndShrinkBySize() {
    #expect(LineStatus(before: -2880, after: -5760) == .grows)
    #expect(LineStatus(before: -2880, after: -1000) == .shrinks)
    #expect(LineStatus(before: 360, after: 720) == .grows)
    #expect(LineStatus(before: 720, after: 360) == .shrinks)
    #expect(LineStatus(before: -2880, after: 0) == .disappears)
    #expect(LineStatus(before: 0, after: -10) == .new)
  }

  typealias P = PlacementOptimaTests
  static let feb = P.feb
  static let gpu = P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,2,1000,100\n"

  static func run(_ sheets: [String: String]) throws -> PlanRun {
    try PlanRun.solve(TestFolder.load(sheets), modelPath: TestFolder.modelPath)
  }

  static func workload(_ id: String, users: Int, profile: String = "flat") -> String {
    "\(id),mid,standard,\(users),1,1,1,1000,100,\(profile),0,0,1,0\n"
  }

  /// A scenario the plan's capacity cannot serve is an answer, not a failed run: locked, two GPUs (5 calls/h each)
  /// cannot carry 15 calls/h with no API to overflow to; at renewal the plan buys a third. It used to end the whole
  /// run with exit 3 and nothing written, naming neither the scenario nor the mode (an independent tester).
  @Test func aScenarioTheLockedPlanCannotServeIsReported() throws {
    let run = try Self.run([
      "plan.csv":
        "key,value\nstart,2027-01\nmonths,1\nresolution,week\nmip_gap,0\nutil_cap_standard,1\n",
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\n",
      "workloads.csv":
        "id,tier,latency,users,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile,team\nw1,t,standard,240,1,1,1,600,0,flat,teamA\n",
      "capacity.csv":
        "id,vendor,tiers,usd_per_unit_hour,billing,term_months,input_tok_per_min_per_unit,output_tok_per_min_per_unit\ngpu,G,t,2,reserved,1,50,1000\n",
      "scenarios.csv": "scenario,target,field,op,value\nhi,*,users,scale,1.5\n",
    ])
    #expect(run.plan.result.units["gpu"] == [2])
    let s = try #require(run.scenarios.first)
    #expect(s.locked == nil)
    #expect(s.unservable[.locked]?.contains("'w1'") == true)
    #expect(s.unservable[.renewal] == nil)
    #expect(s.renewal?.analysis.result.units["gpu"] == [3])
    #expect(
      s.verdict.contains(
        "Locked (the plan's reserved units, commitments and signed contracts held), this scenario cannot be served: workload 'w1' is short by 5.0 calls/h"
      ))
    #expect(
      s.verdict.contains(
        "$0.4000 in the plan → $0.4000 at renewal (team teamA, 11,160 tasks completed)"))
    #expect(s.markdown.contains("#### Locked: cannot be served"))
    // summary.json lists the modes in their order, the unservable one in its place.
    let json = s.json.render()
    #expect(json.contains("\"unservable\""))
    let lockedAt = try #require(json.range(of: "\"mode\": \"locked\""))
    let renewalAt = try #require(json.range(of: "\"mode\": \"at renewal\""))
    #expect(lockedAt.lowerBound < renewalAt.lowerBound)
    #expect(s.csvRows.allSatisfy { $0[1] == .text("at renewal") })
  }

  /// A what-if that changes failures says what happens to their human cost, which the bill does not show: 7,440
  /// tasks in January failing 10% → 40% at $1 a failure, $744 → $2,976, in both modes (a success-rate what-if read
  /// only "the bill rises" or "does not change"; an independent tester). summary.json carries it per mode.
  @Test func aScenarioSaysWhatTheHumanCostDoes() throws {
    let run = try Self.run([
      "plan.csv": "key,value\nstart,2027-01\nmonths,1\nresolution,week\nmip_gap,0\n",
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\n",
      "workloads.csv":
        "id,tier,latency,users,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile,success_rate,human_cost_per_failure\nw1,t,standard,240,1,1,1,600,0,flat,0.9,1\n",
      "apis.csv": "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_output\napi1,V,t,1000,1000\n",
      "scenarios.csv": "scenario,target,field,op,value\nsr,w1,success_rate,set,0.6\n",
    ])
    #expect(abs(run.plan.humanCost - 744) < 0.005)
    let s = try #require(run.scenarios.first)
    #expect(
      s.verdict.contains(
        "The human cost of failed tasks (human_cost_per_failure, not billed) rises $2,232.00 locked and rises $2,232.00 at renewal."
      ), "\(s.verdict)")
    #expect(s.json.render().contains("\"human_cost\": 2976.00"))
  }

  /// 3,600 calls/h: two signed GPUs carry 2,880, the API the other 720. Halving users empties the API lines
  /// and leaves the GPU line billed with 504 GPU-hours of headroom (2 GPUs × 672 h − 1,800 calls/h × 672 h / 1,440).
  @Test func usageLineDisappearsReservedLineKeepsExactHeadroom() throws {
    let run = try Self.run([
      "plan.csv": Self.feb, "workloads.csv": P.wh + "\n" + Self.workload("w", users: 86_400),
      "apis.csv": P.api,
      "capacity.csv": Self.gpu, "contracts.csv": "offer,units,start,end\ngpu,2,2027-02,2027-02\n",
      "scenarios.csv": "scenario,target,field,op,value\nhalf,w,users,scale,0.5\n",
    ])
    let locked = run.scenarios[0].locked!.diff
    let gpuLine = locked.lines.first { $0.kind == .reservedUnits }!
    #expect(gpuLine.status == .unchanged)
    #expect(gpuLine.before == 1344 && gpuLine.after == 1344)
    #expect(abs(gpuLine.headroomQuantity - 504) < 1e-6)
    #expect(abs(gpuLine.headroomUSD - 504) < 1e-6)
    #expect(
      gpuLine.statusText(in: Currency("USD"))
        == "unchanged — 504.0 GPU-hours of headroom ($504.00 at the price billed)")
    let apiLines = locked.lines.filter { $0.offer == "api" }
    #expect(apiLines.map(\.status) == [.disappears, .disappears])  // input and output tokens
    // API before: 720 calls/h × 672 h × $0.0012 = $580.608, all of it cash.
    #expect(abs(locked.cashSaving - 580.608) < 1e-6)
    #expect(abs(locked.headroomUSD - 504) < 1e-6)
  }

  /// Two GPUs signed through March; at renewal the halved demand needs one GPU from April, not before.
  @Test func renewalRemovesUnitsTheMonthAfterTheContractEnds() throws {
    let run = try Self.run([
      "plan.csv": "key,value\nstart,2027-02\nmonths,3\nmip_gap,0\n",
      "workloads.csv": P.wh + "\n" + Self.workload("w", users: 69_120), "apis.csv": P.api,
      "capacity.csv": Self.gpu,
      "contracts.csv": "offer,units,start,end\ngpu,2,2027-02,2027-03\n",
      "scenarios.csv": "scenario,target,field,op,value\nhalf,*,users,scale,0.5\n",
    ])
    let s = run.scenarios[0]
    #expect(run.plan.result.units["gpu"] == [2, 2, 2])
    #expect(s.renewal!.analysis.result.units["gpu"] == [2, 2, 1])
    let lines = s.renewal!.diff.lines.filter { $0.kind == .reservedUnits }
    #expect(lines.map(\.status) == [.unchanged, .unchanged, .shrinks])
    #expect(lines[2].delta == -720)  // one GPU × 720 h of April × $1
    #expect(s.locked!.analysis.result.units["gpu"] == [2, 2, 2])
    #expect(
      s.verdict.contains(
        "At renewal in 2027-04 the plan drops to 1 GPU of gpu (from 2): -$720.00 on that line in 2027-04; until then the contract signed through 2027-03 (2 units) keeps the line billed."
      ))
  }

  /// A scenario that doubles the API price raises the bill: the verdict says "the bill rises", not "the cash saving
  /// is -$…", and a workload with no team is "workloads without a team" when another names one (it read "all
  /// workloads"; an independent tester's findings). February, 1,440 calls/h each at $0.0012 a call.
  @Test func aRisingBillAndAWorkloadWithoutATeamAreSaidSo() throws {
    let run = try Self.run([
      "plan.csv": Self.feb, "apis.csv": P.api,
      "workloads.csv": P.wh + ",team\n" + Self.workload("w1", users: 34_560).dropLast() + ",ops\n"
        + Self.workload("w2", users: 34_560).dropLast() + ",\n",
      "scenarios.csv": "scenario,target,field,op,value\ndear,api,usd_per_mtok_input,scale,2\n",
    ])
    let v = run.scenarios[0].verdict
    // Input tokens are 1,000 of 1,200 $-weighted per call: $0.001 a call more, 2 × 1,440 × 672 calls.
    #expect(v.contains("Locked for the whole horizon, the bill rises $1,935.36 and"), "\(v)")
    #expect(v.contains("over the horizon the bill rises $1,935.36."), "\(v)")
    #expect(v.contains("(team ops, "))
    #expect(v.contains("(workloads without a team, "))
    #expect(!v.contains("all workloads"))
  }

  /// A commitment sized to $0.96/h stays billed when usage halves: no cash, $322.56 of unused commitment.
  @Test func underUsedCommitmentStaysBilled() throws {
    let run = try Self.run([
      "plan.csv": Self.feb, "workloads.csv": P.wh + "\n" + Self.workload("w", users: 24_000),
      "apis.csv": P.api,
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nsp,V,api,20,1\n",
      "scenarios.csv": "scenario,target,field,op,value\nhalf,w,users,scale,0.5\n",
    ])
    let s = run.scenarios[0]
    let fee = s.locked!.diff.lines.first { $0.kind == .commitmentFee }!
    #expect(abs(fee.before - 645.12) < 1e-6 && abs(fee.after - 645.12) < 1e-6)
    #expect(fee.status == .unchanged)
    #expect(abs(fee.headroomUSD - 322.56) < 1e-6)
    #expect(abs(s.locked!.diff.cashSaving) < 1e-6)
    #expect(abs(s.renewal!.diff.cashSaving - 322.56) < 1e-6)
  }

  /// `*` halves both workloads; naming one halves only it.
  @Test func scenarioOnStarVersusOneWorkload() throws {
    let run = try Self.run([
      "plan.csv": Self.feb,
      "workloads.csv": P.wh + "\n" + Self.workload("w1", users: 24_000)
        + Self.workload("w2", users: 12_000),
      "apis.csv": P.api,
      "scenarios.csv":
        "scenario,target,field,op,value\nall,*,users,scale,0.5\none,w1,users,scale,0.5\n",
    ])
    #expect(run.scenarios.map(\.scenario) == ["all", "one"])
    #expect(abs(run.scenarios[0].renewal!.diff.cashSaving - 0.5 * 1500 * 672 * 0.0012) < 1e-6)
    #expect(abs(run.scenarios[1].renewal!.diff.cashSaving - 0.5 * 1000 * 672 * 0.0012) < 1e-6)
  }

  /// Without current.csv the baseline is the cheapest all-API placement, and the report says so.
  @Test func baselineWithoutCurrentIsAllAPI() throws {
    let run = try Self.run([
      "plan.csv": Self.feb, "workloads.csv": P.wh + "\n" + Self.workload("w", users: 34_560),
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,,1000,100\n",
    ])
    #expect(run.baseline?.kind == .allAPI)
    // 1,440 calls/h: API $0.0012 × 1,440 × 672 = $1,161.216; the plan runs one GPU for $672.
    #expect(abs(run.baseline!.analysis.invoice.total - 1161.216) < 1e-6)
    #expect(abs(run.plan.invoice.total - 672) < 1e-6)
    #expect(
      run.markdown.contains("Baseline: the cheapest all-API placement (no current.csv was given)"))
  }

  /// Today's routing that cannot serve the demand (all of it to an on-demand GPU capped at one unit, 1,440
  /// calls/h, for 2,880 calls/h) leaves no baseline, and report.md and summary.json say why — an independent
  /// tester found it only on stderr, which --quiet hides.
  @Test func aMissingBaselineIsSaidInTheReport() throws {
    let run = try Self.run([
      "plan.csv": Self.feb, "workloads.csv": P.wh + "\n" + Self.workload("w", users: 69_120),
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\nod,V,mid,1.00,on_demand,1,0,1,1,1000,100\n",
      "current.csv": "workload,offer,share\nw,od,1\n",
    ])
    #expect(run.baseline == nil)
    let why = try #require(run.baselineMissing)
    #expect(why.contains("'w'"))
    #expect(run.markdown.contains("## Plan versus baseline\n\nNo baseline: \(why)."))
    let json = run.summaryJSON.render()
    #expect(json.contains("\"baseline\": {"), "\(json.suffix(600))")
    #expect(json.contains("\"missing\": \"\(why)"))
  }
}
