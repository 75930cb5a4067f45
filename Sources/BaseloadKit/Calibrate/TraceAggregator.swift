import Foundation

/// What one trace (one task attempt) adds up to while its spans are read; spans themselves are not kept.
struct TraceAccumulator {
  var hasRoot = false
  /// Root span start, Unix nanoseconds; nil when the root span has no readable start time.
  var start: Int64?
  /// Whether the trace has had more than one root span.
  var extraRoot = false
  /// Span ids seen in this trace: a span delivered twice (an exporter's retry, overlapping exports) counts once.
  var spanIds: Set<String> = []
  var workload: Int32 = -1
  var team: Int32 = -1
  var completed = false
  var user: Int32 = -1
  var session: Int32 = -1
  var calls: Int32 = 0
  var failedCalls: Int32 = 0
  var input = 0.0
  var cached = 0.0
  var output = 0.0
  var reasoning = 0.0
  var cost = 0.0
  /// Interned names of models no price covers.
  var unpriced: [Int32] = []
  /// File of the first span seen (interned).
  var file: Int32 = -1
}

/// Strings seen many times (workloads, teams, users), stored once.
struct Interner {
  private var ids: [String: Int32] = [:]
  private(set) var names: [String] = []

  mutating func id(_ s: String) -> Int32 {
    if let i = ids[s] { return i }
    let i = Int32(names.count)
    ids[s] = i
    names.append(s)
    return i
  }

  func name(_ i: Int32) -> String { i >= 0 ? names[Int(i)] : "" }
}

/// Aggregates OTLP spans into per-trace accumulators, then into per workload-and-team measurements.
struct TraceAggregator {
  let options: CalibrationOptions
  var traces: [String: TraceAccumulator] = [:]
  var strings = Interner()
  var problems: [CalibrationError] = []
  /// Spans read, and spans set aside with the reason.
  var spans = 0
  var negativeTokenSpans = 0
  var endBeforeStartSpans = 0
  var reasoningAboveOutputSpans = 0
  /// Spans whose trace already had a span of the same id (read once; the copies are not counted again).
  var duplicateSpans = 0
  /// Attributes read from spans.
  let wanted: Set<String>

  init(options: CalibrationOptions) {
    self.options = options
    wanted = Set(
      [
        GenAI.operation, GenAI.requestModel, GenAI.responseModel, GenAI.provider, GenAI.user,
        GenAI.session, options.workloadAttribute, options.teamAttribute, options.outcomeAttribute,
      ] + GenAI.tokenKeys)
  }

  /// Most problems kept; the count of the rest is still reported.
  static let maxProblems = 50

  mutating func problem(_ e: CalibrationError) {
    if problems.count < Self.maxProblems { problems.append(e) }
  }

  /// Reads one `ExportTraceServiceRequest`.
  mutating func ingest(document: JSONValue, path: String, line: Int) {
    guard let resourceSpans = document["resourceSpans"]?.array else {
      problem(.malformed(path: path, line: line, reason: "no resourceSpans array"))
      return
    }
    let file = strings.id(path)
    for rs in resourceSpans {
      let resource = OTLPSpan.attributes(
        rs["resource"]?["attributes"], wanted: [options.workloadAttribute, options.teamAttribute])
      for ss in rs["scopeSpans"]?.array ?? [] {
        for so in ss["spans"]?.array ?? [] {
          guard let span = OTLPSpan(json: so, wanted: wanted) else {
            problem(.malformed(path: path, line: line, reason: "a span without a traceId"))
            continue
          }
          add(span, resource: resource, path: path, line: line, file: file)
        }
      }
    }
  }

  /// A string attribute, or nil (absent) after noting a wrong type.
  mutating func text(
    _ attrs: [String: AttributeValue], _ key: String, _ span: OTLPSpan, _ path: String, _ line: Int
  ) -> String? {
    switch attrs[key] {
    case nil: return nil
    case .string(let s): return s
    case let v?:
      problem(
        .wrongType(
          path: path, line: line, span: span.label, key: key,
          expected: "a string, got \(v.typeName)"))
      return nil
    }
  }

  /// A token count, or nil (absent) after noting a wrong type.
  mutating func count(_ key: String, _ span: OTLPSpan, _ path: String, _ line: Int) -> Double? {
    switch span.attributes[key] {
    case nil: return nil
    case .int(let i): return Double(i)
    case .double(let d) where d == d.rounded(): return d
    case let v?:
      problem(
        .wrongType(
          path: path, line: line, span: span.label, key: key,
          expected: "an integer, got \(v.typeName)"))
      return nil
    }
  }

