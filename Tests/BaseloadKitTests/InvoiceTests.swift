import Testing

@testable import BaseloadKit

@Suite struct InvoiceTests {
  typealias P = PlacementOptimaTests

  /// Two signed GPUs carry 2,880 of 3,600 calls/h; the API takes 720 calls/h × 672 h = 483,840 calls:
  /// 483.84 Mtok input at $1 and 48.384 Mtok output at $2; the GPUs bill 2 × 672 GPU-hours at $1.
  static func reservedExample() throws -> PlanAnalysis {
    let input = try TestFolder.load([
      "plan.csv": P.feb + "name,t\n",
      "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,0.9,0\n",
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,2,1000,100\n",
      "contracts.csv": "offer,units,start,end\ngpu,2,2027-02,2027-02\n",
    ])
    return PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
  }

  @Test func invoiceLinesAreExactAndSumToTheObjective() throws {
    let a = try Self.reservedExample()
    #expect(
      a.invoice.lines.map(\.billedCost).map { ($0 * 1e6).rounded() / 1e6 } == [
        483.84, 96.768, 1344,
      ])
    #expect(abs(a.invoice.total - a.result.objective) < 1e-6)
    let csv = a.invoiceCSV.split(separator: "\n")
    // Header, two token rows, the reservation's Purchase row and its Used row (the GPUs run full: no Unused).
    #expect(csv.count == 5)
    #expect(
      csv[1]
        == "483.840000,baseload-t,t,USD,2027-03-01T00:00:00Z,2027-02-01T00:00:00Z,Usage,,api input tokens,Usage-Based,2027-03-01T00:00:00Z,2027-02-01T00:00:00Z,483.840000,1.000000,483.840000,V,483.840000,1.000000,483.840000,1M tokens,V,V,AI and Machine Learning,api,api,api/input tokens,483.840000,1M tokens,,,,,,,,,,baseload-t/V/2027-02,Standard,USD,1.000000,483.840000,1.000000,Generative AI,V|api|input tokens|2027-02"
    )
    #expect(
      csv[3]
        == "1344.000000,baseload-t,t,USD,2027-03-01T00:00:00Z,2027-02-01T00:00:00Z,Purchase,,gpu reserved units,Recurring,2027-03-01T00:00:00Z,2027-02-01T00:00:00Z,1344.000000,1.000000,0.000000,V,1344.000000,1.000000,1344.000000,GPU-hour,V,V,AI and Machine Learning,gpu,gpu,gpu/reserved units,,,,,,,,gpu,,,,baseload-t/V/2027-02,Standard,USD,1.000000,0.000000,1.000000,Generative AI,V|gpu|reserved units|2027-02"
    )
    #expect(
      csv[4].hasPrefix("0.000000,") && csv[4].contains(",gpu,Used,") && csv[4].hasSuffix("|used"))
    // Completed tasks: 3,600 calls/h × 672 h × 0.9.
    #expect(abs(a.workloads[0].completedTasks - 3600 * 672 * 0.9) < 1e-6)
  }

  /// A reserved GPU's bill is shared by the GPU-hours each workload uses, not by its calls. Two workloads of
  /// 1,000 calls/h each on three $1 GPUs: a light call (1,000 + 100 tokens) takes 1/1440 GPU-hour, a heavy one
  /// (3,000 + 300) 1/480, so the GPUs carry 0.694 + 2.083 GPU-hours an hour (all calls, since a GPU-hour saves
  /// $1.728 of API either way and the third GPU is worth $1.344 an hour). February's 3 × 672 × $1 = $2,016
  /// splits 1 : 3 — $504 and $1,512, $0.00075 and $0.00225 per completed task — not $1,008 each.
  @Test func reservedCostIsSharedByGPUHoursUsed() throws {
    let input = try TestFolder.load([
      "plan.csv": P.feb,
      "workloads.csv": P.wh + "\nlight,mid,standard,24000,1,1,1,1000,100,flat,0,0,1,0"
        + "\nheavy,mid,standard,24000,1,1,1,3000,300,flat,0,0,1,0\n",
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,,1000,100\n",
    ])
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    #expect(a.result.units["gpu"] == [3])
    #expect(P.close(a.result.objective, 2016))
    let light = try #require(a.workloads.first { $0.workload == "light" })
    let heavy = try #require(a.workloads.first { $0.workload == "heavy" })
    #expect(P.close(light.cost, 504))
    #expect(P.close(heavy.cost, 1512))
    #expect(P.close(light.costPerCompletedTask ?? 0, 504 / 672_000))
    #expect(P.close(heavy.costPerCompletedTask ?? 0, 1512 / 672_000))
  }

  /// A fixed charge nobody used goes to the workloads that could use the offer, never to one that cannot.
  /// April 2027 (720 h), w1 (team A, tier t) and w2 (team B, tier u) each make 1 call/h of 1 Mtok on a $1/Mtok
  /// API; a GPU serving tier t alone is signed for 1 unit at $0.50/h ($360), a $1/h commitment on an API only
  /// w1 can use ($720, 20% off). The all-API baseline leaves the GPU idle: w1 carries it, (720 + 360) / 720 =
  /// $1.50 a task, w2 $1.00 (both were $1.25: the baseline had no GPU pair left to say who could use it). With
  /// w1's users at zero, the idle GPU and the unused commitment stay team A's and team B stays at $1.00 a task
  /// (it read $1.50 and $2.00: the charge went to every call of the month). Found by an independent tester.
  @Test func idleChargesStayWithWorkloadsThatCouldUseThem() throws {
    let base = [
      "plan.csv": "key,value\nstart,2027-04\nmonths,1\nresolution,week\nmip_gap,0\n",
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\n",
      "workloads.csv":
        "id,team,tier,latency,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile\n"
        + "w1,A,t,standard,24,0,1,1,1,1000000,0,flat\nw2,B,u,standard,24,0,1,1,1,1000000,0,flat\n",
      "scenarios.csv": "scenario,target,field,op,value\nw1gone,w1,users,set,0\n",
    ]
    let gpu = [
      "apis.csv": "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_output\napi1,V,t;u,1,1\n",
      "capacity.csv":
        "id,vendor,tiers,usd_per_unit_hour,billing,term_months,input_tok_per_s_per_unit,output_tok_per_s_per_unit\n"
        + "gpu1,G,t,0.5,reserved,1,1000,1000\n",
      "contracts.csv": "offer,units,usd_per_hour,start,end\ngpu1,1,,2027-04,2027-04\n",
    ]
    let commitment = [
      "apis.csv":
        "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_output\napi1,V,t,1,1\napi2,W,u,1,1\n",
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nc1,V,api1,20,1\n",
      "contracts.csv": "offer,units,usd_per_hour,start,end\nc1,,1,2027-04,2027-04\n",
    ]
    func perTask(_ a: PlanAnalysis, _ w: String) -> Double? {
      a.workloads.first { $0.workload == w }?.costPerCompletedTask
    }
    func teamB(_ a: PlanAnalysis) -> Double? {
      a.teams.first { $0.workload == "B" }?.costPerCompletedTask
    }
    let gpuRun = try PlanRun.solve(
      TestFolder.load(base.merging(gpu) { $1 }), modelPath: TestFolder.modelPath)
    let baseline = try #require(gpuRun.baseline?.analysis)
    #expect(P.close(perTask(baseline, "w1") ?? 0, 1.50))
    #expect(P.close(perTask(baseline, "w2") ?? 0, 1.00))
    #expect(P.close(perTask(gpuRun.plan, "w2") ?? 0, 1.00))
    let commitmentRun = try PlanRun.solve(
      TestFolder.load(base.merging(commitment) { $1 }), modelPath: TestFolder.modelPath)
    for run in [gpuRun, commitmentRun] {
      let scenario = try #require(run.scenarios.first)
      for outcome in scenario.outcomes {
        #expect(P.close(teamB(outcome.analysis) ?? 0, 1.00), "\(outcome.mode)")
        #expect(outcome.analysis.teams.first { $0.workload == "A" }?.costPerCompletedTask == nil)
      }
      #expect(scenario.verdict.contains("Next month (2027-04) the bill does not change"))
    }
  }

  @Test func hostileIdsAreNeutralisedInEveryCSV() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader
        + "\n\"=HYPERLINK(\"\"http://x\"\")\",mid,standard,10,1,1,1,1000,100,flat\n",
      "apis.csv": TestFolder.apiHeader + "\n@api,\"+V,-1\",mid,1,2\n",
    ])
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    for csv in [a.invoiceCSV, a.placementCSV, a.hourlyCSV] {
      for line in csv.split(separator: "\n") {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        for c in cells {
          let t = c.hasPrefix("\"") ? c.dropFirst() : c
          if let f = t.first, "=+@".contains(f) {
            Issue.record("unneutralised cell \(c) in \(line)")
          }
        }
      }
    }
    #expect(a.placementCSV.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
    #expect(a.invoiceCSV.contains("'@api"))
    #expect(a.invoiceCSV.contains("\"'+V,-1\""))
  }
}

