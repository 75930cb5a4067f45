import BaseloadKit
import Foundation

/// Synthetic but realistic input sheets at named sizes, for the benchmark and property tests.
public struct SyntheticPlan: Sendable {
  /// A named size: workloads, offers, months.
  public struct Size: Sendable, Equatable {
    public var name: String
    public var workloads: Int
    public var offers: Int
    public var months: Int

    public init(name: String, workloads: Int, offers: Int, months: Int) {
      self.name = name
      self.workloads = workloads
      self.offers = offers
      self.months = months
    }

    public static let s = Size(name: "S", workloads: 5, offers: 6, months: 1)
    public static let m = Size(name: "M", workloads: 20, offers: 12, months: 3)
    public static let l = Size(name: "L", workloads: 50, offers: 20, months: 3)
    public static let xl = Size(name: "XL", workloads: 200, offers: 40, months: 12)
    public static let all = [s, m, l, xl]

    public static func named(_ n: String) -> Size? {
      all.first { $0.name.lowercased() == n.lowercased() }
    }
  }

  public var size: Size
  public var seed: UInt64
  /// `resolution` written to plan.csv.
  public var resolution: String

  public init(size: Size, seed: UInt64 = 1, resolution: String = "cluster") {
    self.size = size
    self.seed = seed
    self.resolution = resolution
  }

  /// Deterministic pseudo-random numbers (SplitMix64).
  typealias RNG = SplitMix64

  static func r(_ v: Double, _ d: Int = 2) -> String { Format.fixed(v, d) }

  /// The sheets: file name → CSV text.
  public var sheets: [String: String] {
    var rng = RNG(state: seed &* 7919 &+ UInt64(size.workloads * 131 + size.offers))
    let tiers = ["frontier", "mid", "small"]
    var plan =
      "key,value\nname,synthetic-\(size.name)\nstart,2027-01\nmonths,\(size.months)\nresolution,\(resolution)\n"
    plan += "time_limit_s,600\nmip_gap,0.0001\noptimality_gap,0.001\n"
    // Profiles: office peak, flat, evening consumer, night batch, follow-the-sun.
    var profiles =
      "profile,day,hour,weight\nflat,all,*,1\noffice,all,*,1\nevening,all,*,1\nnight,all,*,0.2\nsun,all,*,1\n"
    for h in 8...18 { profiles += "office,weekday,\(h),\(h == 12 ? 3 : 5)\n" }
    for h in 18...23 { profiles += "evening,all,\(h),\(h < 21 ? 4 : 3)\n" }
    for h in 0...5 { profiles += "night,all,\(h),3\n" }
    for h in 0...23 {
      profiles += "sun,weekday,\(h),\(Self.r(1.5 + sin(Double(h) / 24 * 2 * Double.pi), 3))\n"
    }
    let profileNames = ["flat", "office", "evening", "night", "sun"]
    var workloads =
      "id,name,team,tier,latency,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,human_cost_per_failure,profile\n"
    // Every fourth workload is the workflow of the one three before it, run by another team on another profile
    // (same tier, latency, token counts, cache and success rates): the exact-aggregation case.
    var rows: [[String]] = []
    for i in 0..<size.workloads {
      let tier = tiers[i % 3]
      let latency = rng.pick(["interactive", "standard", "standard", "batch"])
      let profile = latency == "batch" ? rng.pick(["night", "flat"]) : rng.pick(profileNames)
      var row = [
        "w\(i)", "Workload \(i)", "team\(i % 7)", tier, latency, "\(Int(rng.uniform(200, 5000)))",
        Self.r(rng.uniform(0, 8), 1), Self.r(rng.uniform(1, 6), 1), "\(Int(rng.uniform(2, 10)))",
        "\(Int(rng.uniform(1, 6)))", "\(Int(rng.uniform(800, 8000)))",
        "\(Int(rng.uniform(150, 900)))",
        "\(tier == "frontier" ? Int(rng.uniform(0, 1500)) : 0)", Self.r(rng.uniform(0, 0.1)),
        Self.r(rng.uniform(0, 0.7)), Self.r(rng.uniform(0.8, 0.99)), "0", profile,
      ]
      if i % 4 == 3 {
        let source = rows[i - 3]
        for c in [4, 9, 10, 11, 12, 13, 14, 15, 16] { row[c] = source[c] }
        if row[4] == "batch" { row[17] = source[17] == "night" ? "flat" : "night" }
      }
      rows.append(row)
    }
    for row in rows { workloads += row.joined(separator: ",") + "\n" }
    var apis =
      "id,vendor,model,tiers,latency,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct,rate_limit_tpm\n"
    var capacity =
      "id,vendor,model,tiers,latency,unit,usd_per_unit_hour,billing,term_months,min_units,unit_step,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit,cached_input_weight\n"
    // Every tier gets a token API so that every workload can be served.
    for i in 0..<size.offers {
      let tierSet =
        i < 3 ? [tiers[i]] : [rng.pick(tiers)] + (rng.uniform(0, 1) < 0.5 ? [rng.pick(tiers)] : [])
      let served = Array(Set(tierSet)).sorted().joined(separator: ";")
      switch i < 3 ? 0 : i % 3 {
      case 0:
        let base =
          served.contains("frontier")
          ? rng.uniform(2, 5)
          : served.contains("mid") ? rng.uniform(0.4, 1.2) : rng.uniform(0.08, 0.3)
        apis +=
          "api\(i),Vendor\(i % 5),model-\(i),\(served),*,\(Self.r(base, 3)),\(Self.r(base / 4, 4)),\(Self.r(base * 4, 3)),50,\n"
      case 1:
        let months = size.months >= 3 && rng.uniform(0, 1) < 0.4 ? 3 : 1
        capacity +=
          "gpu\(i),Cloud\(i % 4),gpu-model-\(i),\(served),*,GPU,\(Self.r(rng.uniform(1.6, 2.6))),reserved,\(months),0,\(rng.pick([1, 1, 8])),,"
        capacity += "\(Int(rng.uniform(6000, 14000))),\(Int(rng.uniform(900, 2200))),0.1\n"
      default:
        if rng.uniform(0, 1) < 0.5 {
          capacity +=
            "od\(i),Cloud\(i % 4),gpu-model-\(i),\(served),*,GPU,\(Self.r(rng.uniform(2.5, 4.2))),on_demand,1,0,1,,"
          capacity += "\(Int(rng.uniform(6000, 14000))),\(Int(rng.uniform(900, 2200))),0.1\n"
        } else {
          capacity +=
            "ptu\(i),Cloud\(i % 4),ptu-model-\(i),\(served),*,PTU,\(Self.r(rng.uniform(0.3, 0.5), 3)),reserved,1,15,5,,"
          capacity += "\(Self.r(rng.uniform(35, 50), 2)),\(Self.r(rng.uniform(8, 12), 2)),0\n"
        }
      }
    }
    return [
      "plan.csv": plan, "profiles.csv": profiles, "workloads.csv": workloads, "apis.csv": apis,
      "capacity.csv": capacity,
    ]
  }
}
