extension SheetParsers {
  /// How a capacity row may give a unit's throughput: per second, per minute (as Azure and Bedrock publish
  /// it), and for output also as a weight (an output token counts as N input tokens, as Azure PTUs and
  /// Vertex AI GSU burndown rates define it).
  static let throughputColumns = [
    "input_tok_per_min_per_unit", "output_tok_per_min_per_unit", "output_token_weight",
  ]

  /// Reports a header that gives none of the ways to state the input or the output rate; returns whether
  /// the rows may be read for rates.
  func checkThroughputHeader(_ r: SheetReader, line: Int) -> Bool {
    var ok = true
    let groups = [
      ["input_tok_per_s_per_unit", "input_tok_per_min_per_unit"],
      ["output_tok_per_s_per_unit", "output_tok_per_min_per_unit", "output_token_weight"],
    ]
    for g in groups where !g.contains(where: r.has) {
      r.report(
        CSVCell(text: "", line: line, column: 1),
        "missing required column '\(g[0])' (or \(g.dropFirst().map { "'\($0)'" }.joined(separator: " or ")))"
      )
      ok = false
    }
    return ok
  }

  /// Input and output tokens per second per unit of one capacity row: exactly one of the per-second and
  /// per-minute input columns, and one of the per-second, per-minute and weight output columns.
  func throughput(_ row: SheetRow) -> (input: Double, output: Double, weight: Double?)? {
    let positive = 1e-12...Double.greatestFiniteMagnitude
    func one(_ columns: [String]) -> String? {
      let given = columns.filter { row.text($0) != nil }
      if given.count > 1 {
        row.reader.report(
          row.place(given[1]),
          "give one of \(columns.map { "'\($0)'" }.joined(separator: ", ")), not \(given.map { "'\($0)'" }.joined(separator: " and "))"
        )
        return nil
      }
      guard let c = given.first else {
        row.reader.report(
          row.place(columns[0]),
          "missing value for '\(columns[0])' (or \(columns.dropFirst().map { "'\($0)'" }.joined(separator: " or ")))"
        )
        return nil
      }
      return c
    }
    let inColumn = one(["input_tok_per_s_per_unit", "input_tok_per_min_per_unit"])
    let outColumn = one([
      "output_tok_per_s_per_unit", "output_tok_per_min_per_unit", "output_token_weight",
    ])
    let input = inColumn.flatMap { c in
      row.number(c, in: positive, rangeWords: "a throughput > 0").map { v in
        c.contains("_per_min_") ? v / 60 : v
      }
    }
    var output: Double?
    var weight: Double?
    switch outColumn {
    case "output_token_weight":
      weight = row.number(
        "output_token_weight", in: positive,
        rangeWords: "a weight > 0 (an output token counts as this many input tokens)")
      output = weight.flatMap { w in input.map { $0 / w } }
    case .some(let c):
      output = row.number(c, in: positive, rangeWords: "a throughput > 0").map {
        c.contains("_per_min_") ? $0 / 60 : $0
      }
    case nil: break
    }
    guard let input, let output else { return nil }
    return (input, output, weight)
  }
}