/// What report.md's *What to buy and when* says of terms that outlast the horizon and of on-demand hours under a
/// commitment, and what its headline's shares are taken of when commitment credits are negative lines.
@Suite struct PurchaseTextTests {
  typealias P = PlacementOptimaTests

  /// The plan's report.md for February 2027, 1,440 calls/h flat on the $0.0012-a-call API, plus `sheets`.
  static func markdown(_ sheets: [String: String]) throws -> (PlanRun, String) {
    let base = [
      "plan.csv": P.feb, "apis.csv": P.api,
      "workloads.csv": P.wh + "\nw,mid,standard,34560,1,1,1,1000,100,flat,0,0,1,0\n",
    ]
    let input = try TestFolder.load(base.merging(sheets) { $1 })
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    return (run, run.plan.markdown)
  }

  /// One GPU at $0.40/h for a 3-month term bought in February 2027, the horizon's only month: March (744 h) and
  /// April (720 h) are paid too, 0.40 × 1,464 = $585.60, and not in the plan's total ($268.80).
  @Test func aTermPastTheHorizonIsNamedWithWhatItLeavesOut() throws {
    let (run, md) = try Self.markdown([
      "capacity.csv": P.capHeader + "\ngpu,V,mid,0.40,reserved,3,0,1,,1000,100\n"
    ])
    #expect(run.plan.result.units["gpu"] == [1])
    #expect(abs(run.plan.invoice.total - 268.8) < 1e-6)
    #expect(
      md.contains(
        "from 2027-02 for one 3-month term (through 2027-04), at $0.40/GPU-hour. Its term runs 2 months past the horizon (through 2027-04): $585.60 at list price, not in this plan's total."
      ))
  }

  /// A 3-month commitment of $1.3824/h (1,440 calls/h × $0.0012 = $1.728 list, less 20%) bought in February:
  /// $1.3824 × 1,464 h = $2,023.83 after the horizon. The commitment's fee ($928.97) less the usage it covers
  /// ($1,161.22 at list) is a credit of $232.24, so the headline's share is of the charges before it (the API's
  /// $1,161.22, 100%), not 125% of the $928.97 bill.
  @Test func aCommitmentPastTheHorizonAndTheHeadlineShares() throws {
    let (run, md) = try Self.markdown([
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nsp,V,api,20,3\n"
    ])
    #expect(abs((run.plan.result.levels["sp"]?[0] ?? 0) - 1.3824) < 1e-9)
    #expect(
      md.contains(
        "from 2027-02 for 3 months. Its term runs 2 months past the horizon (through 2027-04): $2,023.83 at list price, not in this plan's total."
      ))
    #expect(
      md.contains(
        "Before commitment credits, 100% of the charges is token API; commitments take $232.24 off (their fees less the usage they cover)."
      ))
  }

  /// On-demand GPU-hours all covered by a commitment are not "no commitment".
  @Test func onDemandUnderACommitmentSaysSo() throws {
    let (_, md) = try Self.markdown([
      "capacity.csv": P.capHeader + "\nod,V,mid,1.00,on_demand,1,0,1,,1000,100\n",
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nk,V,od,25,1\n",
    ])
    #expect(
      md.contains(
        "of on-demand `od` (V) over the horizon, billed per hour used, under commitment `k`."))
    #expect(!md.contains("no commitment"))
  }
}

