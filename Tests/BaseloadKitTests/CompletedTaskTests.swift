import Foundation
import Testing

@testable import BaseloadKit

/// A workload whose success rate is 0 completes no task: its cost per completed task is "—" / empty / null
/// with the words "no completed tasks", never `$0.0000` or `inf`, in every report that shows one.
@Suite struct CompletedTaskTests {
  static let sheets = [
    "workloads.csv": TestFolder.workloadHeader + ",success_rate,team\n"
      + "w1,mid,standard,10,1,1,1,1000,100,flat,0,red\nw2,mid,standard,10,1,1,1,1000,100,flat,0.5,blue\n",
    "scenarios.csv": "scenario,target,field,op,value\nhalf,*,users,scale,0.5\n",
  ]

  @Test func reportsSayNoCompletedTasks() throws {
    let input = try TestFolder.load(Self.sheets)
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    let w1 = try #require(run.plan.workloads.first { $0.workload == "w1" })
    #expect(w1.costPerCompletedTask == nil)
    let folder = PlanReport.folder(run)
    let md = try #require(folder.text("report.md"))
    let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| w1 | standard |") })
    #expect(row.hasSuffix("| — | $0.00 |"), "\(row)")
    #expect(md.contains("`w1` has no completed tasks (success rate 0)"))
    let baselineRow = try #require(
      md.split(separator: "\n").first { $0.hasPrefix("| w1 | ") && $0.contains("0.0%") })
    #expect(baselineRow == "| w1 | — | — | 0.0% | 0.0% |")
    let json = try #require(folder.text("summary.json"))
    #expect(json.contains("\"workload\": \"w1\""))
    #expect(!json.contains("inf") && !json.contains("nan"))
    let w1JSON = try #require(
      json.components(separatedBy: "\"workload\": \"w1\"").dropFirst().first)
    #expect(w1JSON.prefix(400).contains("\"usd_per_completed_task\": null"))
    let verdicts = run.scenarios.map(\.verdict).joined(separator: "\n")
    #expect(
      verdicts.contains(
        "no completed tasks in the plan → no completed tasks locked, no completed tasks at renewal")
    )
    #expect(!verdicts.contains("$0.0000"))
    // The chart shows only the workload that completes tasks.
    let chart = try #require(folder.text("charts/task-cost.svg"))
    #expect(chart.contains(">w2<") && !chart.contains(">w1<"))
  }

  /// A workload without demand has no completed tasks for another reason than a success rate of 0, and the
  /// report says which (an independent tester found "success rate 0" stated for a workload whose rate was 1).
  @Test func aWorkloadWithoutDemandIsNotBlamedOnItsSuccessRate() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader + ",success_rate\n"
        + "w1,mid,standard,0,1,1,1,1000,100,flat,1\nw2,mid,standard,10,1,1,1,1000,100,flat,0\n"
    ])
    let md = try #require(
      PlanReport.folder(try PlanRun.solve(input, modelPath: TestFolder.modelPath)).text("report.md")
    )
    #expect(md.contains("`w1` has no tasks (no demand): there is no cost per completed task (—)."))
    #expect(md.contains("`w2` has no completed tasks (success rate 0)"))
    #expect(!md.contains("`w1` has no completed tasks"))
  }

  /// Solver round-off is not calls: a workload with no demand beside reserved, on-demand and committed offers got
  /// flows of ±1e-13 calls/h, a placement row with a share of 8.6e15 and a cost per completed task of the
  /// on-demand price per call, $0.56 for 0 tasks (an independent tester's instance).
  @Test func roundOffFlowsAreNoCalls() throws {
    let input = try TestFolder.load([
      "plan.csv":
        "key,value\nstart,2027-01\nmonths,3\nresolution,week\nmip_gap,0\nutil_cap_standard,1\n",
      "profiles.csv":
        "profile,day,hour,weight\nflat,all,*,1\noffice,weekday,*,1\noffice,weekday,9,5\noffice,weekday,10,5\noffice,weekend,*,0.2\n",
      "workloads.csv":
        "id,tier,latency,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile,team\nw1,t,standard,0,10,1,1,1,600,0,office,teamA\nw2,t,standard,120,0,1,1,1,600,0,flat,teamB\n",
      "apis.csv": "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_output\napi1,V,t,1000,1000\n",
      "capacity.csv":
        "id,vendor,tiers,usd_per_unit_hour,billing,term_months,min_units,unit_step,max_units,input_tok_per_min_per_unit,output_tok_per_min_per_unit\ngpu3,G,t,1.5,reserved,3,2,1,,50,1000\ngpu1,G,t,2,reserved,1,0,1,4,50,1000\nod,G,t,2.8,on_demand,1,0,1,,50,1000\n",
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nc1,V,api1,20,1\n",
      "contracts.csv":
        "offer,units,usd_per_hour,start,end\ngpu1,1,,2027-01,2027-02\nc1,,0.5,2027-01,2027-01\n",
    ])
    let plan = try PlanRun.solvePlan(input, modelPath: TestFolder.modelPath).plan
    let w1 = try #require(plan.workloads.first { $0.workload == "w1" })
    #expect(w1.tasks == 0 && w1.costPerCompletedTask == nil)
    #expect(plan.placement.allSatisfy { $0.share <= 1 + 1e-9 && $0.calls >= 0 })
    #expect(!plan.placement.contains { $0.workload == "w1" && $0.calls > 0 })
    #expect(plan.result.flows.joined().allSatisfy { $0 >= 0 })
  }

  @Test func quotesLeaveTheCellEmpty() throws {
    let e = try QuoteTests.engine(Self.sheets)
    let set = try QuoteSet.compute(e, workload: "w1")
    let q = try #require(set.quotes.first)
    #expect(q.listPerCompletedTask == nil)
    #expect(q.standalonePerCompletedTask == nil)
    #expect(!set.csv.contains("inf"))
    let row = try #require(set.csv.split(separator: "\n").first { $0.hasPrefix("quote,w1,") })
    let cells = row.split(separator: ",", omittingEmptySubsequences: false)
    #expect(cells[7] == "" && cells[8] == "" && cells[9] == "")
    #expect(set.markdown.contains("no task of `w1` completes (success rate 0)"))
    #expect(!set.markdown.contains("$inf"))
  }

  @Test func theBatchIndexLeavesTheCellEmpty() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader + ",success_rate\n"
        + "w1,mid,standard,10,1,1,1,1000,100,flat,0\n"
    ])
    let entry = BatchEntry(
      folder: "f", run: try PlanRun.solve(input, modelPath: TestFolder.modelPath))
    let row = BatchIndex.csv([entry]).split(separator: "\n")[1]
    #expect(row.hasPrefix("f,t,ok,"))
    #expect(row.split(separator: ",", omittingEmptySubsequences: false)[4] == "")
    #expect(BatchIndex.html([entry]).contains("<td class=\"n\">—</td>"))
  }
}

