import Foundation

/// Reads LiteLLM's `model_prices_and_context_window.json` (model key → per-token USD prices) into `apis.csv`
/// rows in $/Mtok. Only `chat` and `completion` entries become rows; unknown fields are ignored.
public struct LiteLLMImport: Sendable {
  /// What to import and how to fill the columns the price map does not have.
  public struct Options: Sendable {
    /// `litellm_provider` values to keep; empty keeps every provider.
    public var providers: [String] = []
    /// Model keys to keep (`*` matches any run of characters); empty keeps every model.
    public var models: [String] = []
    /// The date the prices were read, `YYYY-MM-DD`, written in the sheet's header.
    public var asOf: String?
    /// `pattern → tiers` (first match wins); models no pattern matches get the placeholder tier.
    public var tiers: [(pattern: String, tiers: [String])] = []

    public init() {}
  }

  /// The tier written when no `--tier` mapping names one: `baseload check` rejects it.
  public static let tierPlaceholder = "?"

  /// The price fields Baseload reads; every other field of an entry is ignored.
  enum Field: String, CaseIterable {
    case input = "input_cost_per_token"
    case output = "output_cost_per_token"
    case cachedInput = "cache_read_input_token_cost"
    case reasoning = "output_cost_per_reasoning_token"
    case inputBatch = "input_cost_per_token_batches"
    case outputBatch = "output_cost_per_token_batches"
  }

  /// One `apis.csv` row.
  public struct Row: Sendable, Equatable {
    public var id: String
    public var vendor: String
    public var model: String
    public var tiers: [String]
    /// $ per million tokens.
    public var input: Double
    public var cachedInput: Double?
    public var output: Double
    /// % off for batch workloads, from the `_batches` prices.
    public var batchDiscountPct: Double
    /// What the reader should know about this row (tiered prices, reasoning price, uneven batch discount).
    public var notes: [String] = []
  }

  public var rows: [Row] = []
  /// `key: reason` of every entry that could not be read.
  public var malformed: [String] = []
  /// Entries skipped because their mode is not chat or completion, by mode.
  public var skippedModes: [String: Int] = [:]

  /// Why the file as a whole cannot be read.
  public struct FileError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads the price map; throws only when the file is not a JSON object.
  public init(json: Data, options: Options) throws(FileError) {
    guard let top = JSONValue.parse(json) else {
      throw FileError(description: "not JSON")
    }
    guard let entries = top.members else {
      throw FileError(description: "not a JSON object of model key → prices")
    }
    var used: Set<String> = []
    for key in entries.keys.sorted() where key != "sample_spec" {
      guard options.models.isEmpty || options.models.contains(where: { Self.glob($0, key) }) else {
        continue
      }
      guard let e = entries[key]!.members else {
        malformed.append("\(key): not an object")
        continue
      }
      if !options.providers.isEmpty {
        guard case .string(let p) = e["litellm_provider"], options.providers.contains(p) else {
          continue
        }
      }
      guard case .string(let mode) = e["mode"] ?? .string("(none)") else {
        malformed.append("\(key): mode is \(e["mode"]!.echo), not a word")
        continue
      }
      guard mode == "chat" || mode == "completion" else {
        skippedModes[mode, default: 0] += 1
        continue
      }
      switch Self.row(key: key, entry: e, options: options) {
      case .failure(let why): malformed.append("\(key): \(why.description)")
      case .success(var row):
        var id = row.id
        var n = 2
        while used.contains(id) {
          id = "\(row.id)-\(n)"
          n += 1
        }
        used.insert(id)
        row.id = id
        rows.append(row)
      }
    }
  }

