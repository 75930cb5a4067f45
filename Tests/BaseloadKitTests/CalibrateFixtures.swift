import Foundation

/// OTLP JSON written by hand for the calibration tests.
enum OTLP {
  /// 2026-03-02T00:00:00Z (a Monday), Unix seconds.
  static let monday: Int64 = 1_772_409_600

  /// Nanoseconds of `hour`:`minute` on the Monday.
  static func at(_ hour: Int64, _ minute: Int64 = 0) -> Int64 {
    (monday + hour * 3600 + minute * 60) * 1_000_000_000
  }

  /// One attribute: strings quoted, integers as proto3 JSON strings.
  static func attr(_ key: String, _ value: Any) -> String {
    switch value {
    case let s as String: return #"{"key":"\#(key)","value":{"stringValue":"\#(s)"}}"#
    case let i as Int: return #"{"key":"\#(key)","value":{"intValue":"\#(i)"}}"#
    case let d as Double: return #"{"key":"\#(key)","value":{"doubleValue":\#(d)}}"#
    default: fatalError()
    }
  }

  /// A span; `status` 2 is ERROR.
  static func span(
    _ trace: String, _ id: String, parent: String = "", name: String = "call", start: Int64,
    end: Int64? = nil, status: Int = 0, _ attrs: [(String, Any)] = []
  ) -> String {
    let a = attrs.map { attr($0.0, $0.1) }.joined(separator: ",")
    return
      #"{"traceId":"\#(trace)","spanId":"\#(id)","parentSpanId":"\#(parent)","name":"\#(name)","startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end ?? start + 1_000_000_000)","attributes":[\#(a)],"status":{"code":\#(status)}}"#
  }

  /// A chat span with its tokens.
  static func chat(
    _ trace: String, _ id: String, parent: String, start: Int64, model: String = "m1",
    input: Int, cached: Int = 0, output: Int, reasoning: Int = 0, status: Int = 0
  ) -> String {
    var attrs: [(String, Any)] = [
      ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", model),
      ("gen_ai.provider.name", "openai"), ("gen_ai.usage.input_tokens", input),
      ("gen_ai.usage.output_tokens", output),
    ]
    if cached > 0 { attrs.append(("gen_ai.usage.cache_read.input_tokens", cached)) }
    if reasoning > 0 { attrs.append(("gen_ai.usage.reasoning.output_tokens", reasoning)) }
    return span(trace, id, parent: parent, start: start, status: status, attrs)
  }

  /// One `ExportTraceServiceRequest` line with these resource attributes and spans.
  static func line(_ resource: [(String, Any)], _ spans: [String]) -> String {
    let r = resource.map { attr($0.0, $0.1) }.joined(separator: ",")
    return
      #"{"resourceSpans":[{"resource":{"attributes":[\#(r)]},"scopeSpans":[{"scope":{"name":"t"},"spans":[\#(spans.joined(separator: ","))]}]}]}"#
  }

  /// The hand-computed trace file of `CalibrateTests`.
  static var handFile: String {
    let support: [(String, Any)] = [("service.name", "support"), ("team.name", "cx")]
    return [
      // T1: completed, three calls (one failed and retried), a tool span; its spans over two lines.
      line(
        support,
        [
          span(
            "t1", "r1", name: "task", start: at(9, 10),
            [("task.outcome", "completed"), ("user.id", "u1"), ("session.id", "s1")]),
          chat(
            "t1", "a", parent: "r1", start: at(9, 11), input: 1000, cached: 400, output: 200,
            reasoning: 50),
        ]),
      line(
        support,
        [
          chat("t1", "b", parent: "r1", start: at(9, 12), input: 500, output: 100, status: 2),
          chat("t1", "c", parent: "r1", start: at(9, 13), input: 500, cached: 100, output: 100),
          span("t1", "d", parent: "r1", name: "search", start: at(9, 14)),
        ]),
      // T2: failed task, one call. T3: completed, one call. T4: no model call.
      line(
        support,
        [
          span(
            "t2", "r2", name: "task", start: at(9, 40),
            [("task.outcome", "abandoned"), ("user.id", "u1"), ("session.id", "s1")]),
          chat(
            "t2", "e", parent: "r2", start: at(9, 41), input: 2000, cached: 1000, output: 300,
            reasoning: 100),
          span(
            "t3", "r3", name: "task", start: at(10, 5),
            [("task.outcome", "completed"), ("user.id", "u2"), ("session.id", "s2")]),
          chat("t3", "f", parent: "r3", start: at(10, 6), input: 1000, output: 100),
          span("t4", "r4", name: "task", start: at(10, 30), [("task.outcome", "completed")]),
        ]),
      "",
      // T5: workload and team from the root span, outcome from its status (unset: success), an unpriced model.
      line(
        support,
        [
          span(
            "t5", "r5", name: "task", start: at(11),
            [("service.name", "triage"), ("team.name", "ops")]),
          chat("t5", "g", parent: "r5", start: at(11, 1), model: "m2", input: 100, output: 10),
        ]),
    ].joined(separator: "\n") + "\n"
  }

  /// Prices of model m1: $2 input, $0.5 cached, $10 output per million tokens.
  static let prices =
    "id,vendor,model,tiers,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output\nm1-api,V,m1,mid,2,0.5,10\n"
}
