import Foundation

@testable import BaseloadKit

/// One generated bad input: an example folder with one mutation, and where the first diagnostic
/// of `check` must point.
struct BadInput: CustomStringConvertible {
  /// What was done, e.g. `workloads.csv users = nan`.
  var name: String
  /// Sheet file name → bytes; a sheet absent here is absent from the folder.
  var sheets: [String: Data]
  /// Something put in a sheet's place instead of bytes.
  var replacement: (sheet: String, kind: Replacement)?
  var file: String
  var line: Int
  var column: Int

  enum Replacement { case danglingLink, linkLoop, directory, pipe, unreadable }

  var description: String { "\(name) → \(file):\(line):\(column)" }

  /// Writes `data` at `path` with plain C calls (Foundation's `Data.write` costs milliseconds a file
  /// here, and the corpus writes thousands).
  static func put(_ data: Data, _ path: String) {
    guard let f = fopen(path, "wb") else { return }
    data.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
  }

  /// Writes the folder under a fresh temporary directory and returns its path.
  func write() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseload-corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (sheet, data) in sheets { Self.put(data, dir.appendingPathComponent(sheet).path) }
    if let (sheet, kind) = replacement {
      let path = dir.appendingPathComponent(sheet).path
      try? FileManager.default.removeItem(atPath: path)
      switch kind {
      case .danglingLink:
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "nowhere.csv")
      case .linkLoop:
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: sheet)
      case .directory:
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      case .pipe:
        mkfifo(path, 0o644)
      case .unreadable:
        Self.put(sheets[sheet, default: Data()], path)
        chmod(path, 0)
      }
    }
    return dir.path
  }
}

/// Generates bad inputs from the example folders the way a fuzzer would mutate them: every numeric
/// column with NaN, inf, huge, tiny, negative, hex, separated digits and empty; every id column
/// with duplicates, unknown references, reserved characters, overlong text, NUL and line breaks;
/// every sheet missing, empty, header-only, unreadable, a folder, a pipe, non-UTF-8, with control
/// characters, ragged rows and empty header names. Each case expects exit 1 and names the cell.
enum BadInputCorpus {
  /// A sheet as lines (the examples hold no quoted cells), with its header and data rows found.
  struct Sheet {
    var name: String
    var lines: [String]
    /// 0-based index of the header line.
    var header: Int { lines.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty }! }
    var columns: [String] { cells(header) }
    /// 0-based line indices of the data rows.
    var rows: [Int] {
      lines.indices.filter { $0 > header && !lines[$0].hasPrefix("#") && !lines[$0].isEmpty }
    }
    func cells(_ i: Int) -> [String] {
      lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    /// 1-based column of cell `c` on line index `i`.
    func column(_ i: Int, _ c: Int) -> Int {
      1 + cells(i).prefix(c).map { $0.count + 1 }.reduce(0, +)
    }
    var text: String { lines.joined(separator: "\n") }
  }

