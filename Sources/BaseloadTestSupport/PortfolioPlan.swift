import BaseloadKit
import Foundation

/// Input sheets of an enterprise portfolio written independently of `SyntheticPlan`: every workload its own
/// random hour-of-week profile, mixed tiers, regions and latency classes, growth in a range (shrinking or
/// growing), token APIs with batch discounts and some binding rate limits, on-demand GPUs, reserved GPUs with
/// terms drawn from `terms` and `unit_step` 8, provisioned units with `min_units` 15 in steps of 5, a spend
/// commitment with a signed level, a signed GPU contract and quality overrides. For the benchmark's families
/// and the soak.
public struct PortfolioPlan: Sendable {
  public var workloads: Int
  public var offers: Int
  public var months: Int
  /// Monthly user growth range, % per month.
  public var growth: ClosedRange<Double>
  /// Reserved terms to draw from, months.
  public var terms: [Int]
  public var seed: UInt64
  /// `resolution` written to plan.csv.
  public var resolution: String
  public var timeLimitSeconds: Int

  public init(
    workloads: Int, offers: Int, months: Int, growth: ClosedRange<Double> = -5...10,
    terms: [Int] = [1, 3], seed: UInt64 = 1, resolution: String = "auto",
    timeLimitSeconds: Int = 600
  ) {
    self.workloads = workloads
    self.offers = offers
    self.months = months
    self.growth = growth
    self.terms = terms
    self.seed = seed
    self.resolution = resolution
    self.timeLimitSeconds = timeLimitSeconds
  }

  static func r(_ v: Double, _ d: Int = 2) -> String { Format.fixed(v, d) }

