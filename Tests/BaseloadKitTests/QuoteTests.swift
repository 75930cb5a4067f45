import Testing

@testable import BaseloadKit

@Suite struct QuoteTests {
  typealias P = PlacementOptimaTests

  static func engine(_ sheets: [String: String]) throws -> QuoteEngine {
    let input = try TestFolder.load(sheets)
    let plan = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    return QuoteEngine(input: input, plan: plan, modelPath: TestFolder.modelPath)
  }

  /// 1,000 input tokens (40% cached) + 100 output: 600 × $1 + 400 × $0.25 + 100 × $2 per Mtok = $0.0009 a call,
  /// over 1,100 tokens = $0.81818…/Mtok; success 0.9 and one call a task → $0.001 per completed task.
  @Test func listPriceOfAnAPIWithACacheDiscount() throws {
    let e = try Self.engine([
      "workloads.csv": TestFolder.workloadHeader
        + ",cache_hit_rate,success_rate\nw,mid,standard,24,1,1,1,1000,100,flat,0.4,0.9\n",
      "apis.csv":
        "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output\napi,V,mid,1,0.25,2\n",
    ])
    let q = try e.quotes()[0]
    #expect(abs(q.listPerMtok - 0.0009 / 1100 * 1e6) < 1e-9)
    #expect(abs(q.listPerCompletedTask! - 0.001) < 1e-12)
    // No idle time on a token API: standalone equals list.
    #expect(q.standalonePerMtok.map { abs($0 - q.listPerMtok) < 1e-9 } == true)
  }

  /// Peak 7,000 calls/h, mean 2,900 (weights 5 in 45 weekday hours, 1 in 123): 5 GPUs of 1,440 calls/h.
  /// Utilisation = mean ÷ (units × capacity) = 2,900 ÷ 7,200; $/Mtok = 5 × $1 × 672 h ÷ (2,900 × 672 × 1,100 ÷ 10⁶).
  @Test func standaloneGPUOnAKnownPeakToMean() throws {
    let e = try Self.engine([
      "plan.csv": P.feb,
      "profiles.csv": "profile,day,hour,weight\np,all,*,1\n"
        + (9...17).map { "p,weekday,\($0),5\n" }.joined(),
      "workloads.csv": P.wh + "\nw,mid,standard,69600,1,1,1,1000,100,p,0,0,1,0\n",
      "capacity.csv": P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,,1000,100\n",
    ])
    let q = try e.quotes()[0]
    #expect(abs(q.peakToMean - 7000.0 / 2900) < 1e-9)
    #expect(abs(q.standaloneUtilisation! - 2900.0 / 7200) < 1e-9)
    #expect(abs(q.standalonePerMtok! - 5 * 672 / (2900 * 672 * 1100 / 1e6)) < 1e-9)
    #expect(abs(q.listPerMtok - 1.0 / 1440 / 1100 * 1e6) < 1e-9)
  }

  /// A GPU at $2.00/h carrying 1,440 calls/h displaces $0.0012 × 1,440 = $1.728/h of API: it wins below $1.728.
  @Test func breakEvenPriceFlipsTheDecision() throws {
    let e = try Self.engine([
      "plan.csv": P.feb,
      "workloads.csv": P.wh + "\nw,mid,standard,34560,1,1,1,1000,100,flat,0,0,1,0\n",
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\ngpu,V,mid,2.00,reserved,1,0,1,,1000,100\n",
    ])
    let b = try e.breakEvens(offer: "gpu")[0]
    #expect(!b.usedToday)
    let price = try #require(b.breakEvenPrice)
    #expect(abs(price - 1.728) <= 2 * 0.005 * 2.0)
    let below = try e.uses("gpu", at: (price - 0.02) / 2.0)
    let above = try e.uses("gpu", at: (price + 0.02) / 2.0)
    #expect(below.used)
    #expect(!above.used)
    #expect(b.sentence.hasPrefix("`gpu` must drop from $2.00 to $1.7"))
  }

  /// A break-even within the bisection's tolerance of $0 is "at no price", not "must drop to $0.00" (an
  /// independent tester's on-demand offer that wins nothing even free).
  @Test func aBreakEvenOfNothingIsSaidSo() {
    var b = BreakEven(
      offer: "od", priceUnit: "/GPU-hour", price: 1.2, usedToday: false, breakEvenPrice: 0.001,
      planCostAtBreakEven: 12_672, tolerance: 0.005, searched: 0...10)
    #expect(
      b.sentence
        == "`od` wins none of your traffic at any price above $0.0060/GPU-hour (0.5% of today's $1.20)."
    )
    b.breakEvenPrice = 0.01
    #expect(b.sentence.hasPrefix("`od` must drop from $1.20 to $0.01/GPU-hour"))
    // Used at every price searched: some traffic, not all of it (a signed month may be all that is left).
    b.usedToday = true
    b.breakEvenPrice = nil
    #expect(
      b.sentence
        == "`od` still carries some of your traffic (in some month, perhaps only what a contract holds) at any price up to 10× today's $1.20/GPU-hour."
    )
  }
}
