extension PlanAnalysis {
  /// Builds the invoice, capacity use, placement rows and workload totals from a solved plan.
  public init(_ result: PlacementResult) {
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