/// How full each commitment is: a signed $50/h commitment in January 2027 (744 h: a $37,200 fee) beside usage of
/// $1,000 a day at list, 20% off under the commitment: it covers 31 × $1,000 × 0.8 = $24,800, two thirds of the
/// fee; $12,400 pays for usage that never comes — in the report, summary.json and the batch index.
@Suite struct CommitmentUseTests {
  @Test func anUnusedCommitmentFeeIsShownAsIdleSpend() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader + "\nw,mid,standard,1000,1,1,1,1000000,0,flat\n",
      "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,1,1\n",
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nk,V,api1,20,1\n",
      "contracts.csv": "offer,units,usd_per_hour,start,end\nk,,50,2027-01,2027-01\n",
    ])
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    let use = try #require(a.commitmentUse.first)
    #expect(a.commitmentUse.count == 1)
    #expect(use.commitment == "k" && use.month.description == "2027-01")
    #expect(abs(use.fee - 37_200) < 1e-6)
    #expect(abs(use.covered - 24_800) < 1e-6)
    #expect(abs(use.utilisation - 2.0 / 3) < 1e-9)
    #expect(abs(a.unusedCommitmentCost - 12_400) < 1e-6)
    #expect(
      a.commitmentTable.contains(
        "| k | 2027-01 | $37,200.00 | $24,800.00 | 66.7% | $12,400.00 |"))
    #expect(
      a.commitmentTable.contains("$12,400.00 of commitment fees pay for usage that never comes"))
    #expect(a.summaryJSON.render().contains("\"unused_commitment_cost\": 12400.00"))
  }
}

/// A workload with no demand has no cost per Mtok or per task: `—` in the report and `null` in summary.json,
/// never $0.00 (which reads as free).
@Suite struct NoDemandFiguresTests {
  @Test func aWorkloadWithoutDemandHasNoUnitCost() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader
        + "\nw,mid,standard,10,1,1,1,1000,100,flat\nghost,mid,standard,0,1,1,1,1000,100,flat\n"
    ])
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    let ghost = try #require(a.workloads.first { $0.workload == "ghost" })
    #expect(ghost.costPerMtok == nil && ghost.costPerTask == nil)
    #expect(a.workloadTable.contains("| ghost | standard |  | 0.0 | $0.00 | — | — | — | $0.00 |"))
    #expect(a.summaryJSON.render().contains("\"usd_per_mtok\": null"))
  }
}
