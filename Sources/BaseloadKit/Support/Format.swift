import Foundation

/// Deterministic, locale-free number formatting for reports and messages.
public enum Format {
  /// Half a cent, $: an amount smaller than this prints as $0.00, so the reports treat it as zero.
  public static let halfCentUSD = 0.005

  /// Shortest plain decimal for a value (no exponent for ordinary magnitudes): 0.6, 12, 2.49.
  public static func plain(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    var s = String(format: "%.10f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  /// Fixed decimals, no grouping: `fixed(3.14159, 2)` = "3.14". Negative zero prints as zero.
  public static func fixed(_ v: Double, _ decimals: Int) -> String {
    if let s = quickFixed(v, decimals) { return s }
    let s = String(format: "%.\(decimals)f", v)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
      return String(s.dropFirst())
    }
    return s
  }

  /// `fixed` by integer arithmetic, the same text as `String(format:)` (tens of times faster; reports print tens
  /// of thousands of numbers), or nil where it could differ. s = |v|·10^d (below 10¹⁵) is one rounded product,
  /// within s·2⁻⁵³ of the exact one, and its fraction is exact; so away from a rounding tie (a fraction within
  /// 10⁻⁶ + s·2.3·10⁻¹⁶ of one half) it rounds as printf rounds the exact binary value.
  static func quickFixed(_ v: Double, _ decimals: Int) -> String? {
    guard v.isFinite, (0...9).contains(decimals) else { return nil }
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let s = abs(v) * Double(scale)
    guard s < 1e15 else { return nil }
    let whole = s.rounded(.down)
    let fraction = s - whole
    guard abs(fraction - 0.5) > 1e-6 + s * 2.3e-16 else { return nil }
    let n = UInt64(whole) + (fraction > 0.5 ? 1 : 0)
    var text = String(n / scale)
    if decimals > 0 {
      let digits = String(n % scale)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return v < 0 && n > 0 ? "-" + text : text
  }

  /// Money with thousands separators and 2 decimals: `$12,345.67`, `−$3.00` as `-$3.00`.
  public static func money(_ v: Double, symbol: String = "$", decimals: Int = 2) -> String {
    let neg = v < 0 && fixed(abs(v), decimals) != fixed(0, decimals)
    return (neg ? "-" : "") + symbol + grouped(fixed(abs(v), decimals))
  }

  /// A unit price: 2 decimals, or up to 4 when the price needs them (`$0.356`, `$2.49`).
  public static func price(_ v: Double, symbol: String = "$") -> String {
    for d in 2...3 where abs(v * pow(10, Double(d)) - (v * pow(10, Double(d))).rounded()) < 1e-9 {
      return money(v, symbol: symbol, decimals: d)
    }
    return money(v, symbol: symbol, decimals: 4)
  }

  /// Small money amounts keep 4 decimals below $1 (`$0.0158`), 2 above (`$1.40`).
  public static func perUnit(_ v: Double, symbol: String = "$") -> String {
    money(v, symbol: symbol, decimals: perUnitDecimals([v]))
  }

  /// `perUnit`'s decimals for figures shown side by side: 4 for all when any is below $1, else 2.
  public static func perUnitDecimals(_ values: [Double]) -> Int {
    values.contains { abs($0) < 1 } ? 4 : 2
  }

  /// Cost per completed task (`perUnit`), or `—` when no task completes: never `$0.0000` or `inf`.
  public static func perCompletedTask(_ v: Double?, symbol: String = "$") -> String {
    v.map { perUnit($0, symbol: symbol) } ?? "—"
  }

  /// A count with thousands separators and fixed decimals: `1,234.5`.
  public static func number(_ v: Double, _ decimals: Int = 0) -> String {
    let s = fixed(v, decimals)
    if s.hasPrefix("-") { return "-" + grouped(String(s.dropFirst())) }
    return grouped(s)
  }

  /// Percent of a fraction: `percent(0.256)` = "25.6%".
  public static func percent(_ fraction: Double, _ decimals: Int = 1) -> String {
    fixed(fraction * 100, decimals) + "%"
  }

  private static func grouped(_ s: String) -> String {
    let parts = s.split(separator: ".", maxSplits: 1)
    var digits = Array(parts[0])
    var out: [Character] = []
    while digits.count > 3 {
      out.insert(contentsOf: [","] + digits.suffix(3), at: 0)
      digits.removeLast(3)
    }
    out.insert(contentsOf: digits, at: 0)
    return String(out) + (parts.count > 1 ? "." + parts[1] : "")
  }
}
