import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

@Suite struct CalibrateTests {
  /// Writes `files` into a new folder and returns its path.
  static func folder(_ files: [String: String]) -> String {
    let dir = ReportFolderTests.tempDir().path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try! text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    return dir
  }

  /// Runs calibrate; returns the exit code, the captured output and the out folder.
  static func calibrate(_ args: [String]) -> (ExitCode, Captured, String) {
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    let code = BaseloadCLI.run(["calibrate"] + args + ["--out", out], io: c.io)
    return (code, c, out)
  }

  static func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  /// Data lines of a CSV (no comments), split into cells.
  static func rows(_ text: String) -> [[String]] {
    text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Every figure of the hand-written trace file, computed by hand (see `OTLP.handFile`):
  /// support/cx: T1 (3 calls, 1 failed), T2 (failed task), T3; T4 has no model call. 5 calls, 4 successful.
  /// Tokens: input 1000+500+500+2000+1000 = 5000, cached 400+100+1000 = 1500, output 200+100+100+300+100 = 800,
  /// reasoning 50+100 = 150. Cost at m1's prices: T1 3400+2000+1850 = 7250 µ$, T2 5500 µ$, T3 3000 µ$;
  /// 15750 µ$ over 2 completed tasks = $0.007875.
  @Test func handComputedTraceFile() throws {
    let src = Self.folder(["traces.jsonl": OTLP.handFile])
    let prices = Self.folder(["apis.csv": OTLP.prices])
    let (code, c, out) = Self.calibrate([
      src, "--prices", prices, "--from", "2026-03-02", "--to", "2026-03-02",
    ])
    #expect(code == .ok, "\(c.stderr)")
    let cal = Self.rows(Self.read(out + "/calibration.csv"))
    #expect(
      cal[0] == [
        "workload", "team", "attempts", "completed_tasks", "calls", "failed_calls", "input_tokens",
        "cached_input_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
        "usd_per_completed_task",
      ])
    #expect(
      cal[1] == [
        "support", "cx", "3", "2", "5", "1", "5000", "1500", "800", "150", "0.015750", "0.007875",
      ])
    #expect(cal[2] == ["triage", "ops", "1", "1", "1", "0", "100", "0", "10", "0", "", ""])
    let w = Self.rows(Self.read(out + "/workloads.csv"))
    let header = w[0]
    func cell(_ row: [String], _ column: String) -> String {
      row[header.firstIndex(of: column)!]
    }
    let support = w[1]
    let expected: [String: String] = [
      "id": "support", "team": "cx", "tier": "", "latency": "", "users": "2",
      "user_growth_pct_per_month": "0", "sessions_per_user_per_day": "1",
      "prompts_per_session": "1.5", "calls_per_prompt": "1.3333333333",
      "input_tokens_per_call": "1000", "output_tokens_per_call": "130",
      "reasoning_tokens_per_call": "30", "retry_rate": "0.25", "cache_hit_rate": "0.3",
      "success_rate": "0.6666666667", "profile": "support",
    ]
    for (column, value) in expected { #expect(cell(support, column) == value, "\(column)") }
    // Without user.id: users = attempts per day, one session of one prompt; success from the status.
    #expect(cell(w[2], "users") == "1")
    #expect(cell(w[2], "success_rate") == "1")
    // Per-hour counts: two attempts at 09:00, one at 10:00 (T4 has no model call).
    let usage = Self.rows(Self.read(out + "/usage.csv"))
    #expect(
      usage == [
        ["workload", "hour", "tasks"], ["support", "2026-03-02T09:00:00Z", "2"],
        ["support", "2026-03-02T10:00:00Z", "1"], ["triage", "2026-03-02T11:00:00Z", "1"],
      ])
    let profile = Self.rows(Self.read(out + "/profiles.csv")).filter {
      $0[0] == "support" && $0[3] != "0"
    }
    #expect(profile == [["support", "mon", "9", "2"], ["support", "mon", "10", "1"]])
    let md = Self.read(out + "/calibration.md")
    #expect(md.contains("| traces without a model call (not counted as attempts) | 1 |"))
    #expect(md.contains("| support | cx | `t1` | $0.007250 |"))
    #expect(
      md.contains(
        "| support | cx | 3 | 2 | 5 | 1 | 5000 | 1500 | 800 | 150 | $0.005250 | $0.007875 |"))
    #expect(
      md.contains("Models --prices does not price (their workloads' cost is left empty): `m2`."))
    // check rejects the unmeasured tier and latency until they are filled.
    let input = TestFolder.make([
      "workloads.csv": Self.read(out + "/workloads.csv"),
      "profiles.csv": Self.read(out + "/profiles.csv"),
    ])
    let checked = Captured()
    #expect(BaseloadCLI.run(["check", input], io: checked.io) == .badInput)
    #expect(checked.stderr.contains("tier"))
  }
}

