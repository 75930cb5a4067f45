import Foundation

/// A seeded random input folder, small enough to solve exactly in well under a second, spanning every
/// feature of the sheets: growth −30 … +30 % a month, 1–4 months, reserved terms 1–12 (also past the horizon),
/// `min_units`, `unit_step`, `max_units` on reserved and on-demand offers (and absent), binding API rate
/// limits, batch discounts, cached input, spend commitments with signed levels, signed unit contracts,
/// deferrable batch work, quality overrides, tiers and regions (some offers incompatible), today's routing
/// and two what-if scenarios (demand falling and rising), every workload with its own hour-of-week profile,
/// and negotiated discounts (`discounts.csv`) that often start or end inside the horizon.
///
/// Written independently of `SyntheticPlan`, from the README's description of the sheets only, so that the
/// property test does not share the assumptions of the code it checks. Every tier and region a workload asks
/// for has a token API without a rate limit, so an instance is feasible unless it is made infeasible on
/// purpose (`infeasibleByDesign`): then one workload's only offer is an API whose rate limit is far below
/// its demand.
public struct RandomPlan: Sendable {
  public let seed: UInt64
  /// File name → CSV text.
  public private(set) var sheets: [String: String] = [:]
  /// Built so that no plan can meet the demand (exit 3 expected).
  public private(set) var infeasibleByDesign = false
  /// The features this instance exercises, in words (for failure messages).
  public private(set) var features: [String] = []
  /// Scenario names in `scenarios.csv`: demand scaled down (0.3–0.9) and up (1.1–2).
  public static let scenarios = ["down", "up"]

  typealias RNG = SplitMix64

  /// What the generator knows about a workload (for compatibility, prices and binding limits).
  struct W {
    var id: String
    var tier: String
    var region: String?
    var latency: String
    /// Rough peak calls per hour over the horizon (users × growth × profile peak), calls/h.
    var peakCalls: Double
    var input: Double
    var output: Double
    var deferHours: Int
  }

  /// What the generator knows about an offer.
  struct O {
    var id: String
    var tiers: [String]
    var regions: [String]
    var latencies: [String]
    var reserved = false
    var capacity = false
    func serves(_ w: W) -> Bool {
      (tiers.contains("*") || tiers.contains(w.tier))
        && (w.region == nil || regions.contains("*") || regions.contains(w.region!))
        && (latencies.contains("*") || latencies.contains(w.latency))
    }
  }

