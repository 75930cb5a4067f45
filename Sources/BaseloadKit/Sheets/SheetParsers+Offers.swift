import Foundation

extension SheetParsers {
  static let apiColumns = [
    "id", "vendor", "model", "tiers", "regions", "latency", "usd_per_mtok_input",
    "usd_per_mtok_cached_input",
    "usd_per_mtok_output", "batch_discount_pct", "rate_limit_tpm",
  ]
  static let capacityColumns =
    [
      "id", "vendor", "model", "tiers", "regions", "latency", "unit", "usd_per_unit_hour",
      "billing",
      "term_months",
      "min_units", "unit_step", "max_units", "input_tok_per_s_per_unit",
      "output_tok_per_s_per_unit",
      "cached_input_weight",
    ] + throughputColumns

  /// `apis.csv`.
  mutating func apis(_ table: CSVTable) -> [APIOffer] {
    let r = reader(
      table, known: Self.apiColumns,
      required: ["id", "vendor", "tiers", "usd_per_mtok_input", "usd_per_mtok_output"])
    defer { finish(r) }
    let rows = r.rows
    checkUnique(rows, column: "id", reader: r)
    name(rows, "id", sheet: table.fileName)
    var out: [APIOffer] = []
    for row in rows {
      let id = row.identifier("id")
      let vendor = row.required("vendor")
      let tiers = row.list("tiers", default: [])
      if tiers.isEmpty { r.report(row.place("tiers"), "missing value for 'tiers'") }
      if tiers.contains(LiteLLMImport.tierPlaceholder) {
        r.report(
          row.place("tiers"),
          "tier '\(LiteLLMImport.tierPlaceholder)' is the placeholder `baseload prices import` leaves: name the tiers this model can serve"
        )
      }
      let input = row.number("usd_per_mtok_input", in: .nonNegative, rangeWords: "a price >= 0")
      let cached = row.number(
        "usd_per_mtok_cached_input", default: -1, in: .nonNegative, rangeWords: "a price >= 0")
      let output = row.number("usd_per_mtok_output", in: .nonNegative, rangeWords: "a price >= 0")
      let batch = row.number(
        "batch_discount_pct", default: 0, in: 0...100, rangeWords: "a percent from 0 to 100")
      let limitText = row.text("rate_limit_tpm")
      let limit =
        limitText == nil
        ? nil
        : row.number(
          "rate_limit_tpm", in: 1e-9...Double.greatestFiniteMagnitude,
          rangeWords: "a positive number of tokens per minute")
      let latencies = latencies(row)
      guard let id, let vendor, !tiers.isEmpty, let input, let cached, let output, let batch,
        limitText == nil || limit != nil, !out.contains(where: { $0.id == id })
      else { continue }
      out.append(
        APIOffer(
          id: id, vendor: vendor, model: row.text("model") ?? id, tiers: tiers,
          regions: row.list("regions"),
          latencies: latencies, usdPerMtokInput: input,
          usdPerMtokCachedInput: cached < 0 ? input : cached,
          usdPerMtokOutput: output, batchDiscountPct: batch, rateLimitTPM: limit, line: row.line))
    }
    return out
  }

  /// `capacity.csv`.
  mutating func capacity(_ table: CSVTable, apis: [APIOffer]) -> [CapacityOffer] {
    let r = reader(
      table, known: Self.capacityColumns,
      required: ["id", "vendor", "tiers", "usd_per_unit_hour", "billing"])
    defer { finish(r) }
    let ratesReadable = checkThroughputHeader(r, line: table.header.line)
    let rows = r.rows
    checkUnique(rows, column: "id", reader: r)
    name(rows, "id", sheet: table.fileName)
    var out: [CapacityOffer] = []
    var chartFile: [String: String] = [:]
    let positive = 1e-12...Double.greatestFiniteMagnitude
    for row in rows {
      var id = row.identifier("id")
      if let i = id, named["apis.csv"]?.contains(i) == true {
        let line = apis.first { $0.id == i }.map { " (line \($0.line))" } ?? ""
        r.report(
          row.place("id"),
          "offer id '\(Diagnostic.echo(i))' is also in apis.csv\(line); an id names one offer across apis.csv and capacity.csv"
        )
        id = nil
      }
      let vendor = row.required("vendor")
      let tiers = row.list("tiers", default: [])
      if tiers.isEmpty { r.report(row.place("tiers"), "missing value for 'tiers'") }
      let price = row.number("usd_per_unit_hour", in: .nonNegative, rangeWords: "a price >= 0")
      let billing = row.choice("billing", ["reserved": Billing.reserved, "on_demand": .onDemand])
      let term = row.number(
        "term_months", default: 1, in: 1...36, integer: true,
        rangeWords: "a whole number of months from 1 to 36")
      let minUnits = row.number("min_units", default: 0, in: .nonNegative, integer: true)
      let step = row.number(
        "unit_step", default: 1, in: 1...Double.greatestFiniteMagnitude, integer: true,
        rangeWords: "a whole number >= 1")
      let maxText = row.text("max_units")
      let maxUnits =
        maxText == nil
        ? nil
        : row.number("max_units", in: positive, integer: true, rangeWords: "a whole number >= 1")
      let rates = ratesReadable ? throughput(row) : nil
      let weight = row.number("cached_input_weight", default: 0, in: .unit)
      if let minUnits, let m = maxUnits, minUnits > m {
        r.report(
          row.place("max_units"),
          "max_units \(Format.plain(m)) is below min_units \(Format.plain(minUnits))")
      }
      let latencies = latencies(row)
      if let id, billing == .reserved {
        // A reserved offer gets the chart file utilisation-<id>.svg; two ids must not share it.
        let file = PlanCharts.fileSafe(id)
        if let other = chartFile[file], other != id {
          r.report(
            row.place("id"),
            "reserved offers '\(Diagnostic.echo(other))' and '\(Diagnostic.echo(id))' would share the chart file utilisation-\(Diagnostic.echo(file)).svg; rename one"
          )
        }
        chartFile[file] = id
      }
      guard let id, let vendor, !tiers.isEmpty, let price, let billing, let term, let minUnits,
        let step,
        maxText == nil || maxUnits != nil, let rates, let weight,
        !out.contains(where: { $0.id == id })
      else { continue }
      out.append(
        CapacityOffer(
          id: id, vendor: vendor, model: row.text("model") ?? id, tiers: tiers,
          regions: row.list("regions"),
          latencies: latencies, unit: row.text("unit") ?? "GPU", usdPerUnitHour: price,
          billing: billing,
          termMonths: Int(term), minUnits: minUnits, unitStep: step, maxUnits: maxUnits,
          inputTokPerSecPerUnit: rates.input, outputTokPerSecPerUnit: rates.output,
          outputTokenWeight: rates.weight, cachedInputWeight: weight,
          line: row.line))
    }
    return out
  }
}
