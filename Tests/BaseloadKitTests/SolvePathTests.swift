import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

/// The one place that picks the solve path, and the paths it picks: exact, dispatch with held capacity,
/// decomposition; the time limit's exit; names the MathProg data must survive.
@Suite struct SolvePathTests {
  /// One flat workload of 10,000 calls/h, an API at $0.003 a call, a monthly reserved GPU at $13/h serving
  /// 5,142.9 calls/h at its cap: the plan buys 2 GPUs. February: 672 hours.
  static let gpuPair: [String: String] = [
    "plan.csv": "key,value\nname,t\nstart,2027-02\nmonths,1\n",
    "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\n",
    "workloads.csv":
      TestFolder.workloadHeader + "\nflat,mid,standard,24000,1,1,10,1000,0,flat\n",
    "apis.csv": TestFolder.apiHeader + "\napi,VendorA,mid,3.00,8.00\n",
    "capacity.csv":
      "id,vendor,tiers,unit,usd_per_unit_hour,billing,input_tok_per_s_per_unit,output_tok_per_s_per_unit\n"
      + "gpu,VendorB,mid,GPU,13.00,reserved,1785.7,1000\n",
    "scenarios.csv": "scenario,target,field,op,value\nlow,*,users,scale,0.5\n",
  ]

  @Test func autoSolvesSmallPlansExactlyAndLargeOnesByDecomposition() throws {
    let small = SolveStrategy.choose(for: PlacementData(input: try TestFolder.load(Self.gpuPair)))
    #expect(small.path == .exact)
    #expect(small.reason.hasPrefix("resolution auto: the exact week model is small"))
    let large = try TestFolder.load(PortfolioPlan(workloads: 60, offers: 60, months: 6).sheets)
    let strategy = SolveStrategy.choose(for: PlacementData(input: large))
    #expect(strategy.path == .benders, "\(strategy)")
    var week = large
    week.settings.resolution = .week
    #expect(SolveStrategy.choose(for: PlacementData(input: week)).path == .exact)
    var clusters = large
    clusters.settings.decomposition = .clusters
    #expect(SolveStrategy.choose(for: PlacementData(input: clusters)).path == .clusters)
  }

  /// Demand halves with the plan's 2 GPUs locked (no max_units in the sheet): the what-if solves (it was
  /// infeasible: the bound written for max_units came from the lower demand) by dispatching every hour with
  /// the held units, at exactly the exact model's optimum with those units fixed: 2 × $13 × 672 h = $17,472.00,
  /// 336,000 tasks, $0.0520 a completed task against the plan's $0.0260.
  @Test func lockedWhatIfDispatchesTheHeldUnitsAtTheExactOptimum() throws {
    let input = try TestFolder.load(Self.gpuPair)
    let plan = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    #expect(plan.result.units["gpu"] == [2])
    #expect(abs(plan.invoice.total - 17_472) < 0.005)
    let locked = try WhatIf.run(
      input, scenario: "low", mode: .locked, plan: plan, modelPath: TestFolder.modelPath)
    #expect(locked.analysis.result.strategy?.path == .dispatch)
    #expect(abs(locked.analysis.invoice.total - 17_472) < 0.005)
    var held = PlacementData(input: input.applying(scenario: "low"))
    held.hold(units: plan.result.units, levels: plan.result.levels)
    let exact = try PlacementSolver.exact(held, model: TestFolder.modelPath, progress: nil)
    #expect(abs(exact.objective - locked.analysis.result.objective) < 1e-6 * exact.objective)
    let team = try #require(locked.analysis.teams.first)
    #expect(abs(team.completedTasks - 336_000) < 1e-6)
    #expect(Format.perUnit(team.costPerCompletedTask ?? 0) == "$0.0520")
    #expect(Format.perUnit(plan.teams.first?.costPerCompletedTask ?? 0) == "$0.0260")
  }

  /// A plan name (the folder's, when plan.csv sets none) with control characters or a comment end still
  /// gives MathProg data it reads: the name sits in a comment.
  @Test func aPlanNameCannotBreakTheModelData() throws {
    var input = try TestFolder.load(Self.gpuPair)
    input.settings.name = "a\u{1B}b */ set W := zz; /* c"
    input.settings.resolution = .week
    let data = PlacementData(input: input)
    #expect(data.mathProgData().hasPrefix("/* Baseload placement data: a?b * / set W := zz; /* c"))
    let r = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    #expect(abs(r.objective - 17_472) < 0.005)
  }

