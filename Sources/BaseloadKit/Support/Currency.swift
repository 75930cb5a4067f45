/// How a plan writes money, from `currency` in plan.csv (a label: Baseload converts nothing): `$1,234.56` for
/// USD, the code after the figure for any other (`1,234.56 EUR`). Every money figure of a report, chart,
/// quote and verdict goes through one of these, so no `$` is left beside a euro total.
public struct Currency: Sendable, Equatable {
  /// The label, e.g. `USD`, `EUR`.
  public var code: String

  public init(_ code: String) { self.code = code }

  /// Written with `$` in front.
  var isDollar: Bool { code == "USD" }

  /// A figure from `Format` written without a symbol, given this currency's mark.
  func mark(_ figure: (String) -> String) -> String {
    isDollar ? figure("$") : figure("") + " " + code
  }

  /// An amount, 2 decimals by default: `$12,345.67`, `12,345.67 EUR`.
  public func money(_ v: Double, decimals: Int = 2) -> String {
    mark { Format.money(v, symbol: $0, decimals: decimals) }
  }

  /// A change, signed: `+$1,488.00`, `-$897.75`; `$0.00` within half a cent.
  public func change(_ v: Double) -> String { (v >= Format.halfCentUSD ? "+" : "") + money(v) }

  /// A unit price (`Format.price`'s decimals).
  public func price(_ v: Double) -> String { mark { Format.price(v, symbol: $0) } }

  /// A small amount per unit (`Format.perUnit`'s decimals).
  public func perUnit(_ v: Double) -> String { mark { Format.perUnit(v, symbol: $0) } }

  /// Cost per completed task, or `—` when no task completes.
  public func perCompletedTask(_ v: Double?) -> String { v.map(perUnit) ?? "—" }

  /// A compact axis figure: `$1.2M`, `1.2M EUR`.
  public func compact(_ v: Double) -> String { mark { $0 + Format.compact(v) } }

  /// The mark in a column header or unit: `$/Mtok`, `EUR/Mtok`.
  public var symbol: String { isDollar ? "$" : code }
}
