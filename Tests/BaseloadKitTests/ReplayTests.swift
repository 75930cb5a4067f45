import Foundation
import Testing

@testable import BaseloadKit

@Suite struct ReplayTests {
  /// January 2026 observed at 10 tasks an hour with a spike of 1000 at 2026-01-15T14:00Z.
  static var januaryUsage: String {
    var s = "workload,hour,tasks\n"
    for day in 1...31 {
      for hour in 0..<24 {
        let stamp = String(format: "2026-01-%02dT%02d:00:00Z", day, hour)
        s += "w1,\(stamp),\(day == 15 && hour == 14 ? 1000 : 10)\n"
      }
    }
    return s
  }

  static let plan = "key,value\nname,t\nstart,2027-01\nmonths,1\ndemand_shape,replay\n"

  /// The planned January takes the observed January a year earlier: the spike lands in its hour, and the
  /// plan is solved on every calendar hour (the week model would average it away).
  @Test func replayPlansTheObservedSpikeInItsHour() throws {
    let sheets = ["plan.csv": Self.plan, "usage.csv": Self.januaryUsage]
    let input = try TestFolder.load(sheets)
    let data = PlacementData(input: input)
    #expect(data.slices.resolution == .hour)
    func slice(_ day: Int, _ hour: Int) -> TimeSlice {
      data.slices.slices.first { $0.dayOfMonth == day && $0.hourOfDay == hour }!
    }
    #expect(data.demand(0, slice(15, 14)) == 1000)
    #expect(data.demand(0, slice(15, 13)) == 10)
    #expect(data.demand(0, slice(16, 14)) == 10)
    let strategy = SolveStrategy.choose(for: data)
    #expect(strategy.path == .exact)
    #expect(
      strategy.reason.hasPrefix(
        "demand_shape replay: every calendar hour has its own observed demand"))
    // End to end: the plan's hourly load in that hour is the spike's (1000 calls of 1100 tokens, per minute).
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(
      BaseloadCLI.run(["plan", TestFolder.make(sheets), "--out", out], io: c.io) == .ok,
      "\(c.stderr)")
    let hourly = try String(contentsOfFile: out + "/hourly.csv", encoding: .utf8)
    let spike = hourly.split(separator: "\n").first { $0.contains("2027-01-15T14:00Z") }
    #expect(spike?.contains(Format.fixed(1000.0 * 1100 / 60, 2)) == true, "\(spike ?? "")")
    // Profile: the same sheets without replay plan the flat profile (10 users × 1 session × 1 prompt a day).
    let flat = try TestFolder.load(["plan.csv": TestFolder.plan, "usage.csv": Self.januaryUsage])
    let flatData = PlacementData(input: flat)
    #expect(flatData.slices.resolution == .week)
  }

  /// Growth scales the observed hour by the months between it and the planned one.
  @Test func replayScalesByGrowth() {
    let h = SheetParsers.utcHour("2026-01-15T14:00:00Z")!
    let hours = Forecast.replayHours(
      [h: 1000, h - 1: 10], months: [Month(year: 2027, month: 1)], growthPctPerMonth: 10)
    let planned = (15 - 1) * 24 + 14
    #expect(hours[planned] == 1000 * pow(1.1, 8760 / 730.5))
  }

  /// With less than a year of history, each hour takes the same hour of week of the most recent weeks.
  @Test func replayWithoutAYearUsesRecentWeeks() {
    // Three observed weeks from Monday 2026-12-07; Monday 09:00 has 10, 20, 30 tasks, other hours none.
    let first = SheetParsers.utcHour("2026-12-07T00:00:00Z")!
    var observed: [Int64: Double] = [first: 0, first + 3 * 168 - 1: 0]
    for w in 0..<3 { observed[first + Int64(w) * 168 + 9] = Double(10 * (w + 1)) }
    let hours = Forecast.replayHours(
      observed, months: [Month(year: 2027, month: 1)], growthPctPerMonth: 0)
    // 2027-01-04 is a Monday.
    #expect(hours[3 * 24 + 9] == 20)
    #expect(hours[3 * 24 + 10] == 0)
    #expect(SheetParsers.utcHour("2026-02-29T00:00:00Z") == nil)
    #expect(SheetParsers.utcHour("2026-03-02T14:30:00Z") == nil)
  }

  /// A scenario that changes the users, sessions or prompts of a replayed workload is refused: the observed tasks
  /// set its level, so the change would do nothing (an independent tester's outlook future `slump`, users × 0.5,
  /// came out identical to `base` with EVPI $0, silently). Growth still applies and is accepted.
  @Test func aLevelChangeOfReplayedDemandIsRefused() {
    let problems = TestFolder.problems([
      "plan.csv": Self.plan, "usage.csv": Self.januaryUsage,
      "scenarios.csv":
        "scenario,target,field,op,value\nslump,*,users,scale,0.5\nfast,w1,user_growth_pct_per_month,set,5\nbusy,w1,prompts_per_session,scale,2\n",
    ])
    #expect(
      problems == [
        "scenarios.csv:2:1: scenario 'slump' changes users of 'w1', whose demand demand_shape replay takes from usage.csv's observed tasks, so the change would have no effect; change user_growth_pct_per_month instead",
        "scenarios.csv:4:1: scenario 'busy' changes prompts_per_session of 'w1', whose demand demand_shape replay takes from usage.csv's observed tasks, so the change would have no effect; change user_growth_pct_per_month instead",
      ], "\(problems)")
    // `*` also reaches a workload that keeps its profile (no rows in usage.csv): there the change applies, so the
    // row is valid (a reviewer found it refused).
    let mixed = TestFolder.problems([
      "plan.csv": Self.plan, "usage.csv": Self.januaryUsage,
      "workloads.csv": TestFolder.workloadHeader
        + "\nw1,mid,standard,10,1,1,1,1000,100,flat\nw2,mid,standard,10,1,1,1,1000,100,flat\n",
      "scenarios.csv": "scenario,target,field,op,value\nall,*,users,scale,2\n",
    ])
    #expect(mixed == [], "\(mixed)")
  }

  /// usage.csv problems are located; replay without usage.csv is an error.
  @Test func usageSheetDiagnostics() {
    let problems = TestFolder.problems([
      "plan.csv": Self.plan,
      "usage.csv":
        "workload,hour,tasks\nw1,2026-01-01T00:00:00Z,1\nw9,2026-01-01T01:00:00Z,1\nw1,yesterday,1\nw1,2026-01-01T00:00:00Z,-2\nw1,2026-01-01T00:00:00Z,3\n",
    ])
    #expect(
      problems.contains { $0.hasPrefix("usage.csv:3:1: unknown workload 'w9'") }, "\(problems)")
    #expect(
      problems.contains(
        "usage.csv:4:4: hour must be an ISO 8601 UTC hour like 2026-03-02T14:00:00Z, got 'yesterday'"
      ))
    #expect(problems.contains { $0.hasPrefix("usage.csv:5:25:") }, "\(problems)")
    #expect(
      problems.contains(
        "usage.csv:6:4: duplicate usage row for 'w1' in this hour (first on line 2)"))
    #expect(
      TestFolder.problems(["plan.csv": Self.plan]) == [
        "plan.csv:1:1: demand_shape replay needs usage.csv (observed tasks per hour)"
      ])
  }
}