  /// The row of one chat or completion entry, or why it cannot be read.
  static func row(key: String, entry e: [String: JSONValue], options: Options) -> Result<
    Row, FileError
  > {
    guard case .string(let provider) = e["litellm_provider"], !provider.isEmpty else {
      return .failure(
        FileError(description: "litellm_provider is \(e["litellm_provider"]?.echo ?? "missing")"))
    }
    var prices: [Field: Double] = [:]
    for f in Field.allCases {
      guard let v = e[f.rawValue] else { continue }
      guard let d = v.number, d.isFinite, d >= 0 else {
        return .failure(FileError(description: "\(f.rawValue) is \(v.echo), not a price >= 0"))
      }
      // A written price above what a sheet may hold ($1e12/Mtok) could only be refused by `check`: not imported.
      // (Batch and reasoning prices are not written as prices.)
      guard d * 1e6 <= NumericLimits.largest || ![.input, .cachedInput, .output].contains(f) else {
        return .failure(
          FileError(
            description:
              "\(f.rawValue) is $\(d) a token, above the sheets' $1e12/Mtok"
          ))
      }
      prices[f] = d * 1e6
    }
    guard let input = prices[.input] else {
      return .failure(FileError(description: "no \(Field.input.rawValue)"))
    }
    guard let output = prices[.output] else {
      return .failure(FileError(description: "no \(Field.output.rawValue)"))
    }
    var notes: [String] = []
    // A price the sheet's six decimals of $/Mtok cannot hold is written as 0 (free), and said so: GLPK is not
    // handed coefficients of 1e-14.
    for (f, word) in [(Field.input, "input"), (.cachedInput, "cached input"), (.output, "output")] {
      if let v = prices[f], v > 0, Double(Self.mtok(v)) == 0 {
        notes.append(
          "\(word) listed at $\(v / 1e6) a token, below $0.000001/Mtok; the row bills it at 0")
      }
    }
    // Batch: one discount for every token class; when input and output differ, the smaller one.
    var discounts: [(String, Double)] = []
    if let b = prices[.inputBatch], input > 0 { discounts.append(("input", 100 * (1 - b / input))) }
    if let b = prices[.outputBatch], output > 0 {
      discounts.append(("output", 100 * (1 - b / output)))
    }
    var batch = discounts.map(\.1).min() ?? 0
    if let hi = discounts.map(\.1).max(), hi - batch > 0.005 {
      notes.append(
        "batch prices are \(discounts.map { "\(Self.pct($0.1))% off \($0.0)" }.joined(separator: ", ")); the row takes the smaller discount"
      )
    }
    if batch < 0 {
      notes.append("batch prices are above list; batch_discount_pct set to 0")
      batch = 0
    }
    if let r = prices[.reasoning], abs(r - output) > 5e-7 {
      notes.append(
        "reasoning tokens listed at $\(Self.mtok(r))/Mtok; Baseload bills reasoning as output, at $\(Self.mtok(output))/Mtok"
      )
    }
    // Tiered prices: fields such as input_cost_per_token_above_200k_tokens.
    var tiered: [String: [String]] = [:]
    for (name, v) in e {
      guard let m = name.wholeMatch(of: /(.+)_above_(\d+k)_tokens/), let d = v.number,
        let f = Field(rawValue: String(m.1))
      else { continue }
      let word: String
      switch f {
      case .input: word = "input"
      case .output: word = "output"
      case .cachedInput: word = "cached input"
      default: continue
      }
      tiered[String(m.2), default: []].append("\(word) $\(Self.mtok(d * 1e6))/Mtok")
    }
    for (threshold, list) in tiered.sorted(by: { $0.key < $1.key }) {
      notes.append(
        "tiered: prompts above \(threshold) input tokens cost \(list.sorted().joined(separator: ", ")); the row keeps the base prices (prompts up to \(threshold) tokens)"
      )
    }
    let tiers =
      options.tiers.first { Self.glob($0.pattern, key) }?.tiers ?? [Self.tierPlaceholder]
    return .success(
      Row(
        id: Self.identifier(key), vendor: provider, model: VisibleText.name(key), tiers: tiers,
        input: input,
        cachedInput: prices[.cachedInput], output: output, batchDiscountPct: batch, notes: notes))
  }

  /// An offer id from a model key: characters other than letters, digits, `.`, `_` and `-` become `-`, and a
  /// leading `-` becomes `_` — the CSV writer would otherwise guard it against spreadsheet formulas as `'-…`,
  /// an id other than the rule's (`=cmd` came back as `'-cmd`).
  static func identifier(_ key: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    var id = String(
      String(key.map { allowed.contains($0) ? $0 : "-" }).prefix(IDRules.maxCharacters))
    if id.hasPrefix("-") { id = "_" + id.dropFirst() }
    return id
  }

