import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

/// Issue 11 item 2: seeded random small instances across every feature, each solved every way Baseload
/// solves and compared with the exact reference (`Models/placement.mod` at `resolution,week`, MIP gap 0).
///
/// `BASELOAD_PROPTEST_COUNT` instances (default 300) from seed `BASELOAD_PROPTEST_SEED` (default 1), or
/// the seeds listed in `BASELOAD_PROPTEST_SEEDS` (`62,187`). A
/// failure prints the seed and writes the sheets to `/tmp/baseload-proptest/seed-N/` (`FINDINGS.txt`
/// says what disagreed); reproduce with `swift run baseload plan /tmp/baseload-proptest/seed-N`.
/// Defects still open in the solver (`KnownDefect`, by signature) are recorded as known issues until
/// `BASELOAD_EXPECT_FIXED=1`. Soak: `BASELOAD_PROPTEST_COUNT=5000 swift test --filter DifferentialPropertyTests`.
@Suite struct DifferentialPropertyTests {
  static var seeds: [UInt64] {
    let env = ProcessInfo.processInfo.environment
    if let list = env["BASELOAD_PROPTEST_SEEDS"] {
      return list.split(separator: ",").compactMap {
        UInt64($0.trimmingCharacters(in: .whitespaces))
      }
    }
    let count = env["BASELOAD_PROPTEST_COUNT"].flatMap { Int($0) } ?? 300
    let first = env["BASELOAD_PROPTEST_SEED"].flatMap { UInt64($0) } ?? 1
    return (0..<UInt64(max(0, count))).map { first + $0 }
  }

  @Test(arguments: seeds) func randomInstanceAgreesWithTheExactModel(seed: UInt64) {
    var d = Differential(seed: seed)
    let findings = d.run()
    Differential.report(seed: seed, plan: d.plan, findings: findings)
  }

  /// Seeds a soak found wrong once, run in every CI run: 4935 (a plan held at exactly its optimum's capacity
  /// that GLPK's simplex called infeasible by 7e-7, so `--verify` refused a right plan); 6532 (GLPK's presolved
  /// LP relaxation of the exact week model could not factorize its basis, so a valid plan at `resolution,week`
  /// failed with "the solver failed"); 9954 (commitment levels only, nothing bought in steps: the capacity search
  /// ran no branch and cut and stopped after one dispatch, 0.14% above the optimum); 9825 (a commitment level of
  /// −1e-13 from the master, held in a locked what-if, was written as `fixed_level` below 0, the model's "free",
  /// so `--verify` and the reference bought a commitment the plan never had); 10905 and 11539 (signed units below
  /// `min_units` with a term running past the contract: any step bought left too few units active in a later
  /// month, so `min_units` on signed units made the sheets unplannable; the minimum now binds units bought);
  /// 14743 (GLPK's LP presolver gave the relaxed master an objective $3.43 above its optimum, so the certified
  /// lower bound passed the plan's cost, the optimum); 19228 (GLPK's MIP presolver recovered a commitment
  /// coverage $0.0011/h above the usage it covers, so the exact model with the plan's level held reported $0.98
  /// less than that plan costs by hand, and `--verify` refused a right plan; the exact model is now solved without
  /// the presolver, and any presolved solution is polished on the model as stated); 20019 (deferrable work and a commitment over four offers: GLPK's presolved LP relaxation of the exact week
  /// model stalled, so the reference found no plan within its time limit); 20970 and 21018 (without the presolver
  /// the unscaled exact model found no plan, or a dearer one than the decomposition's, in 30 s; glpsol, which
  /// scales, solves it in 0.3 s; the exact model is now scaled); 23520 (the scaled simplex without the presolver
  /// stopped on a basis it could not factorize after phase 1, so a valid 1-month plan exited 6; the simplex now
  /// starts again from a fresh advanced basis, then unscaled from the standard basis); 25859 (the primal simplex
  /// stalled for 85,000 degenerate iterations at the optimum of the exact model's relaxation, so a 2-month plan had
  /// no plan in 30 s where glpsol takes 0.8 s; a stalled simplex now goes on with the other one).
  static let soakFindings: [UInt64] = [
    4935, 6532, 9825, 9954, 10905, 11539, 14743, 19228, 20019, 20970, 21018, 23520, 25859,
  ]

  @Test(arguments: soakFindings) func soakFindingStaysFixed(seed: UInt64) {
    var d = Differential(seed: seed)
    let findings = d.run()
    Differential.report(seed: seed, plan: d.plan, findings: findings)
  }

  /// The generator spans the features it promises over the first 300 seeds (a generator that stopped
  /// producing rate limits or shrinking demand would make the property test vacuous).
  @Test func generatorSpansEveryFeature() {
    var seen: [String: Int] = [:]
    var infeasible = 0
    for seed in 1...300 as ClosedRange<UInt64> {
      let p = RandomPlan(seed: seed)
      if p.infeasibleByDesign { infeasible += 1 }
      let text = p.features.joined(separator: "; ")
      for key in [
        "rate limit", "shrinks", "defers", "unit_step", "min_units", "on-demand max_units",
        "max_units", "term", "commitment", "signed", "quality", "current.csv", "4 month",
        "negotiated discount",
      ] where text.contains(key) {
        seen[key, default: 0] += 1
      }
    }
    for key in [
      "rate limit", "shrinks", "defers", "unit_step", "min_units", "on-demand max_units",
      "max_units", "term", "commitment", "signed", "quality", "current.csv", "4 month",
      "negotiated discount",
    ] {
      #expect((seen[key] ?? 0) >= 10, "only \(seen[key] ?? 0) of 300 instances have \(key)")
    }
    #expect((5...40).contains(infeasible), "\(infeasible) infeasible instances of 300")
  }
}