  /// The sheets of `Inputs/<example>/`.
  static func example(_ name: String) -> [String: Sheet] {
    let dir = TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)")
    var out: [String: Sheet] = [:]
    for file in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    where file.hasSuffix(".csv") {
      let text = try! String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      out[file] = Sheet(name: file, lines: text.components(separatedBy: "\n"))
    }
    return out
  }

  /// Numeric columns by sheet, and those that may be left empty (a default applies).
  static let numeric: [String: [String]] = [
    "workloads.csv": [
      "users", "user_growth_pct_per_month", "sessions_per_user_per_day", "prompts_per_session",
      "calls_per_prompt", "input_tokens_per_call", "output_tokens_per_call",
      "reasoning_tokens_per_call", "retry_rate", "cache_hit_rate", "success_rate",
      "human_cost_per_failure", "defer_hours",
    ],
    "apis.csv": [
      "usd_per_mtok_input", "usd_per_mtok_cached_input", "usd_per_mtok_output",
      "batch_discount_pct", "rate_limit_tpm",
    ],
    "capacity.csv": [
      "usd_per_unit_hour", "term_months", "min_units", "unit_step", "max_units",
      "input_tok_per_s_per_unit", "output_tok_per_s_per_unit", "cached_input_weight",
    ],
    "commitments.csv": ["discount_pct", "term_months"],
    "contracts.csv": ["units"],
    "quality.csv": ["success_rate"],
    "profiles.csv": ["weight"],
    "current.csv": ["share"],
    "scenarios.csv": ["value"],
    "discounts.csv": ["discount_pct"],
    "outlook.csv": ["probability"],
  ]
  static let mayBeEmpty: Set<String> = [
    "user_growth_pct_per_month", "reasoning_tokens_per_call", "retry_rate", "cache_hit_rate",
    "success_rate", "human_cost_per_failure", "defer_hours", "usd_per_mtok_cached_input",
    "batch_discount_pct", "rate_limit_tpm", "term_months", "min_units", "unit_step", "max_units",
    "cached_input_weight",
  ]
  /// The bad numbers every numeric column gets: not a number, infinite, huge, tiny, negative,
  /// hex, empty.
  static let badNumbers = ["nan", "inf", "1e308", "1e-300", "-1", "0x10", ""]
  /// More bad numbers, one per column in turn: overflowing, underflowing, hex float, separated
  /// digits, spelled out, a percent, a NUL inside.
  static let moreBadNumbers = ["1e400", "1e-400", "0x1p4", "1_000", "Infinity", "5%", "1\u{0}0"]

  /// Every case: enterprise-quarter (eight sheets), the two sheets only eight-gpus has, discounts.csv,
  /// outlook.csv of uncertain-growth and usage.csv of measured-support.
  static func all() -> [BadInput] {
    cases(example: "enterprise-quarter")
      + cases(example: "eight-gpus", only: ["scenarios.csv", "current.csv"])
      + cases(
        example: "eight-gpus", only: ["discounts.csv"],
        extra: [
          "discounts.csv":
            "vendor,offer,discount_pct,start,end\nLambda,lambda-h100-on-demand,10,2027-01,\n"
        ])
      + cases(example: "uncertain-growth", only: ["outlook.csv"])
      + cases(example: "measured-support", only: ["usage.csv"])
  }

  /// The cases of one example, mutating only the sheets in `only` (every sheet when nil).
  static func cases(example: String, only: Set<String>? = nil, extra: [String: String] = [:])
    -> [BadInput]
  {
    var base = Self.example(example)
    for (name, text) in extra {
      base[name] = Sheet(name: name, lines: text.components(separatedBy: "\n"))
    }
    func mutable(_ file: String) -> Bool { only?.contains(file) ?? true }
    var out: [BadInput] = []
    func data(_ sheets: [String: Sheet]) -> [String: Data] {
      sheets.mapValues { Data($0.text.utf8) }
    }
    func add(_ name: String, _ sheets: [String: Sheet], _ file: String, _ line: Int, _ column: Int)
    {
      out.append(
        BadInput(
          name: "\(example): \(name)", sheets: data(sheets), file: file, line: line, column: column)
      )
    }
    func addBytes(
      _ name: String, _ sheet: String, _ bytes: Data, _ line: Int, _ column: Int
    ) {
      var d = data(base)
      d[sheet] = bytes
      out.append(
        BadInput(name: "\(example): \(name)", sheets: d, file: sheet, line: line, column: column))
    }

    // Every numeric column of the first data row, with every bad number.
    var turn = 0
    for (file, columns) in numeric.sorted(by: { $0.key < $1.key }) where mutable(file) {
      guard let sheet = base[file], let i = sheet.rows.first else { continue }
      for column in columns {
        guard let c = sheet.columns.firstIndex(of: column) else { continue }
        turn += 1
        for bad in badNumbers + [moreBadNumbers[turn % moreBadNumbers.count]] {
          if bad.isEmpty && mayBeEmpty.contains(column) { continue }
          if bad == "-1" && column == "user_growth_pct_per_month" { continue }
          if file == "contracts.csv" && bad.isEmpty && sheet.cells(i)[c].isEmpty { continue }
          var s = base
          var cells = sheet.cells(i)
          cells[c] = bad
          s[file]!.lines[i] = cells.joined(separator: ",")
          let nul = bad.firstIndex(of: "\u{0}").map { bad.distance(from: bad.startIndex, to: $0) }
          add("\(file) \(column) = '\(bad)'", s, file, i + 1, sheet.column(i, c) + (nul ?? 0))
        }
      }
    }
    // plan.csv numeric keys.
    if mutable("plan.csv"), let plan = base["plan.csv"] {
      for key in ["months", "time_limit_s"] {
        guard let i = plan.rows.first(where: { plan.cells($0)[0] == key }) else { continue }
        for bad in ["nan", "inf", "1e308", "0x10", "12\u{0}00", key == "months" ? "" : "-1"] {
          var s = base
          s["plan.csv"]!.lines[i] = "\(key),\(bad)"
          let column = bad.contains("\u{0}") ? key.count + 4 : key.count + 2
          add("plan.csv \(key) = '\(bad)'", s, "plan.csv", i + 1, column)
        }
      }
    }
    // Ids: a copy of the first row with a bad id, and a duplicate of the first row.
    for file in ["workloads.csv", "apis.csv", "capacity.csv", "commitments.csv"] where mutable(file)
    {
      guard let sheet = base[file], let i = sheet.rows.first else { continue }
      let tail = sheet.cells(i).dropFirst().joined(separator: ",")
      let badIDs = [
        "*", "a;b", String(repeating: "x", count: 101), String(repeating: "é", count: 50) + "'",
      ]
      for bad in badIDs {
        var s = base
        s[file]!.lines.append("\(bad),\(tail)")
        add("\(file) id '\(bad.prefix(12))…'", s, file, sheet.lines.count + 1, 1)
      }
      var s = base
      s[file]!.lines.append(sheet.lines[i])
      add("\(file) duplicate id", s, file, sheet.lines.count + 1, 1)
      var nl = base
      nl[file]!.lines.append("\"new\nline\",\(tail)")
      add("\(file) id with a line break", nl, file, sheet.lines.count + 1, 1)
      var nul = base
      nul[file]!.lines[i] = "ab\u{0}" + sheet.lines[i]
      add("\(file) NUL in an id", nul, file, i + 1, 3)
    }
    // The same id in apis.csv and capacity.csv.
    if mutable("capacity.csv"), let apis = base["apis.csv"], let cap = base["capacity.csv"],
      let a = apis.rows.first,
      let c = cap.rows.first
    {
      var s = base
      let tail = cap.cells(c).dropFirst().joined(separator: ",")
      s["capacity.csv"]!.lines.append("\(apis.cells(a)[0]),\(tail)")
      add("capacity.csv id also in apis.csv", s, "capacity.csv", cap.lines.count + 1, 1)
    }
    // A commitment id that is an offer id.
    if mutable("commitments.csv"), let com = base["commitments.csv"], let apis = base["apis.csv"],
      let k = com.rows.first
    {
      var s = base
      let tail = com.cells(k).dropFirst().joined(separator: ",")
      s["commitments.csv"]!.lines.append(
        "\(apis.cells(apis.rows[0])[0]),\(tail)")
      add("commitments.csv id is an offer id", s, "commitments.csv", com.lines.count + 1, 1)
    }
    // Contract units above max_units.
    if mutable("contracts.csv"), let con = base["contracts.csv"], let i = con.rows.first,
      let u = con.columns.firstIndex(of: "units")
    {
      var s = base
      var cells = con.cells(i)
      cells[u] = "72"
      s["contracts.csv"]!.lines[i] = cells.joined(separator: ",")
      add("contracts.csv units above max_units", s, "contracts.csv", i + 1, con.column(i, u))
    }
    // Unknown references.
    let references: [(String, String)] = [
      ("quality.csv", "workload"), ("quality.csv", "offer"), ("current.csv", "workload"),
      ("current.csv", "offer"), ("commitments.csv", "applies_to"), ("contracts.csv", "offer"),
      ("scenarios.csv", "target"), ("workloads.csv", "profile"), ("discounts.csv", "offer"),
    ]
    for (file, column) in references where mutable(file) {
      guard let sheet = base[file], let i = sheet.rows.first,
        let c = sheet.columns.firstIndex(of: column)
      else { continue }
      var s = base
      var cells = sheet.cells(i)
      cells[c] = "ghost"
      s[file]!.lines[i] = cells.joined(separator: ",")
      add("\(file) \(column) unknown", s, file, i + 1, sheet.column(i, c))
    }
    // A scenario name too long for a file name.
    if mutable("scenarios.csv"), let sc = base["scenarios.csv"], let i = sc.rows.first {
      var s = base
      let tail = sc.cells(i).dropFirst().joined(separator: ",")
      s["scenarios.csv"]!.lines.append(String(repeating: "s", count: 500) + ",\(tail)")
      add("scenarios.csv name of 500 characters", s, "scenarios.csv", sc.lines.count + 1, 1)
    }
    // Every sheet: empty, unreadable, a folder, not UTF-8, control characters, ragged rows.
    for (file, sheet) in base.sorted(by: { $0.key < $1.key }) where mutable(file) {
      let h = sheet.header
      addBytes("\(file) empty", file, Data(), 1, 1)
      addBytes("\(file) only a comment", file, Data("# nothing\n".utf8), 1, 1)
      for kind in [BadInput.Replacement.danglingLink, .linkLoop, .directory, .pipe] {
        var c = BadInput(
          name: "\(example): \(file) \(kind)", sheets: data(base), file: file, line: 1, column: 1)
        c.replacement = (file, kind)
        out.append(c)
      }
      if getuid() != 0 {
        var c = BadInput(
          name: "\(example): \(file) unreadable", sheets: data(base), file: file, line: 1,
          column: 1)
        c.replacement = (file, .unreadable)
        out.append(c)
      }
      addBytes(
        "\(file) UTF-16", file, Data([0xFF, 0xFE]) + sheet.text.data(using: .utf16LittleEndian)!, 1,
        1)
      guard let i = sheet.rows.first else { continue }
      // A byte that is not UTF-8 at the third character of the first data row.
      var bytes = Data(sheet.lines[..<i].joined(separator: "\n").utf8) + Data("\n".utf8)
      let row = Array(sheet.lines[i].utf8)
      bytes += Data(row[..<2]) + Data([0xFF]) + Data(row[2...])
      bytes += Data(("\n" + sheet.lines[(i + 1)...].joined(separator: "\n")).utf8)
      addBytes("\(file) byte 0xFF", file, bytes, i + 1, 3)
      for (label, char) in [
        ("NUL", "\u{0}"), ("ESC", "\u{1B}"), ("lone CR", "\r"), ("DEL", "\u{7F}"),
      ] {
        var s = base
        var line = sheet.lines[i]
        line.insert(contentsOf: char, at: line.index(line.startIndex, offsetBy: 2))
        s[file]!.lines[i] = line
        add("\(file) \(label) in a cell", s, file, i + 1, 3)
      }
      var ragged = base
      ragged[file]!.lines[i] += ",extra"
      add("\(file) row wider than the header", ragged, file, i + 1, sheet.lines[i].count + 2)
      if sheet.columns.count > 2 {
        var unnamed = base
        var header = sheet.cells(h)
        header[1] = ""
        unnamed[file]!.lines[h] = header.joined(separator: ",")
        add("\(file) empty header name", unnamed, file, h + 1, sheet.column(h, 1))
      }
      if ["workloads.csv", "profiles.csv", "plan.csv"].contains(file) {
        var headerOnly = base
        headerOnly[file]!.lines = Array(sheet.lines[...h])
        add("\(file) header only", headerOnly, file, h + 1, 1)
        var missing = base
        missing[file] = nil
        add("\(file) missing", missing, file, 1, 1)
      }
    }
    return out
  }
}
