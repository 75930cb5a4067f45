/// Quotes and break-even prices of one run, with their report forms.
public struct QuoteSet: Sendable {
  public var quotes: [Quote]
  public var breakEvens: [BreakEven]
  /// How the tables write money: the plan's currency.
  public var currency = Currency("USD")

  /// Computes both for a solved plan.
  public static func compute(_ engine: QuoteEngine, workload: String? = nil, offer: String? = nil)
    throws -> QuoteSet
  {
    QuoteSet(
      quotes: try engine.quotes(workload: workload, offer: offer),
      breakEvens: try engine.breakEvens(offer: offer), currency: engine.plan.currency)
  }

  static func opt(_ v: Double?, _ f: (Double) -> String) -> String { v.map(f) ?? "—" }

  /// The terminal table, per workload sorted by standalone $/Mtok.
  public var table: String {
    let rows = quotes.map { q in
      [
        q.workload, q.offer, q.billing, currency.money(q.listPerMtok),
        Self.opt(q.standalonePerMtok) { currency.money($0) },
        Self.opt(q.inPlanPerMtok) { currency.money($0) },
        Self.opt(q.standalonePerCompletedTask) { currency.perUnit($0) },
        Self.opt(q.standaloneUtilisation) { Format.percent($0) }, Format.percent(q.inPlanShare),
        Format.fixed(q.peakToMean, 2),
      ]
    }
    var out = TextTable.render(
      header: [
        "workload", "offer", "billing", "list \(currency.symbol)/Mtok", "standalone", "in plan",
        "standalone \(currency.symbol)/task",
        "standalone util", "plan share", "peak/mean",
      ],
      rows: rows)
    out +=
      "\n"
      + breakEvens.map { "- " + $0.sentence.replacingOccurrences(of: "`", with: "") }.joined(
        separator: "\n") + "\n"
    return out
  }

  /// The Quotes section of report.md.
  public var markdown: String {
    var md = "## Quotes: cost per token on your workloads\n\n"
    md +=
      "*List* is the price with no idle time (token APIs blended by this workload's token mix and cache hits; capacity at the utilisation cap). "
    md +=
      "*Standalone* runs the whole workload on that offer alone, sized for its own peak with whole units and terms, idle hours included. "
    md +=
      "*In plan* is what the offer's share costs in the optimised plan, reserved cost shared by load.\n\n"
    var workloads: [String] = []
    for q in quotes where !workloads.contains(q.workload) { workloads.append(q.workload) }
    for w in workloads {
      let qs = quotes.filter { $0.workload == w }
      md += "### `\(w)` (peak-to-mean \(Format.fixed(qs.first?.peakToMean ?? 0, 2)))\n\n"
      md +=
        Markdown.table(
          [
            "rank", "offer", "billing", "list \(currency.symbol)/Mtok",
            "standalone \(currency.symbol)/Mtok", "in plan \(currency.symbol)/Mtok",
            "list \(currency.symbol)/completed task",
            "standalone \(currency.symbol)/completed task", "standalone utilisation",
            "plan utilisation", "plan share",
          ],
          qs.enumerated().map { i, q in
            [
              q.standalonePerMtok == nil ? "—" : "\(i + 1)", q.offer, q.billing,
              currency.money(q.listPerMtok),
              Self.opt(q.standalonePerMtok) { currency.money($0) },
              Self.opt(q.inPlanPerMtok) { currency.money($0) },
              Self.opt(q.listPerCompletedTask) { currency.perUnit($0) },
              Self.opt(q.standalonePerCompletedTask) { currency.perUnit($0) },
              Self.opt(q.standaloneUtilisation) { Format.percent($0) },
              Self.opt(q.inPlanUtilisation) { Format.percent($0) },
              Format.percent(q.inPlanShare),
            ]
          }, right: Set(3...10))
      let none = qs.filter { $0.listPerCompletedTask == nil }.map { "`\($0.offer)`" }
      if !none.isEmpty {
        md +=
          "\nOn \(none.joined(separator: ", ")) no task of `\(w)` completes (success rate 0): there is no cost per completed task (—).\n"
      }
      md += "\n"
    }
    if !breakEvens.isEmpty {
      md +=
        "### Break-even prices\n\nFound by re-solving the plan with the offer's price moved (bisection to \(Format.percent(QuoteEngine.breakEvenTolerance, 1)) of the price).\n\n"
      md += breakEvens.map { "- " + $0.sentence }.joined(separator: "\n") + "\n\n"
    }
    return md
  }

