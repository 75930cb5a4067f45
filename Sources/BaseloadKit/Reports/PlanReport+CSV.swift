extension PlanAnalysis {
  /// FOCUS 1.0 columns of invoice.csv, in order (mandatory ones first, then the conditional ones Baseload fills).
  public static let focusColumns = [
    "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart",
    "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost",
    "ListUnitPrice",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory",
    "ServiceName", "SkuId",
    "SkuPriceId", "ConsumedQuantity", "ConsumedUnit", "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
    "x_BaseloadLineKey",
  ]

  /// `invoice.csv`: one row per invoice line in FOCUS 1.0 form; costs to 6 decimals so lines sum to the plan.
  public var invoiceCSV: String {
    let s = settings
    let rows: [[CSVValue]] = invoice.lines.map { l in
      let start: CSVValue = .text(l.month.isoStart)
      let end: CSVValue = .text(l.month.adding(1).isoStart)
      let usage = l.kind.chargeCategory == "Usage"
      let list = l.kind == .commitmentCoverage ? l.billedCost : l.quantity * l.unitPrice
      let commitment = l.commitment.map { CSVValue.text($0) } ?? ""
      let commitmentStatus: CSVValue = l.kind == .commitmentCoverage ? "Used" : ""
      return [
        .fixed(l.billedCost, 6), .text("baseload-\(s.name)"), .text(s.name), .text(s.currency), end,
        start,
        .text(l.kind.chargeCategory), "", .text(l.description),
        .text(l.kind.isFixed ? "Recurring" : "Usage-Based"), end, start,
        .fixed(l.billedCost, 6), .fixed(l.unitPrice, 6), .fixed(l.billedCost, 6), .text(l.provider),
        .fixed(list, 6),
        .fixed(l.unitPrice, 6), .fixed(l.quantity, 6), .text(l.pricingUnit), .text(l.provider),
        .text(l.provider),
        "AI and Machine Learning", .text(l.service), .text(l.offer),
        .text(l.offer + "/" + l.kind.rawValue + (l.variant.isEmpty ? "" : "/" + l.variant)),
        usage ? .fixed(l.quantity, 6) : "", usage ? .text(l.pricingUnit) : "",
        l.commitment == nil ? "" : "Spend", commitment,
        commitment, commitmentStatus, l.commitment == nil ? "" : "Savings plan", .text(l.key),
      ]
    }
    return CSVWriter.sheet(header: Self.focusColumns, rows: rows)
  }

  /// `placement.csv`: workload × offer × month.
  public var placementCSV: String {
    let rows: [[CSVValue]] = placement.map { r in
      [
        .text(r.workload), .text(r.offer), .text(r.month.description), .fixed(r.calls, 2),
        .fixed(r.tokens / 1e6, 6),
        .fixed(r.share, 6), .fixed(r.tasks, 2), .fixed(r.completedTasks, 2), .fixed(r.cost, 2),
        .fixed(r.humanCost, 2),
      ]
    }
    return CSVWriter.sheet(
      header: [
        "workload", "offer", "month", "calls", "mtokens", "share", "tasks", "completed_tasks",
        "cost_usd", "human_cost_usd",
      ],
      rows: rows)
  }

  /// `hourly.csv`: slice × capacity offer (and rate-limited API): load, capacity, utilisation.
  public var hourlyCSV: String {
    var rows: [[CSVValue]] = []
    for use in slices {
      let s = use.slice
      let month = months[s.monthIndex]
      for (oi, o) in offers.enumerated() {
        switch o {
        case .capacity(let c):
          let load = use.load[oi]
          let capacity = c.billing == .reserved ? (reservedUnits[c.id]?[s.monthIndex] ?? 0) : load
          if capacity == 0 && load == 0 { continue }
          rows.append([
            .text(s.label(month)), .fixed(s.weight, 0), .text(c.id), .text(c.billing.rawValue),
            "unit-hours/h",
            .fixed(load, 6), .fixed(capacity, 6), .fixed(capacity > 0 ? load / capacity : 0, 6),
          ])
        case .api(let a):
          let tpm = use.tokens[oi] / 60
          if tpm == 0 { continue }
          let limit = a.rateLimitTPM ?? 0
          rows.append([
            .text(s.label(month)), .fixed(s.weight, 0), .text(a.id), "api", "tokens/min",
            .fixed(tpm, 3),
            .fixed(limit, 3), .fixed(limit > 0 ? tpm / limit : 0, 6),
          ])
        }
      }
    }
    return CSVWriter.sheet(
      header: ["slice", "hours", "offer", "billing", "unit", "load", "capacity", "utilisation"],
      rows: rows)
  }
}
