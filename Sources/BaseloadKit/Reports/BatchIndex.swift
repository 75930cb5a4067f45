/// One input folder of a batch run: its headline figures, or why it failed.
public struct BatchEntry: Sendable, Equatable {
  public var folder: String
  public var plan: String
  /// Nil when the run succeeded.
  public var failure: String?
  public var total: Double = 0
  public var completedTasks: Double = 0
  /// Reserved units billed, and every charge before commitment credits, $: the report headline's share.
  public var reservedCost: Double = 0
  public var charges: Double = 0
  public var idleCost: Double = 0
  /// Commitment fees no usage used, $ (`PlanAnalysis.unusedCommitmentCost`).
  public var unusedCommitmentCost: Double = 0
  /// How the plan writes money.
  public var currency = Currency("USD")

  /// Headline figures of a solved run.
  public init(folder: String, run: PlanRun) {
    self.folder = folder
    plan = run.plan.settings.name
    total = run.plan.invoice.total
    completedTasks = run.plan.workloads.reduce(0) { $0 + $1.completedTasks }
    // The share report.md's headline gives: reserved capacity of the charges before commitment credits (it was
    // reserved units and commitment fees of the net total, 22% where the report said 17%).
    let models = run.plan.billingModels
    reservedCost = models.first { $0.model == .reservedCapacity }?.cost ?? 0
    charges = models.filter { $0.cost > 0 }.reduce(0) { $0 + $1.cost }
    currency = run.plan.currency
    idleCost = run.plan.capacityUse.reduce(0) { $0 + $1.idleCost }
    unusedCommitmentCost = run.plan.unusedCommitmentCost
  }

  /// A failed folder.
  public init(folder: String, failure: String) {
    self.folder = folder
    plan = ""
    self.failure = failure
  }

  /// Nil when no task completes (every success rate 0): shown as `—` and an empty CSV cell, never $0.
  var costPerCompletedTask: Double? { completedTasks > 0 ? total / completedTasks : nil }
  var reservedShare: Double { charges > 0 ? reservedCost / charges : 0 }
}

/// `Reports/index.csv` and `Reports/index.html`: the folders of a batch run side by side.
public enum BatchIndex {
  public static func csv(_ entries: [BatchEntry]) -> String {
    CSVWriter.sheet(
      header: [
        "folder", "plan", "status", "total_usd", "usd_per_completed_task", "reserved_share",
        "idle_cost_usd", "unused_commitment_usd",
      ],
      rows: entries.map { e in
        guard e.failure == nil else {
          return [.text(e.folder), "", .text("failed: " + e.failure!), "", "", "", "", ""]
        }
        return [
          .text(e.folder), .text(e.plan), "ok", .fixed(e.total, 2),
          e.costPerCompletedTask.map { .fixed($0, 6) } ?? "", .fixed(e.reservedShare, 6),
          .fixed(e.idleCost, 2), .fixed(e.unusedCommitmentCost, 2),
        ]
      })
  }

  public static func html(_ entries: [BatchEntry]) -> String {
    var rows = ""
    for e in entries {
      let link = "<a href=\"\(HTML.escape(e.folder))/report.html\">\(HTML.escape(e.folder))</a>"
      if let f = e.failure {
        rows +=
          "<tr><td>\(link)</td><td colspan=\"6\" class=\"fail\">failed: \(HTML.escape(f))</td></tr>\n"
        continue
      }
      rows +=
        "<tr><td>\(link)</td><td>\(HTML.escape(e.plan))</td><td class=\"n\">\(HTML.escape(e.currency.money(e.total)))</td>"
      rows +=
        "<td class=\"n\">\(HTML.escape(e.currency.perCompletedTask(e.costPerCompletedTask)))</td><td class=\"n\">\(Format.percent(e.reservedShare))</td>"
      rows += "<td class=\"n\">\(HTML.escape(e.currency.money(e.idleCost)))</td>"
      rows += "<td class=\"n\">\(HTML.escape(e.currency.money(e.unusedCommitmentCost)))</td></tr>\n"
    }
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Baseload reports</title>
      <style>
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;color:#1b1f24;padding:0 1rem}
      table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #d8dee4;text-align:left}
      th{background:#f3f5f7}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.fail{color:#b42318}
      </style></head><body>
      <h1>Baseload reports</h1>
      <table><thead><tr><th>folder</th><th>plan</th><th class="n">total</th><th class="n">cost per completed task</th><th class="n">reserved share</th><th class="n">idle cost</th><th class="n">unused commitment fees</th></tr></thead>
      <tbody>
      \(rows)</tbody></table>
      </body></html>

      """
  }
}
