/// Groups the hour-of-week slices of each month into representative slices (weighted k-means on demand).
public enum SliceClustering {
  /// The data with each month's slices replaced by at most `k` clusters: each cluster's weight is its members'
  /// hours and its demand their weighted mean. Deterministic (farthest-point start, fixed iterations).
  public static func cluster(_ data: PlacementData, perMonth k: Int) -> (
    data: PlacementData, members: [[Int]]
  ) {
    let nW = data.workloads.count
    // Money scale of a call of each workload: its cheapest list cost per call, so features weigh by spend.
    let scale = (0..<nW).map { wi -> Double in
      let costs = data.pairs.filter { $0.workload == wi }.map { p -> Double in
        p.usageCost + p.failCost + p.load * (data.offers[p.offer].capacity?.usdPerUnitHour ?? 0)
      }
      return max(costs.min() ?? 1, 1e-9)
    }
    var slices: [TimeSlice] = []
    var demand = [[Double]](repeating: [], count: nW)
    var members: [[Int]] = []
    for mi in data.months.indices {
      let month = Array(data.slices.slices(inMonth: mi)).filter { $0.weight > 0 }
      let features = month.map { s in (0..<nW).map { data.demand($0, s) * scale[$0] } }
      let groups = kMeans(features, weights: month.map(\.weight), k: min(k, month.count))
      for g in groups where !g.isEmpty {
        let w = g.reduce(0.0) { $0 + month[$1].weight }
        slices.append(
          TimeSlice(
            index: slices.count, monthIndex: mi, hourOfWeek: month[g[0]].hourOfWeek,
            dayOfMonth: nil, weight: w,
            dayKey: mi * 1000 + slices.count))
        for wi in 0..<nW {
          demand[wi].append(
            g.reduce(0.0) { $0 + month[$1].weight * data.demand(wi, month[$1]) } / w)
        }
        members.append(g.map { month[$0].index })
      }
    }
    var out = data
    out.slices = SliceSet(months: data.months, resolution: .cluster, slices: slices)
    out.sliceDemand = demand
    return (out, members)
  }

  /// Weighted k-means; returns the member indices of each cluster, in order of first member.
  static func kMeans(_ points: [[Double]], weights: [Double], k: Int, iterations: Int = 20)
    -> [[Int]]
  {
    guard k > 0, !points.isEmpty else { return [] }
    if k >= points.count { return points.indices.map { [$0] } }
    func dist(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    // Farthest-point initialisation from the largest point.
    let first = points.indices.max { points[$0].reduce(0, +) < points[$1].reduce(0, +) }!
    var centres = [points[first]]
    var nearest = points.map { dist($0, centres[0]) }
    while centres.count < k {
      let next = nearest.indices.max { nearest[$0] < nearest[$1] }!
      if nearest[next] == 0 { break }
      centres.append(points[next])
      for i in points.indices { nearest[i] = min(nearest[i], dist(points[i], points[next])) }
    }
    var assign = [Int](repeating: 0, count: points.count)
    for _ in 0..<iterations {
      var changed = false
      for i in points.indices {
        let c = centres.indices.min { dist(points[i], centres[$0]) < dist(points[i], centres[$1]) }!
        if c != assign[i] {
          assign[i] = c
          changed = true
        }
      }
      for c in centres.indices {
        let ms = points.indices.filter { assign[$0] == c }
        let w = ms.reduce(0.0) { $0 + weights[$1] }
        guard w > 0 else { continue }
        centres[c] = points[0].indices.map { d in
          ms.reduce(0.0) { $0 + weights[$1] * points[$1][d] } / w
        }
      }
      if !changed { break }
    }
    let groups = centres.indices.map { c in points.indices.filter { assign[$0] == c } }.filter {
      !$0.isEmpty
    }
    return groups.sorted { $0[0] < $1[0] }
  }
}
