/// A slice of time in the model: one calendar hour, or one hour-of-week standing for several.
public struct TimeSlice: Sendable, Equatable {
  /// 0-based position of the slice in the horizon.
  public var index: Int
  /// 0-based month of the horizon.
  public var monthIndex: Int
  /// Hour of week, 0 = Monday 00:00 ... 167 = Sunday 23:00.
  public var hourOfWeek: Int
  /// Hour of day 0...23.
  public var hourOfDay: Int { hourOfWeek % 24 }
  /// Day of week 0 = Monday ... 6 = Sunday.
  public var weekday: Int { hourOfWeek / 24 }
  /// Day of month 1... for an hourly slice; nil for a representative-week slice.
  public var dayOfMonth: Int?
  /// Calendar hours this slice stands for.
  public var weight: Double
  /// Slices with the same `dayKey` are one day (deferral stays within it).
  public var dayKey: Int

  static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// `2027-01-04T13:00Z` for an hourly slice, `2027-01 mon 13:00` for a week slice.
  public func label(_ month: Month) -> String {
    let hh = hourOfDay < 10 ? "0\(hourOfDay)" : "\(hourOfDay)"
    if let d = dayOfMonth {
      return "\(month)-\(d < 10 ? "0\(d)" : "\(d)")T\(hh):00Z"
    }
    return "\(month) \(Self.dayNames[weekday]) \(hh):00"
  }
}

/// The slices of a horizon at a resolution.
public struct SliceSet: Sendable {
  public var resolution: Resolution
  public var months: [Month]
  public var slices: [TimeSlice]

  /// Builds the slices: every calendar hour, or 168 hour-of-week slices per month weighted by occurrences.
  public init(months: [Month], resolution: Resolution) {
    self.resolution = resolution
    self.months = months
    var out: [TimeSlice] = []
    for (mi, month) in months.enumerated() {
      let first = month.firstWeekday
      switch resolution {
      case .hour:
        for k in 0..<month.hours {
          let day = k / 24
          let how = ((first + day) % 7) * 24 + k % 24
          out.append(
            TimeSlice(
              index: out.count, monthIndex: mi, hourOfWeek: how, dayOfMonth: day + 1, weight: 1,
              dayKey: mi * 40 + day))
        }
      case .week, .cluster, .auto:
        var count = [Double](repeating: 0, count: 168)
        for day in 0..<month.days {
          let wd = (first + day) % 7
          for h in 0..<24 { count[wd * 24 + h] += 1 }
        }
        for how in 0..<168 {
          out.append(
            TimeSlice(
              index: out.count, monthIndex: mi, hourOfWeek: how, dayOfMonth: nil,
              weight: count[how], dayKey: mi * 40 + how / 24))
        }
      }
    }
    slices = out
  }

  /// A slice set made of given slices (clustered representatives).
  public init(months: [Month], resolution: Resolution, slices: [TimeSlice]) {
    self.months = months
    self.resolution = resolution
    self.slices = slices
  }

  /// Slices of month `mi`.
  public func slices(inMonth mi: Int) -> ArraySlice<TimeSlice> {
    let per = slices.firstIndex { $0.monthIndex == mi } ?? 0
    let end = slices[per...].firstIndex { $0.monthIndex != mi } ?? slices.count
    return slices[per..<end]
  }
}
