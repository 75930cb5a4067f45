import Foundation

/// Provider usage exports: OpenAI's organization usage API for completions and Anthropic's usage report.
/// Buckets of token totals per project / workspace, model and time; no task structure.
struct ProviderAggregator {
  let options: CalibrationOptions
  var groups: [String: GroupMeasure] = [:]
  var problems: [CalibrationError] = []
  var bucketsOutsidePeriod = 0
  /// Buckets that straddle a bound of --from/--to (a daily bucket at local midnight, say): only their hours
  /// inside the period are counted, their totals in proportion.
  var bucketsPartlyInPeriod = 0
  private let iso = ISO8601DateFormatter()
  /// The same with fractional seconds (`2026-03-02T00:00:00.000Z`), which the plain formatter refuses.
  private let isoFractional: ISO8601DateFormatter = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f
  }()

  init(options: CalibrationOptions) { self.options = options }

  /// The format of a parsed document, or nil when it is no provider export.
  static func kind(of document: JSONValue) -> SourceKind? {
    let o = document.array?.first ?? document
    guard let data = o["data"]?.array else { return nil }
    guard let bucket = data.first else {
      // An empty page: OpenAI names its objects.
      return o["object"]?.string == "page" ? .openAI : nil
    }
    if bucket["start_time"] != nil, bucket["results"] != nil { return .openAI }
    if bucket["starting_at"] != nil, bucket["results"] != nil { return .anthropic }
    return nil
  }

  /// Reads one page (or a JSON array of pages).
  mutating func ingest(_ document: JSONValue, kind: SourceKind, path: String, line: Int) {
    let pages = document.array ?? [document]
    for page in pages {
      guard let data = page["data"]?.array else {
        problems.append(.malformed(path: path, line: line, reason: "a page without a data array"))
        continue
      }
      for bucket in data {
        ingestBucket(bucket, kind: kind, path: path, line: line)
      }
    }
  }

  /// Seconds since 1970 of a bucket bound: a number (OpenAI) or an ISO 8601 time (Anthropic).
  func seconds(_ v: JSONValue?) -> Int64? {
    if let s = v?.string {
      if let d = iso.date(from: s) ?? isoFractional.date(from: s) {
        return Int64(d.timeIntervalSince1970.rounded())
      }
      return Int64(s)
    }
    return v?.int64
  }

  mutating func ingestBucket(_ bucket: JSONValue, kind: SourceKind, path: String, line: Int) {
    let startKey = kind == .openAI ? "start_time" : "starting_at"
    let endKey = kind == .openAI ? "end_time" : "ending_at"
    guard let start = seconds(bucket[startKey]) else {
      problems.append(.malformed(path: path, line: line, reason: "a bucket without \(startKey)"))
      return
    }
    let end = seconds(bucket[endKey]) ?? start + 3600
    // The bucket's hours (a daily bucket spreads evenly over its hours) and those inside --from/--to (whole UTC
    // days): a bucket partly inside counts in proportion, not whole or not at all.
    let hours = max(1, (end - start) / 3600)
    let first = start >= 0 ? start / 3600 : (start - 3599) / 3600
    let lo = options.fromDay.map { Int($0) * 24 } ?? Int.min
    let hi = options.toDay.map { (Int($0) + 1) * 24 } ?? Int.max
    let inside = (first..<(first + hours)).filter { $0 >= lo && $0 < hi }
    guard !inside.isEmpty else {
      bucketsOutsidePeriod += 1
      return
    }
    let share = Double(inside.count) / Double(hours)
    if inside.count < hours { bucketsPartlyInPeriod += 1 }
    for r in bucket["results"]?.array ?? [] {
      func n(_ key: String) -> Double { r[key]?.double ?? 0 }
      var workload: String
      var input: Double
      var cached: Double
      var requests: Double?
      let batch = kind == .openAI && r["batch"]?.bool == true
      switch kind {
      case .openAI:
        workload = r["project_id"]?.string ?? "openai-organization"
        if batch { workload += "-batch" }
        input = n("input_tokens")
        cached = n("input_cached_tokens")
        requests = n("num_model_requests")
      default:
        workload = r["workspace_id"]?.string ?? "anthropic-default-workspace"
        let creation = r["cache_creation"]
        let writes =
          (creation?["ephemeral_5m_input_tokens"]?.double ?? 0)
          + (creation?["ephemeral_1h_input_tokens"]?.double ?? 0)
          + n("cache_creation_input_tokens")
        cached = n("cache_read_input_tokens")
        input = n("uncached_input_tokens") + cached + writes
      }
      let output = n("output_tokens") * share
      input *= share
      cached *= share
      requests = requests.map { $0 * share }
      if input < 0 || cached < 0 || output < 0 || (requests ?? 0) < 0 {
        problems.append(
          .malformed(
            path: path, line: line, reason: "negative token or request count in \(workload)"))
        continue
      }
      var g = groups[workload] ?? GroupMeasure(workload: workload, team: "", kind: kind)
      g.files.insert(path)
      g.buckets += 1
      if end - start >= 86_400 { g.dailyBuckets = true }
      g.inputTokens += input
      g.cachedInputTokens += min(cached, input)
      g.outputTokens += output
      let model = r["model"]?.string ?? "unknown"
      if let price = options.prices[model] {
        g.cost += price.cost(input: input, cached: min(cached, input), output: output, batch: batch)
      } else {
        g.unpriced.insert(model)
      }
      if let requests {
        let calls = Int(requests.rounded())
        g.attempts += calls
        g.completed += calls
        g.calls += calls
      } else {
        g.requestsKnown = false
      }
      // Activity per hour: requests (tokens when the export counts none), spread evenly over the bucket's hours
      // inside the period.
      let activity = requests ?? (input + output)
      for h in inside { g.hourly[h, default: 0] += activity / Double(inside.count) }
      groups[workload] = g
    }
  }
}