extension CalibrateTests {
  /// A malformed line names its file and line; a wrong attribute type names the span and key; an
  /// unrecognised file names its path; all exit 1 and write nothing.
  @Test func badSourcesAreNamed() {
    let good = OTLP.handFile.split(separator: "\n").map(String.init)
    let src = Self.folder([
      "a.jsonl": good[0] + "\n" + good[1] + "\n{\"resourceSpans\": [\n",
      "b.jsonl": OTLP.line(
        [("service.name", "x")],
        [
          OTLP.span("t9", "r9", name: "task", start: OTLP.at(1)),
          OTLP.span(
            "t9", "c9", parent: "r9", start: OTLP.at(1),
            [("gen_ai.operation.name", "chat"), ("gen_ai.usage.input_tokens", "many")]),
        ]) + "\n",
      "c.txt": "hello\n",
    ])
    let (code, c, out) = Self.calibrate([src])
    #expect(code == .badInput)
    #expect(c.stderr.contains(src + "/a.jsonl:3: not a JSON document"))
    #expect(
      c.stderr.contains(
        src
          + "/b.jsonl:1: span c9 ('call'): attribute gen_ai.usage.input_tokens must be an integer, got a string"
      ))
    #expect(c.stderr.contains(src + "/c.txt: not a format calibrate reads"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Negative token counts and spans ending before they start are counted and reported, not dropped silently.
  @Test func suspectSpansAreCounted() {
    let file =
      OTLP.line(
        [("service.name", "x")],
        [
          OTLP.span("t1", "r1", name: "task", start: OTLP.at(1), end: OTLP.at(0)),
          OTLP.chat("t1", "c1", parent: "r1", start: OTLP.at(1), input: -5, output: 10),
          OTLP.chat("t1", "c2", parent: "r1", start: OTLP.at(1), input: 100, output: 10),
          OTLP.chat("t0", "c0", parent: "gone", start: OTLP.at(1), input: 100, output: 10),
        ]) + "\n"
    let (code, c, out) = Self.calibrate([Self.folder(["t.jsonl": file])])
    #expect(code == .ok, "\(c.stderr)")
    let md = Self.read(out + "/calibration.md")
    #expect(md.contains("| spans with a negative token count (call counted, tokens not) | 1 |"))
    #expect(md.contains("| spans that end before they start (counted as read) | 1 |"))
    #expect(md.contains("| traces without a root span (not counted) | 1 |"))
    #expect(
      Self.rows(Self.read(out + "/calibration.csv"))[1][2...6] == ["1", "1", "2", "0", "100"])
  }
}

