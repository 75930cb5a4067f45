import Foundation
import Testing

@testable import BaseloadKit

/// Vendor capacity units entered in capacity.csv as vendors publish them.
@Suite struct CapacityUnitsTests {
  static let header =
    "id,vendor,tiers,unit,usd_per_unit_hour,billing,min_units,unit_step,input_tok_per_s_per_unit,input_tok_per_min_per_unit,output_tok_per_s_per_unit,output_tok_per_min_per_unit,output_token_weight,cached_input_weight"

  static func offers(_ rows: String) throws -> [CapacityOffer] {
    try TestFolder.load(["capacity.csv": header + "\n" + rows]).capacity
  }

  /// Azure PTU: input TPM per PTU and an output weight; Bedrock model units: tokens per minute in and out;
  /// Vertex AI GSU: per-second throughput and burndown rates (output and cached input). The last two rows'
  /// figures are illustrative: AWS quotes model-unit throughput per account, and the test checks the mapping.
  @Test func vendorUnitsBecomeTokensPerSecond() throws {
    let o = try Self.offers(
      """
      ptu,Microsoft,mid,PTU,0.36,reserved,15,5,,3000,,,4,0
      mu,Amazon,mid,MU,20,reserved,1,1,,120000,,24000,,0
      gsu,Google,mid,GSU,2.7,reserved,1,1,2000,,,,9,0.1

      """)
    let input: [Double] = [50, 2000, 2000]
    #expect(o.map(\.inputTokPerSecPerUnit) == input)
    let output: [Double] = [12.5, 400, 2000.0 / 9]
    #expect(o.map(\.outputTokPerSecPerUnit) == output)
    let cached: [Double] = [0, 0, 0.1]
    #expect(o.map(\.cachedInputWeight) == cached)
    #expect(o[0].minUnits == 15 && o[0].unitStep == 5)
    // A GSU call of 1,000 input (200 cached) and 100 output tokens burns 800 + 200 × 0.1 + 100 × 9 = 1,720
    // input-token-equivalents: 0.86 GSU-seconds at 2,000 a second.
    let w = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader
        + ",cache_hit_rate\nw,mid,standard,10,1,1,1,1000,100,flat,0.2\n",
      "capacity.csv": Self.header + "\ngsu,Google,mid,GSU,2.7,reserved,1,1,2000,,,,9,0.1\n",
    ])
    #expect(abs(PlacementData.unitSeconds(w.workloads[0], w.capacity[0]) - 0.86) < 1e-12)
  }

  /// An output rate given as a weight follows the input rate in a scenario (the README's output rate = input
  /// rate ÷ weight); one given itself does not, and a scenario that sets the output rate overrides the weight.
  /// An independent tester's case: PTUs at 1 input token/s and weight 4 serve a call of 1,800 input and 450
  /// output tokens in 1,800 + 450 × 4 = 3,600 s; at twice the input rate, in 900 + 900 = 1,800 s — 50 PTUs
  /// for 100 calls/h, $33,600 for February, not the 75 ($50,400) of an output rate left at 0.25.
  @Test func anOutputRateGivenAsAWeightFollowsTheInputRate() throws {
    let input = try TestFolder.load([
      "plan.csv": "key,value\nstart,2027-02\nmonths,1\nmip_gap,0\nutil_cap_batch,1\n",
      "workloads.csv": TestFolder.workloadHeader + "\nw1,mid,batch,2400,1,1,1,1800,450,flat\n",
      "capacity.csv": Self.header + "\nptu,M,mid,PTU,1,reserved,0,1,,60,,,4,0"
        + "\ngpu,M,mid,GPU,1,reserved,0,1,1,,0.25,,,0\n",
      "scenarios.csv": "scenario,target,field,op,value\nfast,*,input_tok_per_s_per_unit,scale,2\n"
        + "set,ptu,input_tok_per_s_per_unit,scale,2\nset,ptu,output_tok_per_s_per_unit,set,1\n"
        + "set,ptu,input_tok_per_s_per_unit,scale,2\n",
    ])
    let fast = input.applying(scenario: "fast").capacity
    #expect(fast.map(\.inputTokPerSecPerUnit) == [2, 2])
    #expect(fast.map(\.outputTokPerSecPerUnit) == [0.5, 0.25])
    // Set output 1 after doubling the input: the later doubling leaves it at 1.
    let set = input.applying(scenario: "set").capacity[0]
    #expect(set.inputTokPerSecPerUnit == 4 && set.outputTokPerSecPerUnit == 1)
    var only = input
    only.capacity.removeLast()
    let r = try PlacementSolver.solve(
      PlacementData(input: only.applying(scenario: "fast")), modelPath: TestFolder.modelPath)
    #expect(r.units["ptu"] == [50])
    #expect(abs(r.objective - 33_600) < 1e-6)
  }

  @Test func eachRateIsGivenOnceAndOnlyOnce() {
    let rows: String =
      "a,V,mid,GPU,1,on_demand,0,1,10,600,5,,,0\n" + "b,V,mid,GPU,1,on_demand,0,1,,,,,,0\n"
      + "c,V,mid,GPU,1,on_demand,0,1,10,,5,,4,0\n" + "d,V,mid,GPU,1,on_demand,0,1,10,,,,0,0\n"
    let found = TestFolder.problems(["capacity.csv": Self.header + "\n" + rows])
    #expect(
      found == [
        "capacity.csv:2:32: give one of 'input_tok_per_s_per_unit', 'input_tok_per_min_per_unit', not 'input_tok_per_s_per_unit' and 'input_tok_per_min_per_unit'",
        "capacity.csv:3:29: missing value for 'input_tok_per_s_per_unit' (or 'input_tok_per_min_per_unit')",
        "capacity.csv:3:31: missing value for 'output_tok_per_s_per_unit' (or 'output_tok_per_min_per_unit' or 'output_token_weight')",
        "capacity.csv:4:36: give one of 'output_tok_per_s_per_unit', 'output_tok_per_min_per_unit', 'output_token_weight', not 'output_tok_per_s_per_unit' and 'output_token_weight'",
        "capacity.csv:5:35: output_token_weight must be a weight > 0 (an output token counts as this many input tokens), got 0",
      ])
    #expect(
      TestFolder.problems([
        "capacity.csv": "id,vendor,tiers,usd_per_unit_hour,billing\ng,V,mid,1,on_demand\n"
      ]) == [
        "capacity.csv:1:1: missing required column 'input_tok_per_s_per_unit' (or 'input_tok_per_min_per_unit')",
        "capacity.csv:1:1: missing required column 'output_tok_per_s_per_unit' (or 'output_tok_per_min_per_unit' or 'output_token_weight')",
      ])
  }
}

