import Foundation

/// Where a group's figures came from.
public enum SourceKind: String, Sendable {
  case traces = "OTLP traces"
  case openAI = "OpenAI usage export"
  case anthropic = "Anthropic usage report"
}

/// Measured totals of one workload and team over the period.
public struct GroupMeasure: Sendable {
  public var workload: String
  public var team: String
  public var kind: SourceKind
  /// Task attempts (traces; for exports, requests); nil when the source does not count them.
  public var attempts = 0
  public var completed = 0
  /// Model calls, failed ones included.
  public var calls = 0
  public var failedCalls = 0
  /// Tokens by class over the period; input includes cached (and, for Anthropic, cache writes).
  public var inputTokens = 0.0
  public var cachedInputTokens = 0.0
  /// Output tokens, reasoning included.
  public var outputTokens = 0.0
  public var reasoningTokens = 0.0
  /// $ at `--prices`; meaningful only when `unpriced` is empty and prices were given.
  public var cost = 0.0
  /// Models of calls that `--prices` does not price.
  public var unpriced: Set<String> = []
  /// Attempts (or, without attempts, tokens) per UTC hour: hours since 1970-01-01 → count.
  public var hourly: [Int64: Double] = [:]
  /// Distinct users and sessions (interned ids) and the attempts that named them.
  public var users: Set<Int32> = []
  public var sessions: Set<Int32> = []
  public var attemptsWithUser = 0
  public var attemptsWithSession = 0
  /// The five most expensive attempts: ($, trace id), most expensive first.
  public var top: [(cost: Double, trace: String)] = []
  /// Traces of this workload without a model call (not counted as attempts).
  public var tracesWithoutCalls = 0
  /// Whether the source's request counts are known (Anthropic's report has none).
  public var requestsKnown = true
  /// Buckets read (exports) and whether any was a whole day.
  public var buckets = 0
  public var dailyBuckets = false
  /// Source files that gave rows to this group.
  public var files: Set<String> = []

  init(workload: String, team: String, kind: SourceKind) {
    self.workload = workload
    self.team = team
    self.kind = kind
  }

  /// Keeps the five most expensive attempts.
  mutating func noteCost(_ c: Double, trace: String) {
    // Ties go to the smaller trace id, so the list does not depend on reading order.
    func before(_ a: (Double, String), _ b: (cost: Double, trace: String)) -> Bool {
      a.0 > b.cost || (a.0 == b.cost && a.1 < b.trace)
    }
    if top.count == 5, let last = top.last, !before((c, trace), last) { return }
    let i = top.firstIndex { before((c, trace), $0) } ?? top.count
    top.insert((c, trace), at: i)
    if top.count > 5 { top.removeLast() }
  }

  /// Successful calls.
  public var successfulCalls: Int { calls - failedCalls }
}
