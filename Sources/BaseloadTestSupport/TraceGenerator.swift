import BaseloadKit
import Foundation

/// Writes synthetic OpenTelemetry GenAI traces (OTLP JSON Lines, the Collector's file exporter format) from
/// workloads: one trace per task attempt, its root span carrying the user, session and outcome, agentic
/// fan-out into model calls with a tool span between, failed calls that are retried, cached input and
/// reasoning tokens. Deterministic for a seed.
public struct TraceGenerator {
  /// A workload as the generator draws it.
  public struct Flow: Sendable {
    public var workload: Workload
    /// Hour-of-week shares (sum 1).
    public var shares: [Double]
    /// Model name written as `gen_ai.request.model`.
    public var model: String
    public init(workload: Workload, shares: [Double], model: String) {
      self.workload = workload
      self.shares = shares
      self.model = model
    }
  }

  /// A day whose arrivals of some workloads (all when `workloads` is nil) are multiplied by `factor`.
  public struct Event: Sendable {
    public var day: Int64
    public var factor: Double
    public var workloads: Set<String>?
    public init(day: Int64, factor: Double, workloads: Set<String>? = nil) {
      self.day = day
      self.factor = factor
      self.workloads = workloads
    }
  }

  public var flows: [Flow]
  /// First UTC day (days since 1970-01-01) and number of days.
  public var firstDay: Int64
  public var days: Int
  public var events: [Event] = []
  public var seed: UInt64

  public init(flows: [Flow], firstDay: Int64, days: Int, seed: UInt64) {
    self.flows = flows
    self.firstDay = firstDay
    self.days = days
    self.seed = seed
  }

  /// The flows of an input folder's workloads, each calling the first token API it may use.
  public static func flows(_ input: PlanInput) -> [Flow] {
    input.workloads.map { w in
      let api = input.apis.first { Compatibility.allows($0, w) }
      return Flow(
        workload: w, shares: input.profiles[w.profile]?.shares ?? [],
        model: api?.model ?? "model-\(w.tier)")
    }
  }

  /// Counts of what was written.
  public struct Totals: Sendable {
    public var traces = 0
    public var spans = 0
    public var bytes = 0
  }

  /// Writes the traces, hour by hour, through `write` (called with chunks of about a megabyte).
  @discardableResult
  public func generate(_ write: (String) -> Void) -> Totals {
    var rng = SplitMix64(state: seed)
    var totals = Totals()
    var buffer = ""
    func flush(_ force: Bool) {
      if force || buffer.utf8.count > 1 << 20 {
        totals.bytes += buffer.utf8.count
        write(buffer)
        buffer = ""
      }
    }
    var traceNumber = 0
    for d in 0..<days {
      let day = firstDay + Int64(d)
      let weekday = Int(((day + 3) % 7 + 7) % 7)
      for hour in 0..<24 {
        for flow in flows {
          let w = flow.workload
          let months = Double(d * 24 + hour) / 730.5
          let users = w.users * pow(1 + w.userGrowthPctPerMonth / 100, months)
          var mean =
            users * w.sessionsPerUserPerDay * w.promptsPerSession * 7
            * (flow.shares.isEmpty ? 1.0 / 168 : flow.shares[weekday * 24 + hour])
          for e in events where e.day == day && (e.workloads?.contains(w.id) ?? true) {
            mean *= e.factor
          }
          let n = Self.poisson(mean, &rng)
          for _ in 0..<n {
            traceNumber += 1
            let start =
              (day * 86_400 + Int64(hour) * 3600 + Int64(rng.int(0, 3599))) * 1_000_000_000
            let userCount = max(1, Int(users.rounded()))
            let user = rng.int(0, userCount - 1)
            let sessions = max(1, Int(w.sessionsPerUserPerDay.rounded()))
            let session = "\(w.id)-u\(user)-d\(day)-s\(rng.int(0, sessions - 1))"
            let trace = String(format: "%032llx", UInt64(traceNumber) &* 0x9E37_79B9_7F4A_7C15)
            let spans = attempt(
              flow, trace: trace, start: start, user: "u\(user)", session: session, &rng)
            totals.traces += 1
            totals.spans += spans.count
            let resource = [
              attr("service.name", .string(w.id)), attr("team.name", .string(w.team)),
            ]
            // Every tenth trace is exported in two batches, as a Collector does with long traces.
            if traceNumber % 10 == 0 && spans.count > 1 {
              buffer += Self.line(resource, Array(spans.prefix(1))) + "\n"
              buffer += Self.line(resource, Array(spans.dropFirst())) + "\n"
            } else {
              buffer += Self.line(resource, spans) + "\n"
            }
            flush(false)
          }
        }
      }
    }
    flush(true)
    return totals
  }