  /// The sheets: file name → CSV text.
  public var sheets: [String: String] {
    var rng = SplitMix64(
      state: seed &* 104_729 &+ UInt64(workloads * 7 + offers * 13 + months))
    let tiers = ["small", "mid", "frontier"]
    let regions = ["us", "eu"]
    let plan =
      "key,value\nname,portfolio-\(workloads)x\(offers)x\(months)\nstart,2027-01\nmonths,\(months)\n"
      + "resolution,\(resolution)\ntime_limit_s,\(timeLimitSeconds)\nmip_gap,0.0001\noptimality_gap,0.001\n"
    var profiles = "profile,day,hour,weight\n"
    var workloadRows =
      "id,team,tier,latency,region,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,profile\n"
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    var workloadTier: [(String, String)] = []
    for i in 0..<workloads {
      // A random hour-of-week profile: a daily shape with a random peak, weekend damping and noise.
      let peak = rng.uniform(0, 24)
      let width = rng.uniform(2, 8)
      let weekend = rng.uniform(0.1, 1)
      for (d, day) in days.enumerated() {
        for h in 0..<24 {
          let dist = min(abs(Double(h) - peak), 24 - abs(Double(h) - peak))
          var w = 0.15 + exp(-dist * dist / (2 * width * width)) * rng.uniform(0.7, 1.3)
          if d >= 5 { w *= weekend }
          profiles += "p\(i),\(day),\(h),\(Self.r(w, 4))\n"
        }
      }
      let tier = tiers[Int(rng.next() % 3)]
      let region = regions[Int(rng.next() % 2)]
      workloadTier.append((tier, region))
      let latency = rng.pick(["interactive", "standard", "standard", "batch"])
      workloadRows +=
        "w\(i),team\(i % 5),\(tier),\(latency),\(region),\(Int(rng.uniform(300, 6000))),"
        + "\(Self.r(rng.uniform(growth.lowerBound, growth.upperBound), 1)),\(Self.r(rng.uniform(1, 5), 1)),"
        + "\(Int(rng.uniform(2, 9))),\(Int(rng.uniform(1, 6))),\(Int(rng.uniform(800, 9000))),"
        + "\(Int(rng.uniform(100, 900))),\(tier == "frontier" ? Int(rng.uniform(0, 1200)) : 0),"
        + "\(Self.r(rng.uniform(0, 0.1))),\(Self.r(rng.uniform(0, 0.6))),\(Self.r(rng.uniform(0.85, 0.99))),p\(i)\n"
    }
    var apis =
      "id,vendor,model,tiers,regions,latency,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct,rate_limit_tpm\n"
    var capacity =
      "id,vendor,model,tiers,regions,latency,unit,usd_per_unit_hour,billing,term_months,min_units,unit_step,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit,cached_input_weight\n"
    var reservedGPUs: [String] = []
    var covered: [String] = []
    // One uncapped token API per tier and region first, so that every workload can always be served.
    var i = 0
    for tier in tiers {
      for region in regions {
        let base = tier == "frontier" ? 3.0 : tier == "mid" ? 0.8 : 0.15
        apis +=
          "api\(i),Vendor\(i % 3),model-\(i),\(tier),\(region),*,\(Self.r(base, 3)),\(Self.r(base / 4, 4)),"
          + "\(Self.r(base * 4, 3)),50,\n"
        i += 1
      }
    }
    while i < offers {
      let tier = tiers[Int(rng.next() % 3)]
      let region = rng.uniform(0, 1) < 0.3 ? "*" : regions[Int(rng.next() % 2)]
      let scale = tier == "frontier" ? 1.0 : tier == "mid" ? 0.45 : 0.2
      switch rng.next() % 5 {
      case 0:
        // A cheaper API with a rate limit that binds at the busiest hours.
        let base = (tier == "frontier" ? 2.2 : tier == "mid" ? 0.6 : 0.1) * rng.uniform(0.8, 1)
        apis +=
          "api\(i),Vendor\(i % 3),model-\(i),\(tier),\(region),*,\(Self.r(base, 3)),\(Self.r(base / 5, 4)),"
          + "\(Self.r(base * 4, 3)),\(rng.pick([0, 50])),\(Int(rng.uniform(2e5, 3e6)))\n"
      case 1:
        capacity +=
          "od\(i),Cloud\(i % 4),gpu-\(i),\(tier),\(region),*,GPU,\(Self.r(rng.uniform(2.5, 4.5))),on_demand,1,0,1,"
          + "\(Int(rng.uniform(8, 40))),\(Int(rng.uniform(6000, 14000) * scale)),\(Int(rng.uniform(900, 2200) * scale)),0.1\n"
      case 2, 3:
        let term = rng.pick(terms)
        capacity +=
          "gpu\(i),Cloud\(i % 4),gpu-\(i),\(tier),\(region),*,GPU,\(Self.r(rng.uniform(1.4, 2.4))),reserved,\(term),0,8,,"
          + "\(Int(rng.uniform(6000, 14000) * scale)),\(Int(rng.uniform(900, 2200) * scale)),0.1\n"
        reservedGPUs.append("gpu\(i)")
        if covered.count < 2 && rng.uniform(0, 1) < 0.5 { covered.append("gpu\(i)") }
      default:
        capacity +=
          "ptu\(i),Azure,ptu-\(i),\(tier),\(region),*,PTU,\(Self.r(rng.uniform(0.3, 0.5), 3)),reserved,1,15,5,,"
          + "\(Self.r(rng.uniform(35, 50) * scale, 2)),\(Self.r(rng.uniform(8, 12) * scale, 2)),0\n"
      }
      i += 1
    }
    covered.append("api0")
    var sheets = [
      "plan.csv": plan, "profiles.csv": profiles, "workloads.csv": workloadRows, "apis.csv": apis,
      "capacity.csv": capacity,
      "commitments.csv":
        "id,vendor,applies_to,discount_pct,term_months\nsp,Cloud,\(covered.joined(separator: ";")),20,\(min(3, months))\n",
    ]
    var contracts = "offer,units,usd_per_hour,start,end\nsp,,0.5,2027-01,2027-01\n"
    if let signed = reservedGPUs.first { contracts += "\(signed),8,,2027-01,2027-01\n" }
    sheets["contracts.csv"] = contracts
    var quality = "workload,offer,success_rate\n"
    for w in 0..<min(workloads, 3) where workloadTier[w].0 == "small" {
      quality += "w\(w),api\(2 * 0 + (workloadTier[w].1 == "us" ? 0 : 1)),0.97\n"
    }
    sheets["quality.csv"] = quality
    return sheets
  }
}
