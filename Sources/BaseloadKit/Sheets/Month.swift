import Foundation

/// A calendar month, e.g. 2027-01.
public struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var year: Int
  /// 1...12
  public var month: Int

  public init(year: Int, month: Int) {
    self.year = year
    self.month = month
  }

  /// Years a month may name: from the Unix epoch, and early enough that a horizon, the terms that outlast it and
  /// the invoice's ISO dates stay within four-digit years.
  public static let years = 1970...9000

  /// Parses `YYYY-MM`: four ASCII digits, a hyphen, two ASCII digits — no sign, no other form (`-2027-02` and
  /// `2027-+2` were read as 2027-02).
  public init?(_ text: String) {
    let b = Array(text.utf8)
    let digit = { (c: UInt8) in c >= 48 && c <= 57 }
    guard b.count == 7, b[4] == UInt8(ascii: "-"), b[0..<4].allSatisfy(digit),
      b[5..<7].allSatisfy(digit)
    else { return nil }
    let value = { (r: Range<Int>) in b[r].reduce(0) { $0 * 10 + Int($1 - 48) } }
    let (y, m) = (value(0..<4), value(5..<7))
    guard (1...12).contains(m), Self.years.contains(y) else { return nil }
    self.init(year: y, month: m)
  }

  /// The month `n` months later (n may be negative).
  public func adding(_ n: Int) -> Month {
    let index = year * 12 + (month - 1) + n
    return Month(year: index / 12, month: index % 12 + 1)
  }

  /// Number of days in the month (Gregorian).
  public var days: Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Hours in the month (UTC, no daylight saving).
  public var hours: Int { days * 24 }

  /// Hours in the longest month (31 days), h.
  public static let longestHours: Double = 31 * 24

  /// Day of week of the first day of the month: 0 = Monday ... 6 = Sunday.
  public var firstWeekday: Int {
    // Days since 1970-01-01 (a Thursday, weekday 3).
    (daysSinceEpoch + 3) % 7
  }

  /// Days from 1970-01-01 to the first day of the month.
  public var daysSinceEpoch: Int {
    var d = 0
    for y in 1970..<year { d += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365 }
    for m in 1..<month { d += Month(year: year, month: m).days }
    return d
  }

  /// `YYYY-MM`, as `String(format: "%04d-%02d")` prints it (without its cost: reports print a month per line).
  public var description: String {
    guard year >= 0, (0...99).contains(month) else {
      return String(format: "%04d-%02d", year, month)
    }
    let y = String(year)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + (month < 10 ? "-0" : "-")
      + String(month)
  }

  /// ISO 8601 UTC timestamp of the first instant of the month.
  public var isoStart: String { description + "-01T00:00:00Z" }

  public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
