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

  /// Parses `YYYY-MM`.
  public init?(_ text: String) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1970
    else { return nil }
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

  public var description: String { String(format: "%04d-%02d", year, month) }

  /// ISO 8601 UTC timestamp of the first instant of the month.
  public var isoStart: String { description + "-01T00:00:00Z" }

  public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
