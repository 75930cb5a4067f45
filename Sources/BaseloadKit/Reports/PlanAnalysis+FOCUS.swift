/// One row of invoice.csv: FOCUS column name → cell; a column the row does not set is null (empty).
struct FocusRow {
  var cells: [String: CSVValue] = [:]

  subscript(column: String) -> CSVValue? {
    get { cells[column] }
    set { cells[column] = newValue }
  }

  /// Sets the pricing block: quantity and unit, list and contracted unit prices and costs (quantity × price),
  /// billed and effective cost, and their pricing-currency copies (Baseload prices and bills in one currency).
  mutating func price(
    quantity: Double, unit: String, list: Double, contracted: Double, billed: Double,
    effective: Double
  ) {
    self["PricingQuantity"] = .fixed(quantity, 6)
    self["PricingUnit"] = .text(unit)
    self["ListUnitPrice"] = .fixed(list, 6)
    self["ListCost"] = .fixed(quantity * list, 6)
    self["ContractedUnitPrice"] = .fixed(contracted, 6)
    self["ContractedCost"] = .fixed(quantity * contracted, 6)
    self["PricingCurrencyListUnitPrice"] = .fixed(list, 6)
    self["PricingCurrencyContractedUnitPrice"] = .fixed(contracted, 6)
    self.cost(billed: billed, effective: effective)
  }

  /// Sets BilledCost, EffectiveCost and PricingCurrencyEffectiveCost.
  mutating func cost(billed: Double, effective: Double) {
    self["BilledCost"] = .fixed(billed, 6)
    self["EffectiveCost"] = .fixed(effective, 6)
    self["PricingCurrencyEffectiveCost"] = .fixed(effective, 6)
  }
}