  mutating func add(
    _ span: OTLPSpan, resource: [String: AttributeValue], path: String, line: Int, file: Int32
  ) {
    spans += 1
    var acc = traces[span.traceId] ?? TraceAccumulator()
    if !span.spanId.isEmpty {
      guard acc.spanIds.insert(span.spanId).inserted else {
        duplicateSpans += 1
        return
      }
    }
    if acc.file < 0 { acc.file = file }
    if let start = span.start, let end = span.end, end < start { endBeforeStartSpans += 1 }
    if span.isRoot && acc.hasRoot {
      // A second root in one trace: the first one read stands (counted, not silently replaced).
      if !acc.extraRoot { tracesWithExtraRoots += 1 }
      acc.extraRoot = true
    } else if span.isRoot {
      acc.hasRoot = true
      acc.start = span.start
      let workload =
        text(span.attributes, options.workloadAttribute, span, path, line)
        ?? text(resource, options.workloadAttribute, span, path, line) ?? "unknown"
      let team =
        text(span.attributes, options.teamAttribute, span, path, line)
        ?? text(resource, options.teamAttribute, span, path, line) ?? ""
      acc.workload = strings.id(workload)
      acc.team = strings.id(team)
      if let outcome = text(span.attributes, options.outcomeAttribute, span, path, line) {
        acc.completed = outcome == "completed"
      } else {
        acc.completed = span.statusCode != 2
      }
      if let u = text(span.attributes, GenAI.user, span, path, line) { acc.user = strings.id(u) }
      if let s = text(span.attributes, GenAI.session, span, path, line) {
        acc.session = strings.id(s)
      }
    }
    if let op = text(span.attributes, GenAI.operation, span, path, line),
      GenAI.modelCalls.contains(op)
    {
      let input = count(GenAI.inputTokens, span, path, line) ?? 0
      let cached = count(GenAI.cachedTokens, span, path, line) ?? 0
      let output = count(GenAI.outputTokens, span, path, line) ?? 0
      let reasoning = count(GenAI.reasoningTokens, span, path, line) ?? 0
      if input < 0 || cached < 0 || output < 0 || reasoning < 0 {
        // Counted and reported; the call still counts, its tokens do not.
        negativeTokenSpans += 1
      } else {
        acc.input += input
        acc.cached += min(cached, input)
        acc.output += output
        if reasoning > output { reasoningAboveOutputSpans += 1 }
        acc.reasoning += min(reasoning, output)
        let model =
          text(span.attributes, GenAI.requestModel, span, path, line)
          ?? text(span.attributes, GenAI.responseModel, span, path, line) ?? "unknown"
        if let price = options.prices[model] {
          acc.cost += price.cost(input: input, cached: min(cached, input), output: output)
        } else {
          let m = strings.id(model)
          if !acc.unpriced.contains(m) { acc.unpriced.append(m) }
        }
      }
      acc.calls += 1
      if span.statusCode == 2 { acc.failedCalls += 1 }
    }
    traces[span.traceId] = acc
  }

  /// Traces read in total, without a root span, and outside the period.
  var tracesWithoutRoot = 0
  var tracesOutsidePeriod = 0
  /// Traces whose root span has no readable `startTimeUnixNano` (no day or hour to count them in).
  var tracesWithoutStart = 0
  /// Traces with more than one root span (the first read is kept).
  var tracesWithExtraRoots = 0

  /// Every trace added to its workload and team; traces without a root are counted and set aside.
  mutating func finish() -> [GroupMeasure] {
    var groups: [String: GroupMeasure] = [:]
    let dayNanos: Int64 = 86_400_000_000_000
    let hourNanos: Int64 = 3_600_000_000_000
    for (id, t) in traces {
      guard t.hasRoot else {
        tracesWithoutRoot += 1
        continue
      }
      // Read as 0 it was 1970-01-01, and stretched the period over 56 years (an independent tester's finding).
      guard let start = t.start else {
        tracesWithoutStart += 1
        continue
      }
      let day = start >= 0 ? start / dayNanos : (start - dayNanos + 1) / dayNanos
      if let from = options.fromDay, day < from {
        tracesOutsidePeriod += 1
        continue
      }
      if let to = options.toDay, day > to {
        tracesOutsidePeriod += 1
        continue
      }
      let workload = strings.name(t.workload)
      let team = strings.name(t.team)
      let key = workload + "\u{0}" + team
      var g = groups[key] ?? GroupMeasure(workload: workload, team: team, kind: .traces)
      g.files.insert(strings.name(t.file))
      guard t.calls > 0 else {
        g.tracesWithoutCalls += 1
        groups[key] = g
        continue
      }
      g.attempts += 1
      if t.completed { g.completed += 1 }
      g.calls += Int(t.calls)
      g.failedCalls += Int(t.failedCalls)
      g.inputTokens += t.input
      g.cachedInputTokens += t.cached
      g.outputTokens += t.output
      g.reasoningTokens += t.reasoning
      g.cost += t.cost
      for m in t.unpriced { g.unpriced.insert(strings.name(m)) }
      if t.unpriced.isEmpty { g.noteCost(t.cost, trace: id) }
      let hour = start >= 0 ? start / hourNanos : (start - hourNanos + 1) / hourNanos
      g.hourly[hour, default: 0] += 1
      if t.user >= 0 {
        g.users.insert(t.user)
        g.attemptsWithUser += 1
      }
      if t.session >= 0 {
        g.sessions.insert(t.session)
        g.attemptsWithSession += 1
      }
      groups[key] = g
    }
    return groups.keys.sorted().map { groups[$0]! }
  }
}
