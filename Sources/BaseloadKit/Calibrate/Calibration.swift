import Foundation

/// The result of `baseload calibrate`: one measured row per workload and team, ready to write as sheets.
public struct Calibration: Sendable {
  public var reading: CalibrationReading
  public var options: CalibrationOptions
  /// Whether `--prices` was given (cost columns are empty without it).
  public var priced: Bool
  /// First and last UTC day of the period (days since 1970-01-01).
  public var firstDay: Int64
  public var lastDay: Int64
  /// `--template`'s workloads.csv: id → column → cell text.
  public var template: [String: [String: String]]
  public var rows: [CalibratedWorkload] = []

  public var days: Int64 { lastDay - firstDay + 1 }

  /// Measured rows from a reading.
  public init(
    reading: CalibrationReading, options: CalibrationOptions, priced: Bool,
    template: [String: [String: String]]
  ) {
    self.reading = reading
    self.options = options
    self.priced = priced
    self.template = template
    let hours = reading.groups.flatMap { $0.hourly.keys }
    let first = options.fromDay ?? hours.min().map { Self.day(ofHour: $0) } ?? 0
    let last = options.toDay ?? hours.max().map { Self.day(ofHour: $0) } ?? first
    firstDay = first
    lastDay = max(first, last)
    let workloadTeams = Dictionary(
      grouping: reading.groups.filter { $0.attempts > 0 || !$0.requestsKnown }, by: \.workload)
    var taken = Set<String>()
    for g in reading.groups where g.attempts > 0 || (!g.requestsKnown && g.buckets > 0) {
      let shared = (workloadTeams[g.workload]?.count ?? 1) > 1
      // Two groups whose ids come out alike (workload `a` of team `b` and a workload `a-b`; `a;b` and `a_b`)
      // get distinct ids, so that check accepts the sheets; the note says which was renamed.
      let wanted = Self.id(g, shared: shared)
      var id = wanted
      var n = 1
      while taken.contains(id.lowercased()) {
        n += 1
        let suffix = "-\(n)"
        id = wanted
        while IDRules.problem(id + suffix) != nil, !id.isEmpty { id.removeLast() }
        id += suffix
      }
      taken.insert(id.lowercased())
      var row = CalibratedWorkload(g, id: id, calibration: self)
      if id != wanted {
        row.notes.append("\(id): its id would be '\(wanted)', which an earlier row has")
      }
      rows.append(row)
    }
  }

  /// The UTC day of an hour index (hours since 1970).
  static func day(ofHour h: Int64) -> Int64 { h >= 0 ? h / 24 : (h - 23) / 24 }

  /// Monday = 0 … Sunday = 6 of a day since 1970 (a Thursday).
  static func weekday(_ day: Int64) -> Int { Int(((day + 3) % 7 + 7) % 7) }

  /// A sheet id for a group: the workload, or `workload-team` when several teams share it; list syntax and
  /// excess length made safe.
  static func id(_ g: GroupMeasure, shared: Bool) -> String {
    var id = shared && !g.team.isEmpty ? g.workload + "-" + g.team : g.workload
    id = String(id.map { $0 == ";" || $0 == "*" || $0.isNewline ? "_" : $0 })
    if id.isEmpty { id = "unnamed" }
    while IDRules.problem(id) != nil { id.removeLast() }
    return id
  }

  /// `YYYY-MM-DD` of a day since 1970.
  static func date(_ day: Int64) -> String {
    let d = Date(timeIntervalSince1970: Double(day) * 86_400)
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let c = cal.dateComponents([.year, .month, .day], from: d)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }

  /// `YYYY-MM-DDTHH:00:00Z` of an hour since 1970.
  static func hourStamp(_ hour: Int64) -> String {
    let day = day(ofHour: hour)
    return date(day) + String(format: "T%02d:00:00Z", Int(hour - day * 24))
  }