extension PlanAnalysis {
  /// FOCUS 1.2 columns of invoice.csv, in order: the 1.0 set first (mandatory, then the conditional ones
  /// Baseload fills), then the columns 1.1 and 1.2 added, then Baseload's own.
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
    "CapacityReservationId", "CapacityReservationStatus", "CommitmentDiscountQuantity",
    "CommitmentDiscountUnit", "InvoiceId", "PricingCategory", "PricingCurrency",
    "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice", "ServiceSubcategory",
    "x_BaseloadLineKey",
  ]

  /// The FOCUS rows of one invoice line. Usage lines give one row. A purchase that covers the month's use
  /// (reserved units, a commitment fee) gives its Purchase row with EffectiveCost 0, then a Usage row for
  /// the used part and one for the unused part that carry its cost as EffectiveCost (BilledCost 0), so
  /// EffectiveCost over the reservation or commitment equals what it billed. Usage covered by a commitment
  /// is billed at list on the usage lines and taken back by a Credit row.
  func focusRows(_ l: InvoiceLine) -> [FocusRow] {
    let s = settings
    var base = FocusRow()
    let start: CSVValue = .text(l.month.isoStart)
    let end: CSVValue = .text(l.month.adding(1).isoStart)
    base["BillingAccountId"] = .text("baseload-\(s.name)")
    base["BillingAccountName"] = .text(s.name)
    base["BillingCurrency"] = .text(s.currency)
    base["PricingCurrency"] = .text(s.currency)
    base["BillingPeriodStart"] = start
    base["BillingPeriodEnd"] = end
    base["ChargePeriodStart"] = start
    base["ChargePeriodEnd"] = end
    base["ChargeDescription"] = .text(l.description)
    base["InvoiceIssuerName"] = .text(l.provider)
    base["ProviderName"] = .text(l.provider)
    base["PublisherName"] = .text(l.provider)
    base["InvoiceId"] = .text("baseload-\(s.name)/\(l.provider)/\(l.month)")
    base["ServiceCategory"] = "AI and Machine Learning"
    base["ServiceSubcategory"] = "Generative AI"
    base["ServiceName"] = .text(l.service)
    base["SkuId"] = .text(l.offer)
    base["SkuPriceId"] = .text(
      l.offer + "/" + l.kind.rawValue + (l.variant.isEmpty ? "" : "/" + l.variant))
    base["x_BaseloadLineKey"] = .text(l.key)
    if let k = l.commitment {
      base["CommitmentDiscountId"] = .text(k)
      base["CommitmentDiscountName"] = .text(k)
      base["CommitmentDiscountCategory"] = "Spend"
      base["CommitmentDiscountType"] = "Savings plan"
    }
    /// The used and unused Usage rows of a purchase of `paid` units at `price` (list price `list`).
    func split(paid: Double, used: Double, price: Double, list: Double, unit: String) -> [FocusRow]
    {
      let used = min(max(used, 0), paid)
      return [("Used", used), ("Unused", paid - used)].compactMap { status, q in
        guard q > 1e-9 else { return nil }
        var r = base
        r["ChargeCategory"] = "Usage"
        r["ChargeFrequency"] = status == "Used" ? "Usage-Based" : "Recurring"
        r["ChargeDescription"] = .text(l.description + " (\(status.lowercased()))")
        r.price(
          quantity: q, unit: unit, list: list, contracted: price, billed: 0, effective: q * price)
        r["x_BaseloadLineKey"] = .text(l.key + "|" + status.lowercased())
        if l.commitment != nil {
          r["CommitmentDiscountStatus"] = .text(status)
          r["CommitmentDiscountQuantity"] = .fixed(q, 6)
          r["CommitmentDiscountUnit"] = .text(settings.currency)
          r["PricingCategory"] = "Committed"
          if status == "Used" {
            r["ConsumedQuantity"] = .fixed(q, 6)
            r["ConsumedUnit"] = .text(unit)
          }
        } else {
          r["CapacityReservationId"] = .text(l.offer)
          r["CapacityReservationStatus"] = .text(status)
          r["PricingCategory"] = "Standard"
          r["ConsumedQuantity"] = .fixed(q, 6)
          r["ConsumedUnit"] = .text(unit)
        }
        return r
      }
    }
    var row = base
    row["ChargeCategory"] = .text(l.kind.chargeCategory)
    switch l.kind {
    case .inputTokens, .cachedInputTokens, .outputTokens, .onDemandUnits:
      row["ChargeFrequency"] = "Usage-Based"
      row["PricingCategory"] = "Standard"
      row.price(
        quantity: l.quantity, unit: l.pricingUnit, list: l.listPrice, contracted: l.unitPrice,
        billed: l.billedCost, effective: l.billedCost)
      row["ConsumedQuantity"] = .fixed(l.quantity, 6)
      row["ConsumedUnit"] = .text(l.pricingUnit)
      return [row]
    case .reservedUnits:
      row["ChargeFrequency"] = "Recurring"
      row["PricingCategory"] = "Standard"
      row["CapacityReservationId"] = .text(l.offer)
      row.price(
        quantity: l.quantity, unit: l.pricingUnit, list: l.listPrice, contracted: l.unitPrice,
        billed: l.billedCost, effective: 0)
      return [row]
        + split(
          paid: l.quantity, used: l.usedQuantity, price: l.unitPrice, list: l.listPrice,
          unit: l.pricingUnit)
    case .commitmentFee:
      row["ChargeFrequency"] = "Recurring"
      row["PricingCategory"] = "Standard"
      row.price(
        quantity: l.quantity, unit: l.pricingUnit, list: l.listPrice, contracted: l.unitPrice,
        billed: l.billedCost, effective: 0)
      row["CommitmentDiscountQuantity"] = .fixed(l.billedCost, 6)
      row["CommitmentDiscountUnit"] = .text(settings.currency)
      return [row]
        + split(
          paid: l.billedCost, used: l.usedQuantity, price: 1, list: 1, unit: settings.currency)
    case .commitmentCoverage:
      // The covered usage's list cost taken back: a Credit, priced by the lines it refers to.
      row["ChargeFrequency"] = "Usage-Based"
      row["ListCost"] = .fixed(l.billedCost, 6)
      row["ContractedCost"] = .fixed(l.billedCost, 6)
      row.cost(billed: l.billedCost, effective: l.billedCost)
      return [row]
    }
  }

  /// `invoice.csv`: the invoice lines as FOCUS 1.2 rows; costs to 6 decimals, BilledCost sums to the plan's
  /// invoice total and so does EffectiveCost.
  public var invoiceCSV: String {
    let rows = invoice.lines.flatMap(focusRows).map { r in
      Self.focusColumns.map { r[$0] ?? "" }
    }
    return CSVWriter.sheet(header: Self.focusColumns, rows: rows)
  }
}