  /// A time limit too short for any plan exits 4 with a sentence, on a feasible input (it was exit 1 or 3).
  @Test func aTimeLimitWithNoPlanExitsFour() throws {
    var sheets = PortfolioPlan(workloads: 30, offers: 20, months: 3, resolution: "week").sheets
    sheets["plan.csv"] = sheets["plan.csv"]!.replacingOccurrences(
      of: "time_limit_s,600", with: "time_limit_s,0.1")
    let dir = TestFolder.make(sheets, bare: true)
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(BaseloadCLI.run(["plan", dir, "--out", out, "--quiet"], io: c.io) == .solverLimit)
    #expect(c.stderr.contains("time limit"), "\(c.stderr)")
  }

  /// `--verify` re-evaluates the plan with placement.mod and its capacity held. The shrinking workload of issue
  /// 11 at resolution cluster (Benders): the plan and the reference both cost the optimum, $25,920.00 (it was
  /// reported as $133,636.48 and "certified" at 0%).
  @Test func verifyAgreesOnTheShrinkingWorkload() throws {
    let dir = TestFolder.make(
      [
        "plan.csv":
          "key,value\nname,t\nstart,2027-01\nmonths,3\nresolution,cluster\nmip_gap,0.0001\n",
        "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\n",
        "workloads.csv":
          "id,tier,latency,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile\n"
          + "shrinking,mid,standard,10000,-15,5,10,4,2000,300,flat\n",
        "apis.csv": TestFolder.apiHeader + "\napi-mid,VendorA,mid,2.00,8.00\n",
        "capacity.csv":
          "id,vendor,tiers,unit,usd_per_unit_hour,billing,term_months,input_tok_per_s_per_unit,output_tok_per_s_per_unit\n"
          + "gpu-3m,VendorB,mid,GPU,1.00,reserved,3,10000,1500\n",
      ], bare: true)
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    #expect(
      BaseloadCLI.run(["plan", dir, "--out", out, "--verify", "--quiet"], io: c.io) == .ok,
      "\(c.stderr)")
    #expect(c.stdout.hasPrefix("t: total $25,920.00"), "\(c.stdout)")
    #expect(
      c.stderr.contains(
        "verified: Models/placement.mod with the plan's units and levels held gives $25,920.00, the plan's objective (its bill plus any human cost of failures)"
      ),
      "\(c.stderr)")
  }

  /// Deferrable batch work at resolution cluster: Benders dispatches each day whole (the deferral rows of
  /// placement.mod within the day), and its certificate brackets the exact week optimum. A batch job that
  /// peaks at 09:00 may wait 3 hours, so it fills the GPUs the office chat leaves idle around its peaks.
  @Test func deferralAtClusterResolutionIsDispatchedByDay() throws {
    let sheets: [String: String] = [
      "plan.csv": "key,value\nname,t\nstart,2027-01\nmonths,2\nresolution,cluster\n",
      "profiles.csv":
        "profile,day,hour,weight\noffice,all,*,1\noffice,weekday,9,6\noffice,weekday,14,5\nmorning,all,*,0.2\nmorning,all,9,8\n",
      "workloads.csv":
        TestFolder.workloadHeader + ",defer_hours\n"
        + "chat,mid,standard,20000,1,2,3,1500,300,office,0\n"
        + "batch,mid,batch,3000,1,4,5,4000,600,morning,3\n",
      "apis.csv": TestFolder.apiHeader + ",batch_discount_pct\napi,V,mid,3.00,12.00,50\n",
      "capacity.csv":
        "id,vendor,tiers,unit,usd_per_unit_hour,billing,unit_step,input_tok_per_s_per_unit,output_tok_per_s_per_unit\n"
        + "gpu,G,mid,GPU,2.50,reserved,2,6000,900\n",
    ]
    let input = try TestFolder.load(sheets)
    let data = PlacementData(input: input)
    #expect(SolveStrategy.choose(for: data).path == .benders)
    let benders = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    let c = try #require(benders.certificate)
    var week = input
    week.settings.resolution = .week
    week.settings.mipGap = 0
    let exact = try PlacementSolver.solve(
      PlacementData(input: week), modelPath: TestFolder.modelPath)
    let tol = 1e-6 * exact.objective
    #expect(
      c.lowerBound <= exact.objective + tol, "lower \(c.lowerBound) > optimum \(exact.objective)")
    #expect(benders.objective >= exact.objective - tol)
    #expect(benders.objective <= exact.objective * (1 + input.settings.optimalityGap) + tol)
    // The plan is one placement.mod accepts: its cost with the capacity held is the reported cost.
    #expect(try benders.verify(modelPath: TestFolder.modelPath).agrees)
    // Deferral is used: some batch calls are served after the hour they arrive in.
    let batch = try #require(data.workloads.firstIndex { $0.id == "batch" })
    let served = data.pairs.indices.filter { data.pairs[$0].workload == batch }
    let late = data.slices.slices.contains { s in
      let x = served.reduce(0.0) { $0 + benders.flows[$1][s.index] }
      return abs(x - data.demand(batch, s)) > 1e-6
    }
    #expect(late)
  }
}
