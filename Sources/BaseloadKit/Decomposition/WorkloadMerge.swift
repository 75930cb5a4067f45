/// Exact aggregation of workloads: two workloads compatible with the same offers, whose per-call coefficients
/// on every one of them (usage cost, human cost of failures, capacity load, tokens against rate limits) are
/// proportional, are one demand class — a call of the member is `factor` calls of the class's first workload.
/// The model has the same optimum with the class in place of its members, and splitting each class flow by the
/// members' share of the class demand in that slice serves every member's demand exactly at the same cost.
public struct WorkloadMerge: Sendable {
  /// A member of a class: its workload index and calls of the representative per call of the member.
  public struct Member: Sendable, Equatable {
    public var workload: Int
    public var factor: Double
  }

  /// The classes, each led by its representative (factor 1), in workload order (a class is opened when its
  /// first workload is met, so the order needs no sort).
  public private(set) var classes: [[Member]] = []

  /// Relative tolerance for proportional coefficients.
  static let tolerance = 1e-9

  /// Finds the classes of `data` (routed workloads and deferrable batch work stay on their own).
  public init(_ data: PlacementData) {
    var pairsOf = [[PlacementPair]](repeating: [], count: data.workloads.count)
    for p in data.pairs { pairsOf[p.workload].append(p) }
    func vector(_ wi: Int) -> [Double] {
      pairsOf[wi].flatMap { [$0.usageCost, $0.failCost, $0.load] }
        + [data.workloads[wi].tokensPerCall]
    }
    var byOffers: [[Int]: [Int]] = [:]
    for wi in data.workloads.indices {
      let w = data.workloads[wi]
      guard w.deferHours == 0, data.routing[w.id] == nil, !pairsOf[wi].isEmpty,
        vector(wi).contains(where: { $0 != 0 })
      else {
        classes.append([Member(workload: wi, factor: 1)])
        continue
      }
      let key = pairsOf[wi].map(\.offer)
      var placed = false
      for ci in byOffers[key] ?? [] {
        let rep = classes[ci][0].workload
        if let f = Self.factor(vector(wi), of: vector(rep)) {
          classes[ci].append(Member(workload: wi, factor: f))
          placed = true
          break
        }
      }
      if !placed {
        byOffers[key, default: []].append(classes.count)
        classes.append([Member(workload: wi, factor: 1)])
      }
    }
  }

  /// λ with a = λ·b within tolerance, or nil.
  static func factor(_ a: [Double], of b: [Double]) -> Double? {
    guard a.count == b.count, let j = b.indices.max(by: { abs(b[$0]) < abs(b[$1]) }), b[j] != 0
    else { return nil }
    let f = a[j] / b[j]
    guard f > 0 else { return nil }
    for (x, y) in zip(a, b) where abs(x - f * y) > tolerance * max(abs(x), abs(f * y), 1e-300) {
      return nil
    }
    return f
  }

  /// Whether any two workloads merged.
  public var reduces: Bool { classes.contains { $0.count > 1 } }

  /// The data with one workload per class (the representative's terms) and the class demand per slice, in
  /// calls of the representative per hour.
  public func merged(_ data: PlacementData) -> PlacementData {
    var out = data
    let reps = classes.map { $0[0].workload }
    out.input.workloads = reps.map { data.workloads[$0] }
    var index: [Int: Int] = [:]
    for (ci, r) in reps.enumerated() { index[r] = ci }
    func representative(_ pairs: [PlacementPair]) -> [PlacementPair] {
      pairs.compactMap { p in
        guard let ci = index[p.workload] else { return nil }
        var q = p
        q.workload = ci
        return q
      }
    }
    out.pairs = representative(data.pairs)
    out.compatiblePairs = representative(data.compatiblePairs)
    out.sliceDemand = classes.map { members in
      data.slices.slices.map { s in
        members.reduce(0.0) { $0 + $1.factor * data.demand($1.workload, s) }
      }
    }
    return out
  }

  /// The plan of the merged data on the original workloads: each class flow split by the members' share of
  /// the class demand in the slice (member calls = class calls × member demand ÷ class demand).
  public func expand(_ r: PlacementResult, into data: PlacementData) -> PlacementResult {
    let merged = r.data
    var pairIndex: [[Int]: Int] = [:]
    for (i, p) in merged.pairs.enumerated() { pairIndex[[p.workload, p.offer]] = i }
    var classOf = [Int](repeating: 0, count: data.workloads.count)
    for (ci, members) in classes.enumerated() { for m in members { classOf[m.workload] = ci } }
    let slices = data.slices.slices
    var out = r
    out.data = data
    out.flows = data.pairs.map { p in
      let ci = classOf[p.workload]
      guard let j = pairIndex[[ci, p.offer]] else {
        return [Double](repeating: 0, count: slices.count)
      }
      return slices.map { s in
        let total = merged.demand(ci, s)
        return total > 0 ? r.flows[j][s.index] * data.demand(p.workload, s) / total : 0
      }
    }
    return out
  }
}
