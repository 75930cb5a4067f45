import Foundation

/// Hourly demand per workload: calls per hour in every hour-of-week of every month.
/// Everything else (sessions, tasks, tokens by class) is a fixed multiple of calls.
public struct Forecast: Sendable {
  public var workloads: [Workload]
  public var months: [Month]
  /// calls per hour, `[workload][month][hourOfWeek]`.
  public var callsPerHour: [[[Double]]]
  /// Under `demand_shape,replay`: calls per hour in every calendar hour of the horizon, per workload with
  /// observed hours in usage.csv (nil for a workload on its profile). Then `callsPerHour` holds each hour of
  /// week's mean over the month and `peakCallsPerHour` its busiest occurrence.
  public var replay: [[Double]?] = []
  /// The busiest calls per hour of each hour of week of each month, `[workload][month][hourOfWeek]`: equal to
  /// `callsPerHour` on a profile; the bound for capacity sizing.
  public var peakCallsPerHour: [[[Double]]]
  /// Calendar hours of the horizon before each month.
  var monthStartHour: [Int] = []

  /// The demand math of DESIGN.md: users grow monthly (compounded); sessions follow the profile's hour-of-week share.
  public init(input: PlanInput) {
    workloads = input.workloads
    months = input.settings.horizon
    callsPerHour = input.workloads.map { w in
      let shares = input.profiles[w.profile]?.shares ?? [Double](repeating: 1.0 / 168, count: 168)
      return (0..<input.settings.months).map { mi in
        let users = Self.users(w, monthIndex: mi)
        let sessionsPerWeek = users * w.sessionsPerUserPerDay * 7
        return shares.map { sessionsPerWeek * $0 * w.promptsPerSession * w.callsPerTask }
      }
    }
    peakCallsPerHour = callsPerHour
    var start = 0
    for m in months {
      monthStartHour.append(start)
      start += m.hours
    }
    replay = input.workloads.map { _ in nil }
    if input.settings.demandShape == .replay { applyReplay(input) }
  }

  /// Calls per hour of workload `w` in `slice`.
  public func calls(_ w: Int, _ slice: TimeSlice) -> Double {
    if let r = replay[w], let d = slice.dayOfMonth {
      return r[monthStartHour[slice.monthIndex] + (d - 1) * 24 + slice.hourOfDay]
    }
    return callsPerHour[w][slice.monthIndex][slice.hourOfWeek]
  }

  /// Users in month `mi` (0 = first): users × (1 + growth)^mi.
  public static func users(_ w: Workload, monthIndex mi: Int) -> Double {
    w.users * pow(1 + w.userGrowthPctPerMonth / 100, Double(mi))
  }

}

/// Per-hour demand quantities of one workload, derived from calls per hour.
public struct DemandRates: Sendable, Equatable {
  public var sessions: Double
  public var tasks: Double
  public var calls: Double
  public var uncachedInputTokens: Double
  public var cachedInputTokens: Double
  public var outputTokens: Double
  public var tokens: Double { uncachedInputTokens + cachedInputTokens + outputTokens }

  /// Rates for `calls` calls of workload `w`.
  public init(calls: Double, workload w: Workload) {
    self.calls = calls
    tasks = w.callsPerTask > 0 ? calls / w.callsPerTask : 0
    sessions = w.promptsPerSession > 0 ? tasks / w.promptsPerSession : 0
    uncachedInputTokens = calls * w.uncachedInputTokens
    cachedInputTokens = calls * w.cachedInputTokens
    outputTokens = calls * w.outputTokens
  }

  /// Rates scaled by a number of hours.
  public func times(_ hours: Double) -> DemandRates {
    var r = self
    r.sessions *= hours
    r.tasks *= hours
    r.calls *= hours
    r.uncachedInputTokens *= hours
    r.cachedInputTokens *= hours
    r.outputTokens *= hours
    return r
  }

  public static func + (a: DemandRates, b: DemandRates) -> DemandRates {
    var r = a
    r.sessions += b.sessions
    r.tasks += b.tasks
    r.calls += b.calls
    r.uncachedInputTokens += b.uncachedInputTokens
    r.cachedInputTokens += b.cachedInputTokens
    r.outputTokens += b.outputTokens
    return r
  }

  public static let zero = DemandRates(calls: 0, workload: Workload.zero)
}

extension Workload {
  static let zero = Workload(
    id: "", name: "", team: "", tier: "", latency: .standard, region: nil, users: 0,
    userGrowthPctPerMonth: 0,
    sessionsPerUserPerDay: 0, promptsPerSession: 1, callsPerPrompt: 1, inputTokensPerCall: 0,
    outputTokensPerCall: 0, reasoningTokensPerCall: 0, retryRate: 0, cacheHitRate: 0,
    successRate: 1,
    humanCostPerFailure: 0, profile: "", deferHours: 0)
}