extension CalibrateTests {
  /// An independent tester's findings: a root span with no readable start time was read as 1970-01-01 (the
  /// period stretched over 56 years, sessions per user per day 20,000 times too small), and a span delivered
  /// twice (an exporter's retry) counted its calls and tokens twice. Now the first is set aside and counted, the
  /// second read once.
  @Test func aRootWithoutAStartTimeIsSetAsideAndARepeatedSpanCountsOnce() {
    let t1 = OTLP.line(
      [("service.name", "x")],
      [
        OTLP.span("t1", "r1", name: "task", start: OTLP.at(9)),
        OTLP.chat("t1", "c1", parent: "r1", start: OTLP.at(9), input: 100, output: 10),
      ])
    // The same trace's spans again, and a trace whose root start time is ISO text.
    let noStart =
      #"{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"t"},"spans":[{"traceId":"t2","spanId":"r2","parentSpanId":"","name":"task","startTimeUnixNano":"2026-03-02T10:00:00Z","attributes":[],"status":{"code":0}},"#
      + OTLP.chat("t2", "c2", parent: "r2", start: OTLP.at(10), input: 100, output: 10) + "]}]}]}"
    // A root start time of "-1" is no count of nanoseconds either (it stretched the period back to 1969).
    let negative = noStart.replacingOccurrences(of: "\"t2\"", with: "\"t4\"")
      .replacingOccurrences(of: "2026-03-02T10:00:00Z", with: "-1")
      .replacingOccurrences(of: "\"r2\"", with: "\"r4\"").replacingOccurrences(
        of: "\"c2\"", with: "\"c4\"")
    // And a trace with a second root a day later: the first root's day stands.
    let twoRoots = OTLP.line(
      [("service.name", "x")],
      [
        OTLP.span("t3", "r3", name: "task", start: OTLP.at(11)),
        OTLP.chat("t3", "c3", parent: "r3", start: OTLP.at(11), input: 100, output: 10),
        OTLP.span("t3", "r3b", name: "task", start: OTLP.at(35)),
      ])
    let file = [t1, t1, noStart, negative, twoRoots].joined(separator: "\n") + "\n"
    let (code, c, out) = Self.calibrate([Self.folder(["t.jsonl": file])])
    #expect(code == .ok, "\(c.stderr)")
    let md = Self.read(out + "/calibration.md")
    #expect(md.contains("Period 2026-03-02 to 2026-03-02 UTC (1 days)."), "\(md.prefix(200))")
    #expect(md.contains("| traces whose root span has no readable start time (not counted) | 2 |"))
    #expect(md.contains("| spans read again with an id already seen (counted once) | 2 |"))
    #expect(md.contains("| traces with more than one root span (the first read kept) | 1 |"))
    // Two attempts (t1, t3), one call each, 100 input tokens each: the copies added nothing.
    let rows = Self.rows(Self.read(out + "/calibration.csv"))
    #expect(rows.count == 2)
    #expect(rows[1][2...6] == ["2", "2", "2", "0", "200"], "\(rows)")
  }

  /// OpenAI organization usage (completions), hourly buckets, one page: proj_a has 10 + 5 requests,
  /// input 10000 + 6000 (cached 2000 + 1000), output 3000 + 1000; its batch requests are their own workload.
  static let openAIPage = """
    {"object":"page","data":[{"object":"bucket","start_time":\(OTLP.monday + 9 * 3600),"end_time":\(OTLP.monday + 10 * 3600),"results":[{"object":"organization.usage.completions.result","input_tokens":10000,"input_cached_tokens":2000,"output_tokens":3000,"num_model_requests":10,"project_id":"proj_a","user_id":null,"api_key_id":null,"model":"m1","batch":false},{"object":"organization.usage.completions.result","input_tokens":5000,"input_cached_tokens":0,"output_tokens":1000,"num_model_requests":5,"project_id":"proj_a","model":"m1","batch":true}]},{"object":"bucket","start_time":\(OTLP.monday + 10 * 3600),"end_time":\(OTLP.monday + 11 * 3600),"results":[{"object":"organization.usage.completions.result","input_tokens":6000,"input_cached_tokens":1000,"output_tokens":1000,"num_model_requests":5,"project_id":"proj_a","model":"m1","batch":false}]}],"has_more":false,"next_page":null}

    """