/// One sentence, one precision: the verdict's cost per completed task gives every figure to four decimals when
/// any is below $1 (an independent tester read "$1.00 … $0.7500" as a mistake).
@Suite struct TaskCostPrecisionTests {
  /// 100 PTUs at $1/h carry 100 calls/h (1 PTU-hour a call) for February: $67,200 for 67,200 tasks, $1 each;
  /// locked at twice the input rate the same $1; at renewal 50 PTUs, $0.50.
  @Test func everyFigureOfASentenceHasTheSamePrecision() throws {
    let input = try TestFolder.load([
      "plan.csv": "key,value\nstart,2027-02\nmonths,1\nmip_gap,0\nutil_cap_batch,1\n",
      "workloads.csv": TestFolder.workloadHeader + "\nw1,mid,batch,2400,1,1,1,1800,450,flat\n",
      "capacity.csv": CapacityUnitsTests.header + "\nptu,M,mid,PTU,1,reserved,0,1,,60,,,4,0\n",
      "scenarios.csv":
        "scenario,target,field,op,value\nfast,ptu,input_tok_per_s_per_unit,scale,2\n",
    ])
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    let verdict = try #require(run.scenarios.first).verdict
    #expect(
      verdict.contains("$1.0000 in the plan → $1.0000 locked, $0.5000 at renewal"), "\(verdict)")
  }
}
