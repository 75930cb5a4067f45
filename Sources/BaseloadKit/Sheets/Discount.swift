/// `discounts.csv`: a negotiated discount off a vendor's list prices, on top of `apis.csv` and `capacity.csv`
/// (which keep the list prices).
public struct Discount: Sendable, Equatable {
  public var vendor: String
  /// The offer it applies to; nil = every offer of the vendor.
  public var offer: String?
  /// % off list, 0 ≤ d < 100: token prices of an API, the unit-hour price of capacity (on demand and reserved).
  public var discountPct: Double
  /// First and last month in force (inclusive); nil = open.
  public var start: Month?
  public var end: Month?
  public var line: Int = 0

  /// Whether the discount is in force in month `m`.
  public func covers(_ m: Month) -> Bool {
    (start.map { m >= $0 } ?? true) && (end.map { m <= $0 } ?? true)
  }

  /// Whether `other` is in force in some month this one is (their month ranges, open ends included, meet).
  public func overlaps(_ other: Discount) -> Bool {
    let lo = [start, other.start].compactMap { $0 }.max()
    let hi = [end, other.end].compactMap { $0 }.min()
    guard let lo, let hi else { return true }
    return lo <= hi
  }

  /// Whether it applies to offer `id` of `vendor`.
  public func applies(to id: String, vendor v: String) -> Bool {
    vendor == v && (offer == nil || offer == id)
  }
}
