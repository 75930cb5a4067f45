import BaseloadKit
import BaseloadTestSupport

/// A named benchmark instance: sheets and what they are.
struct Instance {
  var name: String
  var about: String
  var sheets: [String: String]
}

/// The instance families: `SyntheticPlan` sizes (S, M, L, XL) and `PortfolioPlan` families written
/// independently of it (per-workload random profiles, shrinking and growing demand, 1–12 month terms, many
/// reserved offers, long horizons). Portfolio plans run at default settings (`resolution,auto`) with the time
/// limit of the targets.
enum Families {
  static func portfolio(
    _ name: String, _ w: Int, _ o: Int, _ m: Int, growth: ClosedRange<Double> = -5...10,
    terms: [Int] = [1, 3], limit: Int = 120
  ) -> Instance {
    let p = PortfolioPlan(
      workloads: w, offers: o, months: m, growth: growth, terms: terms, timeLimitSeconds: limit)
    return Instance(
      name: name,
      about:
        "portfolio \(w) workloads × \(o) offers × \(m) months, growth \(Format.plain(growth.lowerBound))…\(Format.plain(growth.upperBound))%/month, terms \(terms.map(String.init).joined(separator: "/"))",
      sheets: p.sheets)
  }

  static var named: [String: () -> Instance] {
    [
      "P50": { portfolio("P50", 50, 20, 3) },
      "P50-shrink": { portfolio("P50-shrink", 50, 20, 3, growth: -15 ... -3) },
      "P50-grow": { portfolio("P50-grow", 50, 20, 3, growth: 5...15) },
      "P50-terms": { portfolio("P50-terms", 50, 20, 6, terms: [1, 2, 3, 6, 12]) },
      "P60": { portfolio("P60", 60, 60, 6) },
      "P100": { portfolio("P100", 100, 30, 12) },
      "P1000": { portfolio("P1000", 1000, 20, 3, limit: 60) },
      "P50-outlook20": { outlook("P50-outlook20", futures: 20) },
    ]
  }

  /// The P50 family planned for `n` futures (outlook.csv, equally likely): users scaled 0.8…1.2 and monthly
  /// growth offset −6…+6 %, the two spread independently over the futures.
  static func outlook(_ name: String, futures n: Int) -> Instance {
    var instance = portfolio(name, 50, 20, 3)
    var scenarios = "scenario,target,field,op,value\n"
    var outlook = "scenario,probability\n"
    for i in 0..<n {
      let spread = Double(n - 1)
      let scale = 0.8 + 0.4 * Double(i) / spread
      let growth = -6 + 12 * Double((i * 7) % n) / spread
      scenarios += "f\(i + 1),*,users,scale,\(Format.fixed(scale, 4))\n"
      scenarios += "f\(i + 1),*,user_growth_pct_per_month,add,\(Format.fixed(growth, 4))\n"
      outlook += "f\(i + 1),\(Format.plain(1 / Double(n)))\n"
    }
    instance.sheets["scenarios.csv"] = scenarios
    instance.sheets["outlook.csv"] = outlook
    instance.about += ", \(n) equally likely futures (users ×0.8…1.2, growth −6…+6 %/month)"
    return instance
  }

  static func instance(_ name: String) -> Instance? {
    if let size = SyntheticPlan.Size.named(name) {
      return Instance(
        name: size.name,
        about:
          "synthetic \(size.workloads) workloads × \(size.offers) offers × \(size.months) months",
        sheets: SyntheticPlan(size: size).sheets)
    }
    return named.first { $0.key.lowercased() == name.lowercased() }?.value()
  }

  /// Scaling: the P50 family with months 3…36, and 3 months with offers 12…96.
  static var scaling: [Instance] {
    [3, 6, 12, 24, 36].map { portfolio("months \($0)", 50, 20, $0) }
      + [12, 24, 48, 96].map { portfolio("offers \($0)", 50, $0, 3) }
  }
}