  /// quotes.csv.
  public var csv: String {
    func n(_ v: Double?, _ d: Int) -> CSVValue { v.map { .fixed($0, d) } ?? .text("") }
    var rows: [[CSVValue]] = quotes.map { q in
      [
        "quote", .text(q.workload), .text(q.offer), .text(q.billing), .fixed(q.listPerMtok, 6),
        n(q.standalonePerMtok, 6),
        n(q.inPlanPerMtok, 6), n(q.listPerCompletedTask, 6),
        n(q.standalonePerCompletedTask, 6),
        n(q.inPlanPerCompletedTask, 6), n(q.standaloneUtilisation, 6), n(q.inPlanUtilisation, 6),
        .fixed(q.inPlanShare, 6),
        .fixed(q.peakToMean, 6), "", "", "", "",
      ]
    }
    rows += breakEvens.map { b in
      [
        "break_even", "", .text(b.offer), "", "", "", "", "", "", "", "", "", "", "",
        .text(b.priceUnit), .fixed(b.price, 6),
        n(b.breakEvenPrice, 6), n(b.planCostAtBreakEven, 2),
      ]
    }
    return CSVWriter.sheet(
      header: [
        "kind", "workload", "offer", "billing", "list_usd_per_mtok", "standalone_usd_per_mtok",
        "in_plan_usd_per_mtok",
        "list_usd_per_completed_task", "standalone_usd_per_completed_task",
        "in_plan_usd_per_completed_task",
        "standalone_utilisation", "in_plan_utilisation", "in_plan_share", "peak_to_mean",
        "price_unit", "price",
        "break_even_price", "plan_cost_at_break_even",
      ], rows: rows)
  }

  /// The quotes in summary.json.
  public var json: JSON {
    func n(_ v: Double?, _ d: Int) -> JSON { v.map { .fixed($0, d) } ?? .null }
    return .object([
      (
        "quotes",
        .array(
          quotes.map { q in
            .object([
              ("workload", .string(q.workload)), ("offer", .string(q.offer)),
              ("billing", .string(q.billing)),
              ("list_usd_per_mtok", .fixed(q.listPerMtok, 4)),
              ("standalone_usd_per_mtok", n(q.standalonePerMtok, 4)),
              ("in_plan_usd_per_mtok", n(q.inPlanPerMtok, 4)),
              ("list_usd_per_completed_task", n(q.listPerCompletedTask, 6)),
              ("standalone_usd_per_completed_task", n(q.standalonePerCompletedTask, 6)),
              ("standalone_utilisation", n(q.standaloneUtilisation, 4)),
              ("in_plan_utilisation", n(q.inPlanUtilisation, 4)),
              ("in_plan_share", .fixed(q.inPlanShare, 4)),
              ("peak_to_mean", .fixed(q.peakToMean, 4)),
            ])
          })
      ),
      (
        "break_even",
        .array(
          breakEvens.map { b in
            .object([
              ("offer", .string(b.offer)), ("price_unit", .string(b.priceUnit)),
              ("price", .fixed(b.price, 6)),
              ("used_today", .bool(b.usedToday)), ("break_even_price", n(b.breakEvenPrice, 6)),
              ("plan_cost_at_break_even", n(b.planCostAtBreakEven, 2)),
              ("sentence", .string(b.sentence)),
            ])
          })
      ),
    ])
  }
}
