/// One spend commitment in one month: its fee, the usage the fee covered, and the part of the fee no usage used.
public struct CommitmentUse: Sendable, Equatable {
  public var commitment: String
  public var month: Month
  /// The month's fee: the committed level × the month's hours, $.
  public var fee: Double
  /// Usage the fee paid for, at the commitment's discounted rate, $.
  public var covered: Double

  /// Share of the fee that paid for usage, 0…1.
  public var utilisation: Double { fee > 0 ? min(1, covered / fee) : 0 }
  /// Fee paid for usage that never came, $: idle spend, as idle unit-hours are on reserved capacity.
  public var unusedCost: Double { max(0, fee - covered) }
}

extension PlanAnalysis {
  /// Every commitment fee of the invoice with what it covered, in invoice order.
  public var commitmentUse: [CommitmentUse] {
    invoice.lines.filter { $0.kind == .commitmentFee }.map {
      CommitmentUse(
        commitment: $0.commitment ?? $0.offer, month: $0.month, fee: $0.billedCost,
        covered: $0.usedQuantity)
    }
  }

  /// Commitment fees no usage used, $ (`CommitmentUse.unusedCost` summed).
  public var unusedCommitmentCost: Double { commitmentUse.reduce(0) { $0 + $1.unusedCost } }
}