  @Test func openAIUsageExport() {
    let (code, c, out) = Self.calibrate([
      Self.folder(["usage.json": Self.openAIPage]), "--prices",
      Self.folder(["apis.csv": OTLP.prices]),
    ])
    #expect(code == .ok, "\(c.stderr)")
    let cal = Self.rows(Self.read(out + "/calibration.csv"))
    // Cost: (13000 × $2 + 3000 × $0.5 + 4000 × $10) / 1e6 = $0.0675; batch (5000 × 2 + 1000 × 10) / 1e6.
    #expect(
      cal[1] == ["proj_a", "", "15", "", "15", "0", "16000", "3000", "4000", "0", "0.067500", ""])
    #expect(
      cal[2] == ["proj_a-batch", "", "5", "", "5", "0", "5000", "0", "1000", "0", "0.020000", ""])
    let w = Self.rows(Self.read(out + "/workloads.csv"))
    let h = w[0]
    let row = Dictionary(uniqueKeysWithValues: zip(h, w[1]))
    #expect(row["users"] == "15")
    #expect(row["calls_per_prompt"] == "1")
    #expect(row["input_tokens_per_call"] == "1066.6666666667")
    #expect(row["output_tokens_per_call"] == "266.6666666667")
    #expect(row["cache_hit_rate"] == "0.1875")
    #expect(row["success_rate"] == "")
    #expect(Self.read(out + "/workloads.csv").contains("success_rate is left at its default"))
    #expect(
      Self.rows(Self.read(out + "/usage.csv")) == [
        ["workload", "hour", "tasks"], ["proj_a", "2026-03-02T09:00:00Z", "10"],
        ["proj_a", "2026-03-02T10:00:00Z", "5"], ["proj_a-batch", "2026-03-02T09:00:00Z", "5"],
      ])
  }

  /// Valid files an independent tester found refused (exit 1): JSON Lines starting with a UTF-8 byte order mark,
  /// and Anthropic bucket times with fractional seconds. Each reads as its plain twin.
  @Test func aByteOrderMarkAndFractionalSecondsAreRead() {
    let plain = Self.calibrate([Self.folder(["t.jsonl": OTLP.handFile])])
    let marked = Self.calibrate([Self.folder(["t.jsonl": "\u{FEFF}" + OTLP.handFile])])
    #expect(marked.0 == .ok, "\(marked.1.stderr)")
    #expect(
      Self.rows(Self.read(marked.2 + "/calibration.csv"))
        == Self.rows(Self.read(plain.2 + "/calibration.csv")))
    #expect(Self.rows(Self.read(plain.2 + "/calibration.csv")).count > 1)
    let bucket =
      #"{"data":[{"starting_at":"2026-03-02T00:00:00.000Z","ending_at":"2026-03-03T00:00:00.000Z","results":[{"uncached_input_tokens":7000,"cache_read_input_tokens":2000,"output_tokens":2000,"workspace_id":"wrk_1","model":"m1"}]}],"has_more":false}"#
    let (code, c, out) = Self.calibrate([Self.folder(["report.json": bucket + "\n"])])
    #expect(code == .ok, "\(c.stderr)")
    #expect(Self.read(out + "/calibration.md").contains("Period 2026-03-02 to 2026-03-02 UTC"))
    #expect(Self.rows(Self.read(out + "/calibration.csv"))[1][6...8] == ["9000", "2000", "2000"])
  }

  /// A daily bucket at local midnight (+02:00) straddles --from: 22 of its 24 hours are inside the period and
  /// count, in proportion (an independent tester's report lost the whole bucket: users 20.57 where 23.71 is
  /// right). Seven buckets of 2,400 input tokens, 100 a call by the template: 6 × 24 + 22 = 166 calls in 7 days.
  @Test func aBucketPartlyInsideThePeriodCountsInProportion() {
    let buckets = (2...8).map { d in
      #"{"starting_at":"2026-03-0\#(d)T00:00:00+02:00","ending_at":"2026-03-0\#(d + 1)T00:00:00+02:00","results":[{"uncached_input_tokens":2400,"cache_read_input_tokens":0,"output_tokens":240,"workspace_id":"ws","model":"m1"}]}"#
    }
    let report = #"{"data":["# + buckets.joined(separator: ",") + #"],"has_more":false}"# + "\n"
    let template = Self.folder([
      "workloads.csv": TestFolder.workloadHeader + "\nws,mid,batch,1,1,1,1,100,10,flat\n"
    ])
    let (code, c, out) = Self.calibrate([
      Self.folder(["report.json": report]), "--template", template, "--from", "2026-03-02",
      "--to", "2026-03-08",
    ])
    #expect(code == .ok, "\(c.stderr)")
    let w = Self.rows(Self.read(out + "/workloads.csv"))
    let row = Dictionary(uniqueKeysWithValues: zip(w[0], w[1]))
    #expect(Double(row["users"] ?? "").map { abs($0 - 166.0 / 7) < 1e-9 } == true, "\(row)")
    #expect(
      Self.read(out + "/calibration.md").contains(
        "| export buckets partly inside --from/--to (their hours inside counted, totals in proportion) | 1 |"
      ))
  }

  /// Attempts doubling every week fit 2^(30.44/7) − 1 ≈ 1,940% a month, beyond the sheet's 1,000%: the cell
  /// is capped and the note says so (an independent tester found it capped silently).
  @Test func aGrowthBeyondTheSheetsRangeIsCappedWithANote() {
    var spans: [String] = []
    for week in 0..<5 {
      for i in 0..<(1 << week) {
        let t = "w\(week)i\(i)"
        let start = OTLP.at(Int64(week * 7 * 24 + 9))
        spans.append(OTLP.span(t, "r", name: "task", start: start))
        spans.append(OTLP.chat(t, "c", parent: "r", start: start, input: 100, output: 10))
      }
    }
    let (code, c, out) = Self.calibrate([
      Self.folder(["t.jsonl": OTLP.line([("service.name", "svc")], spans) + "\n"])
    ])
    #expect(code == .ok, "\(c.stderr)")
    let sheet = Self.read(out + "/workloads.csv")
    let w = Self.rows(sheet)
    #expect(
      Dictionary(uniqueKeysWithValues: zip(w[0], w[1]))["user_growth_pct_per_month"] == "1000")
    #expect(sheet.contains("# svc: user_growth_pct_per_month fitted at 19"), "\(sheet)")
    #expect(sheet.contains(", capped at 1000"))
  }

  /// Batch requests are priced at the offer's batch discount (an independent tester found them at list): 50%
  /// off makes proj_a-batch (5000 × $2 + 1000 × $10) / 1e6 × 0.5 = $0.0100; proj_a is not batch, $0.0675.
  @Test func openAIBatchRequestsGetTheBatchDiscount() {
    let prices =
      "id,vendor,model,tiers,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct\nm1-api,V,m1,mid,2,0.5,10,50\n"
    let (code, c, out) = Self.calibrate([
      Self.folder(["usage.json": Self.openAIPage]), "--prices", Self.folder(["apis.csv": prices]),
    ])
    #expect(code == .ok, "\(c.stderr)")
    let cal = Self.rows(Self.read(out + "/calibration.csv"))
    #expect(cal[1][0] == "proj_a" && cal[1][10] == "0.067500")
    #expect(cal[2][0] == "proj_a-batch" && cal[2][10] == "0.010000", "\(cal)")
  }

  /// Anthropic usage report, one daily bucket, pretty-printed over several lines: input = 7000 uncached
  /// + 2000 cache reads + 1000 cache writes. The report counts no requests: the template's 500 input
  /// tokens per call make 20 calls; tier and latency come from the template, so check accepts the sheets.
  @Test func anthropicUsageReportWithTemplate() {
    let report = """
      {
        "data": [
          {
            "starting_at": "2026-03-02T00:00:00Z",
            "ending_at": "2026-03-03T00:00:00Z",
            "results": [
              {
                "uncached_input_tokens": 7000,
                "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 1000},
                "cache_read_input_tokens": 2000,
                "output_tokens": 2000,
                "server_tool_use": {"web_search_requests": 0},
                "api_key_id": null,
                "workspace_id": "wrk_1",
                "model": "m1",
                "service_tier": "standard",
                "context_window": "0-200k"
              }
            ]
          }
        ],
        "has_more": false,
        "next_page": null
      }

      """
    let template = Self.folder([
      "workloads.csv": TestFolder.workloadHeader + "\nwrk_1,mid,batch,1,1,1,1,500,50,flat\n"
    ])
    let (code, c, out) = Self.calibrate([
      Self.folder(["report.json": report]), "--template", template, "--prices",
      Self.folder(["apis.csv": OTLP.prices]),
    ])
    #expect(code == .ok, "\(c.stderr)")
    let cal = Self.rows(Self.read(out + "/calibration.csv"))
    // (8000 × $2 + 2000 × $0.5 + 2000 × $10) / 1e6 = $0.037.
    #expect(cal[1] == ["wrk_1", "", "", "", "", "", "10000", "2000", "2000", "0", "0.037000", ""])
    let w = Self.rows(Self.read(out + "/workloads.csv"))
    let row = Dictionary(uniqueKeysWithValues: zip(w[0], w[1]))
    #expect(row["tier"] == "mid")
    #expect(row["latency"] == "batch")
    #expect(row["users"] == "20")
    #expect(row["input_tokens_per_call"] == "500")
    #expect(row["output_tokens_per_call"] == "100")
    #expect(row["cache_hit_rate"] == "0.2")
    // A daily bucket gives a daily profile: every hour of that Monday weighs 12000 tokens / 24.
    let weights = Self.rows(Self.read(out + "/profiles.csv")).filter { $0[1] == "mon" }.map {
      $0[3]
    }
    #expect(weights == [String](repeating: "500", count: 24))
    #expect(Self.read(out + "/workloads.csv").contains("daily buckets: the profile is daily"))
    let input = TestFolder.make([
      "workloads.csv": Self.read(out + "/workloads.csv"),
      "profiles.csv": Self.read(out + "/profiles.csv"),
    ])
    let checked = Captured()
    #expect(BaseloadCLI.run(["check", input], io: checked.io) == .ok, "\(checked.stderr)")
  }
}

