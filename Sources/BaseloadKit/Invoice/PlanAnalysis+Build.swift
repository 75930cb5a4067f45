extension PlanAnalysis {
  /// Builds the invoice, capacity use, placement rows and workload totals from a solved plan.
  public init(_ solved: PlacementResult) {
    let result = solved.clearingRoundOff()
    self.result = result
    slices = Self.sliceUses(result)
    var b = AnalysisBuilder(result)
    b.billOffers()
    b.billCommitments()
    invoice = Invoice(lines: Invoice.sorted(b.lines), months: b.months)
    capacityUse = b.uses
    unallocated = b.unallocated
    (placement, workloads) = b.placementRows()
  }
}

extension PlacementResult {
  /// Calls per hour below this share of a workload's demand in the slice (and below this many calls when the
  /// demand is smaller than one call an hour) are the solver's round-off, not calls.
  static let roundOffShare = 1e-9

  /// The result with round-off flows cleared: negative ones, and those under `roundOffShare`. Read as calls, such
  /// round-off gave a workload with no demand a placement row with a share of 8.6e15 and a cost per completed task
  /// of one offer's price per call (found by an independent tester).
  func clearingRoundOff() -> PlacementResult {
    var r = self
    for (pi, p) in data.pairs.enumerated() where pi < r.flows.count {
      for s in data.slices.slices {
        let x = r.flows[pi][s.index]
        if x < Self.roundOffShare * max(1, data.demand(p.workload, s)) && x != 0 {
          r.flows[pi][s.index] = 0
        }
      }
    }
    return r
  }
}