  /// Day number of `YYYY-MM-DD`, or nil.
  public static func dayNumber(_ text: String) -> Int64? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]),
      let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    guard let date = cal.date(from: DateComponents(year: y, month: m, day: d)),
      cal.component(.day, from: date) == d
    else { return nil }
    return Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
  }

  /// Compounded growth per month, percent, fitted log-linearly on full weekly totals; 0 with fewer than four.
  /// Not capped (the caller caps it to the sheet's range and says so).
  static func growth(_ hourly: [Int64: Double], firstDay: Int64, days: Int64) -> Double {
    let weeks = Int(days / 7)
    guard weeks >= 4 else { return 0 }
    var totals = [Double](repeating: 0, count: weeks)
    for (h, v) in hourly {
      let w = Int((day(ofHour: h) - firstDay) / 7)
      if w >= 0 && w < weeks { totals[w] += v }
    }
    let points = totals.enumerated().filter { $0.element > 0 }.map {
      (Double($0.offset), log($0.element))
    }
    guard points.count >= 4 else { return 0 }
    let n = Double(points.count)
    let mx = points.map(\.0).reduce(0, +) / n
    let my = points.map(\.1).reduce(0, +) / n
    let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    let sxy = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
    let slope = sxy / sxx
    return (exp(slope * 365.25 / 12 / 7) - 1) * 100
  }
}

/// One measured row of `workloads.csv`, with its provenance and what was not measured.
public struct CalibratedWorkload: Sendable {
  public var id: String
  public var measure: GroupMeasure
  /// Column → cell text; absent columns are written empty.
  public var cells: [String: String] = [:]
  /// Comment lines written above the row.
  public var notes: [String] = []
  /// Hour-of-week weights (168, Monday 00:00 first).
  public var weights: [Double] = []