extension CalibrateTests {
  /// Round trip: traces drawn from a workloads.csv calibrate back to it within sampling error (about 2,800
  /// attempts and 6,000 calls over four weeks).
  @Test func tracesFromAWorkloadCalibrateBackToIt() throws {
    let truth = TestFolder.make([
      "workloads.csv":
        "id,team,tier,latency,users,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,profile\n"
        + "agent,ops,mid,standard,20,1,5,2,1000,200,50,0.1,0.4,0.8,office\n",
      "profiles.csv":
        "profile,day,hour,weight\noffice,weekday,*,1\noffice,weekday,10,5\noffice,weekend,*,0.2\n",
    ])
    let input = try InputLoader.load(folder: truth)
    let first = Calibration.dayNumber("2026-03-02")!
    let generator = TraceGenerator(
      flows: TraceGenerator.flows(input), firstDay: first, days: 28, seed: 7)
    var text = ""
    let totals = generator.generate { text += $0 }
    #expect(totals.traces > 2500)
    let (code, c, out) = Self.calibrate([
      Self.folder(["traces.jsonl": text]), "--template", truth,
    ])
    #expect(code == .ok, "\(c.stderr)")
    let w = Self.rows(Self.read(out + "/workloads.csv"))
    let row = Dictionary(uniqueKeysWithValues: zip(w[0], w[1]))
    func value(_ column: String) -> Double { Double(row[column] ?? "") ?? .nan }
    func near(_ column: String, _ expected: Double, _ tolerance: Double) {
      #expect(abs(value(column) - expected) <= tolerance, "\(column) \(value(column))")
    }
    #expect(row["tier"] == "mid")
    #expect(row["team"] == "ops")
    // Attempts per day = users × sessions × prompts = 100.
    let perDay =
      value("users") * value("sessions_per_user_per_day") * value("prompts_per_session")
    #expect(abs(perDay - 100) <= 5, "\(perDay)")
    near("calls_per_prompt", 2, 0)
    near("input_tokens_per_call", 1000, 20)
    near("output_tokens_per_call", 200, 6)
    near("reasoning_tokens_per_call", 50, 2.5)
    near("retry_rate", 0.1, 0.02)
    near("cache_hit_rate", 0.4, 0.005)
    near("success_rate", 0.8, 0.03)
    near("user_growth_pct_per_month", 0, 10)
    // The profile's busiest hour is the weekday 10:00 of the truth (5 against 1).
    let profile = Self.rows(Self.read(out + "/profiles.csv")).dropFirst()
    let busiest = profile.max { Double($0[3])! < Double($1[3])! }!
    #expect(busiest[2] == "10" && !["sat", "sun"].contains(busiest[1]))
  }
}

