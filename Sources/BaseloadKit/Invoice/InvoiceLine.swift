/// What an invoice line charges for.
public enum ChargeKind: String, Sendable, CaseIterable, Comparable {
  case inputTokens = "input tokens"
  case cachedInputTokens = "cached input tokens"
  case outputTokens = "output tokens"
  case onDemandUnits = "on-demand unit-hours"
  case reservedUnits = "reserved units"
  case commitmentFee = "commitment fee"
  case commitmentCoverage = "usage covered by commitment"

  /// FOCUS ChargeCategory of the line's own row (the used/unused rows of a purchase are `Usage`).
  public var chargeCategory: String {
    switch self {
    case .inputTokens, .cachedInputTokens, .outputTokens, .onDemandUnits: return "Usage"
    case .reservedUnits, .commitmentFee: return "Purchase"
    case .commitmentCoverage: return "Credit"
    }
  }

  /// Whether the line is paid whatever the use (capacity or commitment bought for a term).
  public var isFixed: Bool { self == .reservedUnits || self == .commitmentFee }

  public static func < (a: ChargeKind, b: ChargeKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One line of the bill: an offer, a month and a charge.
public struct InvoiceLine: Sendable, Equatable {
  public var month: Month
  /// Vendor (FOCUS ProviderName).
  public var provider: String
  /// Offer id (FOCUS SkuId).
  public var offer: String
  /// Model or product (FOCUS ServiceName).
  public var service: String
  public var kind: ChargeKind
  /// Variant of the charge, e.g. `batch` for batch-discounted tokens; empty otherwise.
  public var variant: String = ""
  /// FOCUS PricingUnit, e.g. `1M tokens`, `GPU-hour`, `USD-hour`.
  public var pricingUnit: String
  /// Quantity in `pricingUnit`.
  public var quantity: Double
  /// Price per pricing unit actually charged in the line's month (list, or contracted when a `discounts.csv`
  /// discount is in force that month), before commitment coverage, $.
  public var unitPrice: Double
  /// Amount billed, $.
  public var billedCost: Double
  /// Commitment id for commitment lines.
  public var commitment: String?
  /// Units behind a reserved or commitment line (units, or $/h), and the unit-hours or $ of them used.
  public var capacityUnits: Double = 0
  public var usedQuantity: Double = 0
  /// Published list price per pricing unit when a negotiated discount makes `unitPrice` lower, $; nil when
  /// the line is billed at list.
  public var listUnitPrice: Double? = nil

  /// List price per pricing unit, $ (FOCUS ListUnitPrice).
  public var listPrice: Double { listUnitPrice ?? unitPrice }

  /// Line identity across plans: provider, offer, charge, variant, month.
  public var key: String {
    "\(provider)|\(offer)|\(kind.rawValue)\(variant.isEmpty ? "" : " (\(variant))")|\(month)"
  }

  /// Words for the line, e.g. `GPT-4.1 output tokens (batch)`.
  public var description: String {
    "\(service) \(kind.rawValue)\(variant.isEmpty ? "" : " (\(variant))")"
  }
}
