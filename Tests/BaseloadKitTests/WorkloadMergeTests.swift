import BaseloadTestSupport
import Testing

@testable import BaseloadKit

/// Exact aggregation of workloads with proportional per-call terms.
@Suite struct WorkloadMergeTests {
  /// The tiny synthetic plan (whose w3 is w0's workflow for another team) plus a copy of w0 on another
  /// profile and a copy of w1 with every token count doubled (so each of its per-call costs and loads is
  /// twice w1's).
  static func input() throws -> PlanInput {
    var sheets = SyntheticPlan(
      size: .init(name: "T", workloads: 4, offers: 5, months: 1), seed: 4
    ).sheets
    let rows = try #require(sheets["workloads.csv"]).split(separator: "\n").map(String.init)
    var w0 = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    w0[0] = "w0-eu"
    w0[5] = "777"
    w0[17] = w0[17] == "flat" ? "sun" : "flat"
    var w1 = rows[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    w1[0] = "w1-long"
    for c in [10, 11, 12] { w1[c] = String(2 * Int(w1[c])!) }
    sheets["workloads.csv"] =
      (rows + [w0.joined(separator: ","), w1.joined(separator: ",")])
      .joined(separator: "\n") + "\n"
    var input = try TestFolder.load(sheets)
    input.settings.mipGap = 0
    input.settings.optimalityGap = 1e-6
    return input
  }

  @Test func proportionalWorkloadsFormOneClass() throws {
    let data = PlacementData(input: try Self.input())
    let merge = WorkloadMerge(data)
    let byID = merge.classes.map { $0.map { data.workloads[$0.workload].id } }
    #expect(byID == [["w0", "w3", "w0-eu"], ["w1", "w1-long"], ["w2"]])
    let long = try #require(merge.classes.first { $0.count == 2 && $0[0].workload == 1 })
    #expect(abs(long[1].factor - 2) < 1e-12)
  }

  /// The merged, certified plan costs what the exact week model costs without merging, and every workload's
  /// calls add up to its own demand in every slice.
  @Test func mergedPlanEqualsTheUnmergedOptimum() throws {
    let input = try Self.input()
    let data = PlacementData(input: input)
    let merged = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    #expect(merged.certificate?.note?.contains("6 workloads solved as 3 demand classes") == true)
    let exact = try PlacementSolver.solve(
      data.withResolution(.week), modelPath: TestFolder.modelPath)
    #expect(abs(merged.objective - exact.objective) <= 1e-5 * exact.objective)
    for wi in data.workloads.indices {
      for s in data.slices.slices {
        let served = data.pairs.indices.filter { data.pairs[$0].workload == wi }
          .reduce(0.0) { $0 + merged.flows[$1][s.index] }
        #expect(abs(served - data.demand(wi, s)) <= 1e-6 * max(1, data.demand(wi, s)))
      }
    }
    let a = PlanAnalysis(merged)
    #expect(abs(a.invoice.total + a.humanCost - merged.objective) <= 1e-6 * merged.objective)
  }
}