extension CalibrateTests {
  /// The JSON parser calibrate uses instead of Foundation's: RFC 8259 values, escapes, and refusals.
  @Test func jsonParser() {
    func parse(_ s: String) -> JSONValue? { JSONValue.parse(Array(s.utf8)) }
    #expect(
      parse(#" {"a": [1, -2.5e1, "x\"\u00e9\ud83d\ude00\n", true, null], "b": {}} "#)
        == .object([
          JSONMember(
            key: "a",
            value: .array([.int(1), .double(-25), .string("x\"é😀\n"), .bool(true), .null])),
          JSONMember(key: "b", value: .object([])),
        ]))
    #expect(parse("12345678901234567890") == .double(1.2345678901234567e19))
    for bad in [
      "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u{1}\"", "\"\\x\"", "tru", "[1] 2",
      "\"\\ud800\"",
    ] {
      #expect(parse(bad) == nil, "\(bad)")
    }
  }
}

extension CalibrateTests {
  /// --out follows the report-folder rules: a folder holding a file Baseload did not write is refused (exit 2)
  /// and left as it was; so is the source folder itself. A later run replaces its own output.
  @Test func outFolderRules() throws {
    let src = Self.folder(["traces.jsonl": OTLP.handFile])
    let foreign = Self.folder(["notes.txt": "mine"])
    let c = Captured()
    #expect(BaseloadCLI.run(["calibrate", src, "--out", foreign], io: c.io) == .usage)
    #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["notes.txt"])
    #expect(BaseloadCLI.run(["calibrate", src, "--out", src], io: c.io) == .usage)
    #expect(c.stderr.contains("will not write to \(src): it is the input folder"))
    // A source file named as --out is refused as what it is (it was called "the input folder").
    let file = Captured()
    let trace = src + "/traces.jsonl"
    #expect(BaseloadCLI.run(["calibrate", trace, "--out", trace], io: file.io) == .usage)
    #expect(
      file.stderr.contains("will not write to \(trace): it is an input file"), "\(file.stderr)")
    #expect(
      BaseloadCLI.run(["calibrate", src + "/absent.jsonl", "--out", foreign], io: c.io) == .usage)
    let (code, _, out) = Self.calibrate([src])
    #expect(code == .ok)
    #expect(BaseloadCLI.run(["calibrate", src, "--out", out], io: c.io) == .ok)
    #expect(Self.read(out + "/.baseload-report").contains("calibration.md\n"))
  }
}