  init(_ g: GroupMeasure, id: String, calibration c: Calibration) {
    self.id = id
    measure = g
    let tpl = c.template[id] ?? [:]
    let days = Double(c.days)
    func num(_ v: Double) -> String { Format.plain(v) }
    cells["id"] = id
    // A cell holds one line: a line break in a measured name becomes a space.
    func oneLine(_ s: String) -> String {
      String(s.map { $0.isNewline ? " " : $0 })
    }
    cells["name"] = oneLine(tpl["name"] ?? g.workload)
    cells["team"] = oneLine(g.team.isEmpty ? (tpl["team"] ?? "") : g.team)
    for column in ["tier", "latency", "region", "human_cost_per_failure", "defer_hours"] {
      if let v = tpl[column] { cells[column] = v }
    }
    let files = g.files.sorted().map { ($0 as NSString).lastPathComponent }.joined(separator: "; ")
    let period = "\(Calibration.date(c.firstDay))..\(Calibration.date(c.lastDay)) (\(c.days) days)"
    switch g.kind {
    case .traces:
      notes.append(
        "\(id): measured from \(g.attempts) traces (\(g.calls) model calls) in \(files), \(period)")
    case .openAI, .anthropic:
      notes.append(
        "\(id): measured from \(g.buckets) \(g.dailyBuckets ? "daily" : "hourly") buckets of the \(g.kind.rawValue) in \(files), \(period)"
      )
    }
    if tpl["tier"] == nil || tpl["latency"] == nil {
      notes.append(
        "\(id): tier and latency are not measured: fill them in (check rejects the empty cells) or pass --template"
      )
    }
    var calls = Double(g.calls)
    if !g.requestsKnown {
      notes.append("\(id): usage.csv has no rows for it: the report counts no requests per hour")
      if let t = tpl["input_tokens_per_call"].flatMap(PlainDecimal.value), t > 0 {
        calls = g.inputTokens / t
        notes.append(
          "\(id): the Anthropic report counts no requests; calls = input tokens / the template's input_tokens_per_call (\(num(t)))"
        )
      } else {
        calls = 0
        notes.append(
          "\(id): the Anthropic report counts no requests: users and tokens per call are left empty (check rejects them) unless --template gives input_tokens_per_call"
        )
      }
    }
    if calls > 0 {
      cells["input_tokens_per_call"] = num(g.inputTokens / calls)
      cells["output_tokens_per_call"] = num((g.outputTokens - g.reasoningTokens) / calls)
      cells["reasoning_tokens_per_call"] = num(g.reasoningTokens / calls)
    }
    cells["cache_hit_rate"] = num(g.inputTokens > 0 ? g.cachedInputTokens / g.inputTokens : 0)
    switch g.kind {
    case .traces:
      let ok = Double(g.successfulCalls)
      let retry = ok > 0 ? Double(g.failedCalls) / ok : 0
      if retry > 10 { notes.append("\(id): retry rate \(num(retry)) capped at 10") }
      if ok == 0 && g.failedCalls > 0 {
        notes.append(
          "\(id): every one of its \(g.failedCalls) model calls failed: calls_per_prompt and retry_rate come out 0, so a plan from this row has no calls; fill in the calls a successful prompt would take"
        )
      }
      cells["retry_rate"] = num(min(10, retry))
      cells["calls_per_prompt"] = num(ok / Double(g.attempts))
      cells["success_rate"] = num(Double(g.completed) / Double(g.attempts))
      let attempts = Double(g.attempts)
      if g.attemptsWithUser == g.attempts {
        let users = Double(g.users.count)
        let sessions =
          g.attemptsWithSession == g.attempts ? Double(g.sessions.count) : attempts
        cells["users"] = num(users)
        cells["sessions_per_user_per_day"] = num(sessions / users / days)
        cells["prompts_per_session"] = num(attempts / sessions)
        if g.attemptsWithSession != g.attempts {
          notes.append("\(id): not every attempt names session.id: one session per attempt")
        }
      } else {
        cells["users"] = num(attempts / days)
        cells["sessions_per_user_per_day"] = "1"
        cells["prompts_per_session"] = "1"
        notes.append(
          "\(id): not every attempt names user.id: users = mean attempts per day, with 1 session of 1 prompt"
        )
      }
    case .openAI, .anthropic:
      cells["calls_per_prompt"] = "1"
      cells["retry_rate"] = "0"
      if calls > 0 {
        cells["users"] = num(calls / days)
        cells["sessions_per_user_per_day"] = "1"
        cells["prompts_per_session"] = "1"
      }
      notes.append(
        "\(id): a usage export has no task structure: a request is a task (calls_per_prompt 1, users = requests per day), retries are not seen, success_rate is left at its default"
      )
      if g.dailyBuckets {
        notes.append(
          "\(id): daily buckets: the profile is daily (each hour of a day weighs the same)")
      }
    }
    // The sheet's range: a fit beyond it is capped, and the note says so (it was capped silently).
    let fitted = Calibration.growth(g.hourly, firstDay: c.firstDay, days: c.days)
    let growth = min(1000, max(-99.99, fitted))
    if growth != fitted {
      notes.append(
        "\(id): user_growth_pct_per_month fitted at \(num(fitted)), capped at \(num(growth))")
    }
    cells["user_growth_pct_per_month"] = num(growth)
    cells["profile"] = id
    // Hour-of-week weights: activity in each hour of week over the number of times it occurs in the period.
    var activity = [Double](repeating: 0, count: 168)
    for (h, v) in g.hourly {
      let d = Calibration.day(ofHour: h)
      activity[Calibration.weekday(d) * 24 + Int(h - d * 24)] += v
    }
    var occurrences = [Double](repeating: 0, count: 168)
    for d in c.firstDay...c.lastDay {
      for hour in 0..<24 { occurrences[Calibration.weekday(d) * 24 + hour] += 1 }
    }
    weights = (0..<168).map { occurrences[$0] > 0 ? activity[$0] / occurrences[$0] : 0 }
  }
}