  /// Knuth's method for a small mean, a rounded normal for a large one.
  static func poisson(_ mean: Double, _ rng: inout SplitMix64) -> Int {
    guard mean > 0 else { return 0 }
    if mean > 50 {
      let u1 = max(rng.real(0, 1), 1e-300)
      let u2 = rng.real(0, 1)
      let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
      return max(0, Int((mean + z * mean.squareRoot()).rounded()))
    }
    let limit = exp(-mean)
    var k = 0
    var p = rng.real(0, 1)
    while p > limit {
      k += 1
      p *= rng.real(0, 1)
    }
    return k
  }

  /// A whole number with mean `x`: its floor, plus one with the fractional part's probability.
  static func around(_ x: Double, _ rng: inout SplitMix64) -> Int {
    let f = x.rounded(.down)
    return Int(f) + (rng.chance(x - f) ? 1 : 0)
  }

  enum Value {
    case string(String)
    case int(Int)
  }

  func attr(_ key: String, _ v: Value) -> String {
    switch v {
    case .string(let s):
      return #"{"key":"\#(key)","value":{"stringValue":"\#(s)"}}"#
    case .int(let i):
      return #"{"key":"\#(key)","value":{"intValue":"\#(i)"}}"#
    }
  }

  func span(
    _ trace: String, _ id: Int, parent: Int?, name: String, start: Int64, end: Int64,
    status: Int, _ attrs: [String]
  ) -> String {
    let p = parent.map { String(format: "%016llx", UInt64($0)) } ?? ""
    return
      #"{"traceId":"\#(trace)","spanId":"\#(String(format: "%016llx", UInt64(id)))","parentSpanId":"\#(p)","name":"\#(name)","kind":1,"startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)","attributes":[\#(attrs.joined(separator: ","))],"status":{"code":\#(status)}}"#
  }

  static func line(_ resource: [String], _ spans: [String]) -> String {
    #"{"resourceSpans":[{"resource":{"attributes":[\#(resource.joined(separator: ","))]},"scopeSpans":[{"scope":{"name":"baseload-tracegen"},"spans":[\#(spans.joined(separator: ","))]}]}]}"#
  }

  /// The spans of one attempt: root, then per call its failed tries, the call and a tool span.
  func attempt(
    _ flow: Flow, trace: String, start: Int64, user: String, session: String,
    _ rng: inout SplitMix64
  ) -> [String] {
    let w = flow.workload
    let completed = rng.chance(w.successRate)
    var spans: [String] = []
    var t = start + 5_000_000
    var id = 1
    let calls = max(1, Self.around(w.callsPerPrompt, &rng))
    for _ in 0..<calls {
      // Failed tries before the call succeeds: geometric, `retry_rate` failures per successful call on average.
      let p = w.retryRate / (1 + w.retryRate)
      var tries = 0
      while rng.chance(p) && tries < 50 { tries += 1 }
      for k in 0...tries {
        id += 1
        let input = max(0, Int((w.inputTokensPerCall * rng.real(0.5, 1.5)).rounded()))
        let cached = Int((Double(input) * w.cacheHitRate).rounded())
        let reasoning = Self.around(w.reasoningTokensPerCall * rng.real(0.5, 1.5), &rng)
        let output = Self.around(w.outputTokensPerCall * rng.real(0.5, 1.5), &rng)
        var attrs = [
          attr("gen_ai.operation.name", .string("chat")),
          attr("gen_ai.request.model", .string(flow.model)),
          attr("gen_ai.provider.name", .string("synthetic")),
          attr("gen_ai.usage.input_tokens", .int(input)),
          attr("gen_ai.usage.output_tokens", .int(output + reasoning)),
        ]
        if cached > 0 { attrs.append(attr("gen_ai.usage.cache_read.input_tokens", .int(cached))) }
        if reasoning > 0 {
          attrs.append(attr("gen_ai.usage.reasoning.output_tokens", .int(reasoning)))
        }
        let duration = Int64(rng.int(300, 4000)) * 1_000_000
        spans.append(
          span(
            trace, id, parent: 1, name: "chat \(flow.model)", start: t, end: t + duration,
            status: k < tries ? 2 : 0, attrs))
        t += duration
      }
      id += 1
      let tool = Int64(rng.int(20, 400)) * 1_000_000
      spans.append(
        span(
          trace, id, parent: 1, name: "execute_tool search", start: t, end: t + tool, status: 0,
          [attr("gen_ai.operation.name", .string("execute_tool"))]))
      t += tool
    }
    let root = span(
      trace, 1, parent: nil, name: "task \(w.id)", start: start, end: t + 1_000_000,
      status: completed ? 0 : 2,
      [
        attr("user.id", .string(user)), attr("session.id", .string(session)),
        attr("task.outcome", .string(completed ? "completed" : "failed")),
      ])
    return [root] + spans
  }
}