extension CalibrateTests {
  /// The attribute options choose what names a workload and an outcome; a single OTLP document written over
  /// several lines is read as one.
  @Test func attributeOptionsAndASingleDocument() {
    let lines = OTLP.handFile.split(separator: "\n").map(String.init)
    // The third line (T2, T3, T4) as one pretty-printed document.
    let pretty = lines[2].replacingOccurrences(of: ",", with: ",\n  ")
    let (code, c, out) = Self.calibrate([
      Self.folder(["one.json": pretty]), "--workload-attribute", "team.name", "--team-attribute",
      "none", "--outcome-attribute", "user.id",
    ])
    #expect(code == .ok, "\(c.stderr)")
    // Workload = team.name (cx), no team; outcome `completed` never matches user.id, so no task completes.
    #expect(
      Self.rows(Self.read(out + "/calibration.csv"))[1] == [
        "cx", "", "2", "0", "2", "0", "3000", "1000", "400", "100", "", "",
      ])
  }
}

extension CalibrateTests {
  /// What calibrate writes, check accepts (an independent tester found three ways it did not): ids that come out
  /// alike are made distinct (workload `a` of teams `b` and `c` beside a workload `a-b`), a line break in a
  /// measured name becomes a space, and a workload whose every call failed is said to have no calls.
  @Test func theSheetsWrittenAreSheetsCheckAccepts() throws {
    func trace(_ t: String, _ service: String, team: String?, status: Int = 0) -> String {
      let start = OTLP.at(9)
      var resource: [(String, Any)] = [("service.name", service)]
      if let team { resource.append(("team.name", team)) }
      return OTLP.line(
        resource,
        [
          OTLP.span(t, "r", name: "task", start: start),
          OTLP.chat(t, "c", parent: "r", start: start, input: 100, output: 10, status: status),
        ])
    }
    let file =
      [
        trace("t1", "a", team: "b"), trace("t2", "a", team: "c"), trace("t3", "a-b", team: nil),
        trace("t4", "line\\nbreak", team: nil), trace("t5", "allfail", team: nil, status: 2),
      ].joined(separator: "\n") + "\n"
    let (code, c, out) = Self.calibrate([Self.folder(["t.jsonl": file])])
    #expect(code == .ok, "\(c.stderr)")
    let sheet = Self.read(out + "/workloads.csv")
    let w = Self.rows(sheet)
    let rows = w.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(w[0], $0)) }
    let ids = rows.compactMap { $0["id"] }
    #expect(Set(ids).count == ids.count, "\(ids)")
    #expect(Set(ids) == ["a-b", "a-c", "a-b-2", "line_break", "allfail"])
    #expect(sheet.contains("# a-b-2: its id would be 'a-b', which an earlier row has"))
    #expect(rows.first { $0["id"] == "line_break" }?["name"] == "line break")
    #expect(sheet.contains("# allfail: every one of its 1 model calls failed"))
    // Filled in as the note asks, the sheets pass check.
    let filled =
      sheet.split(separator: "\n")
      .map { line -> String in
        guard !line.hasPrefix("#"), !line.hasPrefix("id,") else { return String(line) }
        var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[w[0].firstIndex(of: "tier")!] = "mid"
        cells[w[0].firstIndex(of: "latency")!] = "standard"
        return cells.joined(separator: ",")
      }.joined(separator: "\n") + "\n"
    let folder = Self.folder([
      "workloads.csv": filled, "profiles.csv": Self.read(out + "/profiles.csv"),
      "apis.csv": TestFolder.apiHeader + "\napi,V,mid,1,2\n",
      "plan.csv": "key,value\nstart,2027-01\nmonths,1\n",
    ])
    let checked = Captured()
    #expect(
      BaseloadCLI.run(["check", folder], io: checked.io) == .ok,
      "\(checked.stdout)\(checked.stderr)")
  }

  /// An --out folder inside the source folder is Baseload's output, not a source: a second run does not read the
  /// first one's sheets (it exited 1 on them).
  @Test func anOutputInsideTheSourceIsNotReadBack() {
    let src = Self.folder(["t.jsonl": OTLP.handFile])
    for _ in 0..<2 {
      let c = Captured()
      #expect(
        BaseloadCLI.run(["calibrate", src, "--out", src + "/calibrated"], io: c.io) == .ok,
        "\(c.stderr)")
    }
  }
}

extension CalibrateTests {
  /// An intValue that is no 64-bit integer is named as such, not as "an array, map or bytes".
  @Test func aBadIntValueIsNamedAsWritten() {
    let span = OTLP.span(
      "t1", "c1", parent: "r1", start: OTLP.at(1),
      [("gen_ai.operation.name", "chat"), ("gen_ai.usage.input_tokens", 12)]
    ).replacingOccurrences(of: #""intValue":"12""#, with: #""intValue":"12x""#)
    let src = Self.folder([
      "t.jsonl": OTLP.line(
        [("service.name", "s")], [OTLP.span("t1", "r1", name: "task", start: OTLP.at(1)), span])
        + "\n"
    ])
    let (code, c, _) = Self.calibrate([src])
    #expect(code == .badInput)
    #expect(
      c.stderr.contains(
        "attribute gen_ai.usage.input_tokens must be an integer, got intValue \"12x\", which is no 64-bit integer"
      ), "\(c.stderr)")
  }
}