  /// Whether `pattern` (with `*` for any run of characters) matches the whole of `s`.
  static func glob(_ pattern: String, _ s: String) -> Bool {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
    guard parts.count > 1 else { return pattern == s }
    guard s.hasPrefix(parts[0]) else { return false }
    var rest = Substring(s.dropFirst(parts[0].count))
    for (i, p) in parts.enumerated().dropFirst() {
      if i == parts.count - 1 { return rest.hasSuffix(p) && rest.count >= p.count }
      guard let r = rest.range(of: p) else { return false }
      rest = rest[r.upperBound...]
    }
    return true
  }

  /// $/Mtok as written in the sheet: up to 6 decimals, trailing zeros dropped (2.5, 0.075).
  static func mtok(_ v: Double) -> String { Format.plain(Double(Format.fixed(v, 6))!) }
  static func pct(_ v: Double) -> String { Format.plain(Double(Format.fixed(v, 4))!) }

  /// `apis.csv`: a header comment naming the source and date, the placeholder and the notes, then the rows.
  public func apisCSV(source: String, options: Options) -> String {
    var head =
      "# apis.csv imported by `baseload prices import` from \(source) (LiteLLM model price map).\n"
    head +=
      options.asOf.map { "# Prices as of \($0) (--as-of).\n" }
      ?? "# Prices as of: not given (import with --as-of YYYY-MM-DD to record when they were read).\n"
    head +=
      "# $/Mtok = LiteLLM's per-token USD × 1,000,000; batch_discount_pct from the *_batches prices.\n"
    if rows.contains(where: { $0.tiers == [Self.tierPlaceholder] }) {
      head +=
        "# tiers '\(Self.tierPlaceholder)' is a placeholder `baseload check` rejects: name the tiers each model serves\n# (or import again with --tier PATTERN=TIER).\n"
    }
    for r in rows where !r.notes.isEmpty {
      for n in r.notes { head += "# \(r.id): \(n)\n" }
    }
    for m in malformed { head += "# not imported: \(m)\n" }
    let rows: [[CSVValue]] = rows.map { r in
      [
        .text(r.id), .text(r.vendor), .text(r.model), .text(r.tiers.joined(separator: ";")), "*",
        "*", .number(Self.mtok(r.input)), r.cachedInput.map { .number(Self.mtok($0)) } ?? "",
        .number(Self.mtok(r.output)), .number(Self.pct(r.batchDiscountPct)),
      ]
    }
    return head
      + CSVWriter.sheet(
        header: [
          "id", "vendor", "model", "tiers", "regions", "latency", "usd_per_mtok_input",
          "usd_per_mtok_cached_input", "usd_per_mtok_output", "batch_discount_pct",
        ], rows: rows)
  }

  /// The summary printed after an import: rows, tiered entries and the rule used, skipped and malformed.
  public var summary: String {
    var s = "\(rows.count) chat/completion model\(rows.count == 1 ? "" : "s") imported\n"
    let tiered = rows.filter { $0.notes.contains { $0.hasPrefix("tiered:") } }
    if !tiered.isEmpty {
      s +=
        "tiered pricing (rule: the row keeps the base prices; calls above the threshold cost more):\n"
      for r in tiered {
        for n in r.notes where n.hasPrefix("tiered:") { s += "  \(r.model): \(n.dropFirst(8))\n" }
      }
    }
    for r in rows {
      for n in r.notes where !n.hasPrefix("tiered:") { s += "note: \(r.model): \(n)\n" }
    }
    if !skippedModes.isEmpty {
      s +=
        "skipped (not chat or completion): "
        + skippedModes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
          separator: ", ") + "\n"
    }
    if !malformed.isEmpty {
      s += "malformed entries (not imported):\n"
      for m in malformed { s += "  \(m)\n" }
    }
    if rows.contains(where: { $0.tiers == [Self.tierPlaceholder] }) {
      s +=
        "tiers: '\(Self.tierPlaceholder)' left for you to set (baseload check rejects it), or import with --tier PATTERN=TIER\n"
    }
    return s
  }
}