/// Inputs/ptu-break-even: the plan switches from pay-as-you-go to 15 PTUs at the break-even its README
/// computes by hand, 1,200 calls an hour (88.9% of 15 PTUs).
@Suite struct PTUBreakEvenTests {
  static func plan(callsPerHour: Double) throws -> PlacementResult {
    var input = try InputLoader.load(
      folder: TestFolder.repoRoot.appendingPathComponent("Inputs/ptu-break-even").path)
    // calls/h = users × 2 calls a day ÷ 24 h.
    input.workloads[0].users = callsPerHour * 12
    return try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath)
  }

  @Test func theExampleReservesFifteenPTUs() throws {
    let r = try Self.plan(callsPerHour: 1300)
    #expect(r.units["azure-gpt-4.1-ptu"] == [15])
    #expect(abs(r.objective - 15 * 0.36 * 744) < 1e-6)
  }

  @Test func thePlanSwitchesAtTheHandComputedBreakEven() throws {
    let below = try Self.plan(callsPerHour: 1199)
    #expect(below.units["azure-gpt-4.1-ptu"] == [0])
    #expect(abs(below.objective - 1199 * 0.0045 * 744) < 1e-6)
    let above = try Self.plan(callsPerHour: 1201)
    #expect(above.units["azure-gpt-4.1-ptu"] == [15])
    #expect(abs(above.objective - 4017.60) < 1e-6)
    // The break-even itself: $0.36 a PTU-hour over the $0.405 its 90 calls cost pay-as-you-go.
    let callsPerPTUHour: Double = 3600 / 40
    let breakEven: Double = 0.36 / (callsPerPTUHour * 0.0045)
    #expect(abs(breakEven - 8.0 / 9) < 1e-12)
  }
}