  static func f(_ v: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", v) }

  public init(seed: UInt64) {
    self.seed = seed
    var rng = RNG(state: seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
    let months = rng.pick([1, 1, 1, 2, 2, 2, 3, 3, 4])
    let startYear = rng.pick([2026, 2027, 2028])
    let startMonth = rng.int(1, 12)
    let gap = rng.pick([0.001, 0.001, 0.0001, 0.01])
    infeasibleByDesign = rng.chance(0.05)
    var plan = "key,value\nname,random-\(seed)\n"
    plan += "start,\(startYear)-\(startMonth < 10 ? "0" : "")\(startMonth)\nmonths,\(months)\n"
    plan += "resolution,cluster\ndecomposition,\(rng.pick(["benders", "clusters", "auto"]))\n"
    plan += "optimality_gap,\(gap)\ntime_limit_s,30\n"
    if rng.chance(0.3) {
      plan += "util_cap_standard,\(Self.f(rng.real(0.5, 1), 2))\n"
    }
    features.append("\(months) month(s) from \(startYear)-\(startMonth), optimality_gap \(gap)")

    // Workloads, each with its own profile.
    let tiers = ["small", "mid", "large"]
    let regions = ["eu", "us", "apac"]
    var ws: [W] = []
    var workloads =
      "id,team,tier,latency,region,users,user_growth_pct_per_month,sessions_per_user_per_day,"
      + "prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,"
      + "reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,human_cost_per_failure,"
      + "profile,defer_hours\n"
    var profiles = "profile,day,hour,weight\n"
    let nW = rng.int(1, 4)
    for i in 0..<nW {
      let id = "w\(i + 1)"
      let tier = rng.pick(Array(tiers.prefix(2)))
      let region: String? = rng.chance(0.5) ? nil : rng.pick(regions)
      let latency = rng.pick(["interactive", "standard", "batch"])
      let users = Double(rng.int(50, 20000))
      let growth = rng.chance(0.2) ? 0 : (rng.real(-30, 30) * 10).rounded() / 10
      let sessions = Self.f(rng.real(0.5, 6), 2)
      let prompts = Self.f(rng.real(1, 8), 1)
      let calls = Self.f(rng.real(1, 5), 1)
      let input = Double(rng.int(200, 6000))
      let output = Double(rng.int(30, 1500))
      let reasoning = rng.chance(0.3) ? Double(rng.int(0, 800)) : 0
      let retry = rng.chance(0.3) ? rng.real(0, 0.3) : 0
      let cache = rng.chance(0.4) ? rng.real(0, 0.8) : 0
      let success = rng.chance(0.5) ? rng.real(0.7, 1) : 1
      let human = rng.chance(0.3) ? rng.real(0.01, 2) : 0
      // (Deferral couples the hours of a day and makes the exact model slow: rarer, and on short horizons.)
      let deferHours = latency == "batch" && months <= 2 && rng.chance(0.3) ? rng.int(1, 8) : 0
      if deferHours > 0 { features.append("\(id) defers \(deferHours) h") }
      if growth < 0 { features.append("\(id) shrinks \(growth)%/month") }
      // Profile: a floor everywhere, then up to 6 random overrides of a day (or weekday/weekend) and hour.
      let base = rng.real(0.2, 2)
      profiles += "p\(i + 1),all,*,\(Self.f(base, 3))\n"
      var peakWeight = base
      var seen = Set<String>()
      let flat = rng.chance(0.3)
      if flat { features.append("\(id) flat profile") }
      for _ in 0..<(flat ? 0 : rng.int(0, 6)) {
        let day = rng.pick(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "weekday", "weekend"])
        let hour = rng.chance(0.2) ? "*" : "\(rng.int(0, 23))"
        guard seen.insert(day + hour).inserted else { continue }
        let weight = rng.real(0, 10)
        peakWeight = max(peakWeight, weight)
        profiles += "p\(i + 1),\(day),\(hour),\(Self.f(weight, 3))\n"
      }
      let perHour =
        users * Double(sessions)! * Double(prompts)! * Double(calls)! * (1 + retry) / 24
      let growthPeak = pow(1 + growth / 100, growth > 0 ? Double(months - 1) : 0)
      // The profile's peak hour relative to its mean, bounded (168 hours, the floor ≥ 0.2 of the base).
      let peakFactor = min(168, peakWeight / base * 1.5)
      ws.append(
        W(
          id: id, tier: tier, region: region, latency: latency,
          peakCalls: perHour * growthPeak * peakFactor, input: input,
          output: output + reasoning, deferHours: deferHours))
      let team = rng.pick(["", "alpha", "beta"])
      workloads +=
        "\(id),\(team),\(tier),\(latency),\(region ?? ""),\(Int(users)),\(growth),\(sessions),\(prompts),\(calls),"
        + "\(Int(input)),\(Int(output)),\(Int(reasoning)),\(Self.f(retry, 3)),\(Self.f(cache, 3)),"
        + "\(Self.f(success, 3)),\(Self.f(human, 3)),p\(i + 1),\(deferHours)\n"
    }

    // Token APIs: one unlimited API per tier in use (any region, any latency), then 0–2 others that may be
    // cheaper but rate-limited, batch-discounted, restricted to regions or latency classes.
    var os: [O] = []
    var apis =
      "id,vendor,tiers,regions,latency,usd_per_mtok_input,usd_per_mtok_cached_input,"
      + "usd_per_mtok_output,batch_discount_pct,rate_limit_tpm\n"
    var apiPrice: [String: (input: Double, output: Double)] = [:]
    for tier in Set(ws.map(\.tier)).sorted() {
      let id = "api-\(tier)"
      let input = rng.real(0.5, 5)
      let output = input * rng.real(2, 5)
      apiPrice[tier] = (input, output)
      let discount = rng.chance(0.4) ? 50.0 : 0
      os.append(O(id: id, tiers: [tier], regions: ["*"], latencies: ["*"]))
      apis +=
        "\(id),VendorA,\(tier),*,*,\(Self.f(input, 3)),,\(Self.f(output, 3)),\(Self.f(discount, 0)),\n"
    }
    for j in 0..<rng.int(0, 2) {
      let id = "api-x\(j + 1)"
      // (No wildcard tier in an infeasible instance: it would serve the stuck workload.)
      let offerTiers = rng.chance(0.2) && !infeasibleByDesign ? ["*"] : rng.subset(tiers)
      let offerRegions = rng.chance(0.5) ? ["*"] : rng.subset(regions)
      let latencies =
        rng.chance(0.7) ? ["*"] : rng.subset(["interactive", "standard", "batch"])
      let o = O(id: id, tiers: offerTiers, regions: offerRegions, latencies: latencies)
      let ref = apiPrice[offerTiers.first { apiPrice[$0] != nil } ?? ""] ?? (2, 8)
      let input = ref.input * rng.real(0.3, 1.2)
      let output = ref.output * rng.real(0.3, 1.2)
      let cached = rng.chance(0.5) ? Self.f(input * rng.real(0.1, 0.5), 3) : ""
      let discount = rng.chance(0.4) ? Self.f(rng.real(10, 60), 0) : "0"
      // A binding limit: a share of the tokens per minute its compatible workloads need at their peak.
      var limit = ""
      let served = ws.filter { o.serves($0) }
      if rng.chance(0.6) && !served.isEmpty {
        let tpm = served.reduce(0.0) { $0 + $1.peakCalls * ($1.input + $1.output) / 60 }
        limit = Self.f(max(1000, tpm * rng.real(0.05, 0.8)), 0)
        features.append("\(id) rate limit \(limit) tpm")
      }
      os.append(o)
      apis +=
        "\(id),VendorC,\(offerTiers.joined(separator: ";")),\(offerRegions.joined(separator: ";")),"
        + "\(latencies.joined(separator: ";")),\(Self.f(input, 3)),\(cached),\(Self.f(output, 3)),"
        + "\(discount),\(limit)\n"
    }

    // Capacity: 0–3 offers (at most five offers in all), priced around the API cost of what a unit carries.
    var capacity =
      "id,vendor,tiers,regions,latency,unit,usd_per_unit_hour,billing,term_months,min_units,unit_step,"
      + "max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit,cached_input_weight\n"
    var reservedIDs: [String] = []
    var reservedMax: [String: Int] = [:]
    /// min_units and unit_step per reserved offer.
    var reservedRule: [String: (min: Int, step: Int)] = [:]
    let nC = min(5 - os.count, rng.pick([0, 1, 1, 2, 2, 3]))
    for j in 0..<max(0, nC) {
      let reserved = rng.chance(0.65)
      let id = reserved ? "res\(j + 1)" : "od\(j + 1)"
      let offerTiers =
        rng.chance(0.15) && !infeasibleByDesign ? ["*"] : rng.subset(Array(tiers.prefix(2)))
      let offerRegions = rng.chance(0.6) ? ["*"] : rng.subset(regions)
      let latencies = rng.chance(0.75) ? ["*"] : rng.subset(["interactive", "standard", "batch"])
      var o = O(id: id, tiers: offerTiers, regions: offerRegions, latencies: latencies)
      o.reserved = reserved
      o.capacity = true
      let inRate = rng.real(500, 20000)
      let outRate = rng.real(100, 3000)
      // Value of a unit-hour on the API, for the first workload it serves (or a typical one).
      let served = ws.filter { o.serves($0) }
      let w =
        served.first
        ?? W(
          id: "", tier: "mid", region: nil, latency: "standard", peakCalls: 1000, input: 1000,
          output: 200, deferHours: 0)
      let price = apiPrice[w.tier] ?? (2, 8)
      let perCall = (w.input * price.input + w.output * price.output) / 1e6
      let callsPerUnitHour = 3600 * 0.8 / (w.input / inRate + w.output / outRate)
      // From far below the API's cost (capacity always worth buying) to a little above it: log-uniform.
      let unitPrice = max(0.01, perCall * callsPerUnitHour * exp(rng.real(log(0.02), log(1.3))))
      let unitsNeeded = served.reduce(0.0) {
        $0 + $1.peakCalls * ($1.input / inRate + $1.output / outRate) / 3600 / 0.8
      }
      var term = ""
      var minUnits = ""
      var step = ""
      var maxUnits = ""
      if reserved {
        let t = rng.pick([1, 1, 2, 3, 3, 6, 12])
        term = "\(t)"
        features.append("\(id) reserved, term \(t)\(t > months ? " > horizon" : "")")
        var floor = 1
        if rng.chance(0.3) {
          let s = rng.pick([2, 4, 5, 8])
          step = "\(s)"
          floor = s
          features.append("\(id) unit_step \(s)")
        }
        if rng.chance(0.3) {
          let m = rng.int(1, 15)
          minUnits = "\(m)"
          floor = max(floor, m)
          features.append("\(id) min_units \(m)")
        }
        if rng.chance(0.4) {
          let m = max(floor, Int((unitsNeeded * rng.real(0.3, 1.5)).rounded(.up)))
          maxUnits = "\(m)"
          reservedMax[id] = m
          features.append("\(id) max_units \(m)")
        }
        reservedIDs.append(id)
        reservedRule[id] = (Int(minUnits) ?? 0, Int(step) ?? 1)
      } else if rng.chance(0.5) {
        maxUnits = "\(max(1, Int((unitsNeeded * rng.real(0.2, 1.2)).rounded(.up))))"
        features.append("\(id) on-demand max_units \(maxUnits)")
      }
      let weight = rng.chance(0.3) ? Self.f(rng.real(0, 1), 2) : ""
      os.append(o)
      capacity +=
        "\(id),VendorB,\(offerTiers.joined(separator: ";")),\(offerRegions.joined(separator: ";")),"
        + "\(latencies.joined(separator: ";")),GPU,\(Self.f(unitPrice, 4)),"
        + "\(reserved ? "reserved" : "on_demand"),\(term),\(minUnits),\(step),\(maxUnits),"
        + "\(Self.f(inRate, 1)),\(Self.f(outRate, 1)),\(weight)\n"
    }

    // Infeasible by design: a workload of its own tier whose only offer is an API limited to a few tokens a
    // minute.
    if infeasibleByDesign {
      workloads +=
        "stuck,,xl,standard,,1000,0,1,1,1,1000,100,0,0,0,1,0,p1,0\n"
      apis += "api-xl,VendorD,xl,*,*,1,,2,0,10\n"
      features.append("infeasible by design: workload 'stuck' on an API limited to 10 tpm")
    }

    // A spend commitment over some offers, and signed contracts (units, and a committed $/h).
    var commitments = ""
    var commitmentID: String?
    if rng.chance(0.35) {
      let covered = rng.subset(os.map(\.id))
      let term = rng.pick([1, 1, 2, 3, 6])
      commitments =
        "id,vendor,applies_to,discount_pct,term_months\n"
        + "k1,VendorA,\(covered.joined(separator: ";")),\(Self.f(rng.real(5, 40), 1)),\(term)\n"
      commitmentID = "k1"
      features.append("commitment k1 on \(covered.joined(separator: ";")), term \(term)")
    }
    var contracts = ""
    func monthText(_ offset: Int) -> String {
      let total = startYear * 12 + (startMonth - 1) + offset
      let m = total % 12 + 1
      return "\(total / 12)-\(m < 10 ? "0" : "")\(m)"
    }
    if let r = reservedIDs.first, rng.chance(0.35) {
      let cap = reservedMax[r] ?? 8
      var units = rng.int(1, max(1, min(8, cap)))
      let from = rng.int(-2, months - 1)
      let to = from + rng.int(0, months + 1)
      // Signed units that min_units in whole steps within max_units could complete (a rule of an earlier model,
      // in which signed units made the offer active; kept so that every seed draws the instance it always drew —
      // signed units below the minimum are legal now, and still drawn when a term outlasts the contract).
      let rule = reservedRule[r] ?? (0, 1)
      func reachable(_ u: Int) -> Int {
        u >= rule.min ? u : u + rule.step * ((rule.min - u + rule.step - 1) / rule.step)
      }
      if let most = reservedMax[r] {
        while units > 1 && reachable(units) > most { units -= 1 }
      }
      if reachable(units) <= reservedMax[r] ?? Int.max {
        contracts += "\(r),\(units),,\(monthText(from)),\(monthText(to))\n"
        features.append("signed \(units) units of \(r) \(monthText(from))…\(monthText(to))")
      }
    }
    if let k = commitmentID, rng.chance(0.4) {
      let usd = rng.real(0.5, 30)
      let from = rng.int(-1, months - 1)
      let to = from + rng.int(0, months)
      contracts += "\(k),,\(Self.f(usd, 2)),\(monthText(from)),\(monthText(to))\n"
      features.append("signed \(Self.f(usd, 2)) $/h of \(k)")
    }
    if !contracts.isEmpty { contracts = "offer,units,usd_per_hour,start,end\n" + contracts }

    // Quality overrides on compatible pairs; today's routing on the unlimited API (sometimes shared with a
    // capacity offer).
    var quality = ""
    var current = ""
    for w in ws {
      for o in os where o.serves(w) && rng.chance(0.2) {
        quality += "\(w.id),\(o.id),\(Self.f(rng.real(0.5, 1), 3))\n"
      }
    }
    if !quality.isEmpty {
      quality = "workload,offer,success_rate\n" + quality
      features.append("quality overrides")
    }
    if rng.chance(0.4) {
      current = "workload,offer,share\n"
      for w in ws {
        if let c = os.first(where: { $0.capacity && $0.serves(w) }), rng.chance(0.5) {
          current += "\(w.id),api-\(w.tier),0.5\n\(w.id),\(c.id),0.5\n"
        } else {
          current += "\(w.id),api-\(w.tier),1\n"
        }
      }
      if infeasibleByDesign { current += "stuck,api-xl,1\n" }
      features.append("current.csv routing")
    }
    let scenarios =
      "scenario,target,field,op,value\n"
      + "down,*,users,scale,\(Self.f(rng.real(0.3, 0.9), 2))\n"
      + "up,*,users,scale,\(Self.f(rng.real(1.1, 2), 2))\n"

    // Negotiated discounts (drawn last, so the rest of an instance is what the seed gave before they existed):
    // on one offer, from and to random months around the horizon (often starting or ending inside it, open
    // ends too), sometimes followed by a second discount on the same offer in the months after the first.
    var discounts = ""
    if rng.chance(0.35), !os.isEmpty {
      let o = rng.pick(os)
      let vendor =
        o.capacity
        ? "VendorB" : o.id == "api-xl" ? "VendorD" : o.id.hasPrefix("api-x") ? "VendorC" : "VendorA"
      let from = rng.int(-1, months)
      let to = from + rng.int(0, months)
      let openStart = rng.chance(0.25)
      let openEnd = !openStart && rng.chance(0.25)
      let pct = Self.f(rng.real(5, 40), 1)
      discounts =
        "vendor,offer,discount_pct,start,end\n"
        + "\(vendor),\(o.id),\(pct),\(openStart ? "" : monthText(from)),\(openEnd ? "" : monthText(to))\n"
      features.append(
        "negotiated discount \(pct)% on \(o.id) \(openStart ? "…" : monthText(from))–\(openEnd ? "…" : monthText(to))"
      )
      if !openEnd && rng.chance(0.4) {
        let pct2 = Self.f(rng.real(5, 40), 1)
        discounts += "\(vendor),\(o.id),\(pct2),\(monthText(to + 1)),\n"
        features.append("negotiated discount \(pct2)% on \(o.id) from \(monthText(to + 1))")
      }
    }

    sheets["plan.csv"] = plan
    sheets["workloads.csv"] = workloads
    sheets["profiles.csv"] = profiles
    sheets["apis.csv"] = apis
    if nC > 0 { sheets["capacity.csv"] = capacity }
    if !commitments.isEmpty { sheets["commitments.csv"] = commitments }
    if !contracts.isEmpty { sheets["contracts.csv"] = contracts }
    if !quality.isEmpty { sheets["quality.csv"] = quality }
    if !current.isEmpty { sheets["current.csv"] = current }
    sheets["scenarios.csv"] = scenarios
    if !discounts.isEmpty { sheets["discounts.csv"] = discounts }
  }

  /// Writes the sheets into `folder` (created if needed).
  public func write(to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, text) in sheets {
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
  }
}
