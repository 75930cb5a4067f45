/// What happened to an invoice line between two plans.
public enum LineStatus: String, Sendable, Equatable {
  case disappears, shrinks, unchanged, grows, new

  /// The status of a line billed `before` and `after`, $, by the size of its amount.
  public init(before: Double, after: Double) {
    if abs(after - before) <= Format.halfCentUSD {
      self = .unchanged
    } else if abs(before) <= Format.halfCentUSD {
      self = .new
    } else if abs(after) <= Format.halfCentUSD {
      self = .disappears
    } else {
      // By size: a credit (a negative line) that becomes larger grows.
      self = abs(after) < abs(before) ? .shrinks : .grows
    }
  }
}

/// One invoice line before and after.
public struct DiffLine: Sendable, Equatable {
  /// Line identity: provider, offer, charge and month.
  public var key: String
  public var month: Month
  public var provider: String
  public var offer: String
  public var kind: ChargeKind
  public var description: String
  /// Billed before and after, $.
  public var before: Double
  public var after: Double
  public var status: LineStatus
  /// Unit-hours (or committed $) bought but no longer used; 0 on usage lines.
  public var headroomQuantity: Double
  /// Headroom at the unit price billed (negotiated discounts included), $ — capacity, not cash, until the units
  /// are released.
  public var headroomUSD: Double
  /// Pricing unit of the headroom quantity, e.g. `GPU-hour`.
  public var pricingUnit: String
  /// Units behind the line before and after (reserved units, or committed $/h).
  public var unitsBefore: Double
  public var unitsAfter: Double
  /// Share of the paid quantity left unused after, 0...1 (fixed lines only).
  public var idleShareAfter: Double

  /// Billed difference, $ (negative = saving).
  public var delta: Double { after - before }

  /// `unchanged — ` and `headroomText`, or the bare status.
  public func statusText(in currency: Currency) -> String {
    guard status == .unchanged && headroomQuantity > Format.halfCentUSD else {
      return status.rawValue
    }
    return "unchanged — " + headroomText(in: currency)
  }

  /// `1,234 GPU-hours of headroom ($3,072.66 at the price billed)`, or `$822.30 of the commitment unused` (a
  /// commitment's headroom is money, not "USD-hours"), money in `currency`.
  public func headroomText(in currency: Currency) -> String {
    kind == .commitmentFee
      ? "\(currency.money(headroomUSD)) of the commitment unused"
      : "\(Format.number(headroomQuantity, 1)) \(pricingUnit)s of headroom (\(currency.money(headroomUSD)) at the price billed)"
  }
}

/// The line-by-line difference between two invoices, with cash saving and capacity headroom kept apart.
public struct InvoiceDiff: Sendable {
  public var lines: [DiffLine]

  /// Billed difference saved, $ (positive = the bill fell).
  public var cashSaving: Double { -lines.reduce(0) { $0 + $1.delta } }
  /// Whether the bill rises (by more than round-off): then no "cash saving" is written, only the rise.
  public var billRises: Bool { cashSaving < -Format.halfCentUSD }
  /// Freed capacity at the unit prices billed, $ — not cash until released.
  public var headroomUSD: Double { lines.reduce(0) { $0 + $1.headroomUSD } }

  /// Compares two plans' invoices line by line (lines matched by provider, offer, charge and month).
  public init(before: PlanAnalysis, after: PlanAnalysis) {
    var byKey: [String: (b: InvoiceLine?, a: InvoiceLine?)] = [:]
    var order: [String] = []
    for l in before.invoice.lines {
      if byKey[l.key] == nil { order.append(l.key) }
      byKey[l.key, default: (nil, nil)].b = l
    }
    for l in after.invoice.lines {
      if byKey[l.key] == nil { order.append(l.key) }
      byKey[l.key, default: (nil, nil)].a = l
    }
    var out: [DiffLine] = []
    for key in order {
      let (b, a) = byKey[key]!
      let any = (a ?? b)!
      let before = b?.billedCost ?? 0
      let after = a?.billedCost ?? 0
      let status = LineStatus(before: before, after: after)
      var headroom = 0.0
      var idle = 0.0
      if any.kind.isFixed {
        let idleBefore = max(0, (b?.quantity ?? 0) - (b?.usedQuantity ?? 0))
        let idleAfter = max(0, (a?.quantity ?? 0) - (a?.usedQuantity ?? 0))
        if status == .unchanged || status == .grows { headroom = max(0, idleAfter - idleBefore) }
        if let a, a.quantity > 0 { idle = idleAfter / a.quantity }
      }
      out.append(
        DiffLine(
          key: key, month: any.month, provider: any.provider, offer: any.offer, kind: any.kind,
          description: any.description, before: before, after: after, status: status,
          headroomQuantity: headroom,
          headroomUSD: headroom * any.unitPrice, pricingUnit: any.pricingUnit,
          unitsBefore: b?.capacityUnits ?? 0,
          unitsAfter: a?.capacityUnits ?? 0, idleShareAfter: idle))
    }
    lines = out.sorted {
      ($0.month, $0.provider, $0.offer, $0.kind, $0.key) < (
        $1.month, $1.provider, $1.offer, $1.kind, $1.key
      )
    }
  }
}
