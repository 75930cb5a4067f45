import Foundation

extension SheetParsers {
  /// `commitments.csv`.
  mutating func commitments(_ table: CSVTable, apis: [APIOffer], capacity: [CapacityOffer])
    -> [Commitment]
  {
    let r = reader(
      table, known: ["id", "vendor", "applies_to", "discount_pct", "term_months"],
      required: ["id", "vendor", "applies_to", "discount_pct"])
    defer { finish(r) }
    let rows = r.rows
    checkUnique(rows, column: "id", reader: r)
    name(rows, "id", sheet: table.fileName)
    let offerIDs = Set(apis.map(\.id) + capacity.map(\.id))
    var owner: [String: String] = [:]
    var out: [Commitment] = []
    for row in rows {
      var id = row.identifier("id")
      if let i = id, !unknown(i, in: ["apis.csv", "capacity.csv"]) || offerIDs.contains(i) {
        r.report(
          row.place("id"),
          "commitment id '\(Diagnostic.echo(i))' is also an offer id; contracts.csv could not tell them apart"
        )
        id = nil
      }
      let vendor = row.required("vendor")
      let applies = row.list("applies_to", default: [])
      if applies.isEmpty { r.report(row.place("applies_to"), "missing value for 'applies_to'") }
      var ok = true
      for o in applies {
        if !offerIDs.contains(o) {
          if unknown(o, in: ["apis.csv", "capacity.csv"]) {
            r.report(
              row.place("applies_to"),
              "unknown offer '\(Diagnostic.echo(o))' in applies_to (not in apis.csv or capacity.csv)"
            )
          }
          ok = false
        } else if let other = owner[o] {
          r.report(
            row.place("applies_to"),
            "offer '\(Diagnostic.echo(o))' is already covered by commitment '\(Diagnostic.echo(other))'; an offer may be in one commitment"
          )
          ok = false
        } else if let id {
          owner[o] = id
        }
      }
      let discount = row.number(
        "discount_pct", in: 0...99.99, rangeWords: "a percent from 0 to 99.99")
      let term = row.number(
        "term_months", default: 1, in: 1...36, integer: true,
        rangeWords: "a whole number of months from 1 to 36")
      guard let id, let vendor, !applies.isEmpty, ok, let discount, let term,
        !out.contains(where: { $0.id == id })
      else { continue }
      out.append(
        Commitment(
          id: id, vendor: vendor, appliesTo: applies, discountPct: discount, termMonths: Int(term),
          line: row.line))
    }
    return out
  }

  /// `contracts.csv`.
  mutating func contracts(
    _ table: CSVTable, capacity: [CapacityOffer], commitments: [Commitment], settings: PlanSettings?
  ) -> [Contract] {
    let r = reader(
      table, known: ["offer", "units", "usd_per_hour", "start", "end"],
      required: ["offer", "start", "end"])
    defer { finish(r) }
    var out: [Contract] = []
    /// Units signed per capacity offer and month so far, against its max_units.
    var signed: [String: [Month: Double]] = [:]
    let horizon = settings?.horizon ?? []
    for row in r.rows {
      guard let offer = row.required("offer") else { continue }
      let cap = capacity.first { $0.id == offer }
      let com = commitments.first { $0.id == offer }
      let start = month(row, "start")
      let end = month(row, "end")
      if let start, let end, end < start {
        r.report(row.place("end"), "end \(end) is before start \(start)")
      }
      var units = 0.0
      var usd = 0.0
      if let cap {
        if cap.billing != .reserved {
          r.report(
            row.place("offer"),
            "offer '\(offer)' is billed on demand; only reserved capacity can be contracted")
        }
        guard
          let u = row.number(
            "units", in: 1e-12...Double.greatestFiniteMagnitude, integer: true,
            rangeWords: "a whole number of units >= 1")
        else { continue }
        units = u
        if row.text("usd_per_hour") != nil {
          r.report(
            row.place("usd_per_hour"),
            "usd_per_hour is for commitments; '\(offer)' is a capacity offer")
        }
      } else if com != nil {
        guard
          let v = row.number(
            "usd_per_hour", in: 1e-12...Double.greatestFiniteMagnitude,
            rangeWords: "a positive amount per hour")
        else { continue }
        usd = v
        if row.text("units") != nil {
          r.report(row.place("units"), "units are for capacity offers; '\(offer)' is a commitment")
        }
      } else {
        if unknown(offer, in: ["capacity.csv", "commitments.csv"]) {
          r.report(
            row.place("offer"),
            "unknown offer '\(Diagnostic.echo(offer))' (not a capacity offer in capacity.csv or a commitment in commitments.csv)"
          )
        }
        continue
      }
      guard let start, let end, end >= start else { continue }
      if let cap, let most = cap.maxUnits, units > 0 {
        // The model holds signed units within max_units in every month of the horizon.
        for month in horizon where month >= start && month <= end {
          let total = signed[offer, default: [:]][month, default: 0] + units
          signed[offer, default: [:]][month] = total
          if total > most {
            r.report(
              row.place("units"),
              "contracts hold \(Format.plain(total)) units of '\(Diagnostic.echo(offer))' in \(month), above its max_units \(Format.plain(most)) (capacity.csv line \(cap.line))"
            )
            break
          }
          // Signed units below min_units are legal: the minimum binds only units bought on top of them.
        }
      }
      out.append(
        Contract(
          offer: offer, units: units, usdPerHour: usd, start: start, end: end, line: row.line))
    }
    return out
  }

  /// `quality.csv`.
  mutating func quality(
    _ table: CSVTable, workloads: [Workload], apis: [APIOffer], capacity: [CapacityOffer]
  ) -> [QualityOverride] {
    let r = reader(
      table, known: ["workload", "offer", "success_rate"],
      required: ["workload", "offer", "success_rate"])
    defer { finish(r) }
    let ids = Set(apis.map(\.id) + capacity.map(\.id))
    var out: [QualityOverride] = []
    var seen: [String: Int] = [:]
    for row in r.rows {
      let w = knownWorkload(row, "workload", workloads)
      let o = knownOffer(row, "offer", ids)
      let s = row.number("success_rate", in: .unit)
      guard let w, let o, let s else { continue }
      if let line = seen[w + "\u{1}" + o] {
        r.report(
          row.place("workload"),
          "duplicate quality row for '\(w)' on '\(o)' (first on line \(line))")
        continue
      }
      seen[w + "\u{1}" + o] = row.line
      out.append(QualityOverride(workload: w, offer: o, successRate: s, line: row.line))
    }
    return out
  }

  /// `current.csv`: shares of each workload sum to 1.
  mutating func current(
    _ table: CSVTable, workloads: [Workload], apis: [APIOffer], capacity: [CapacityOffer]
  ) -> [CurrentShare] {
    let r = reader(
      table, known: ["workload", "offer", "share"], required: ["workload", "offer", "share"])
    defer { finish(r) }
    let offers: [any OfferTerms] = apis + capacity
    let ids = Set(offers.map(\.id))
    var out: [CurrentShare] = []
    var lastLine: [String: Int] = [:]
    var erred = Set<String>()
    for row in r.rows {
      let before = r.diagnostics.items.count
      defer {
        if r.diagnostics.items.count > before, let w = row.text("workload") { erred.insert(w) }
      }
      let w = knownWorkload(row, "workload", workloads)
      let o = knownOffer(row, "offer", ids)
      let s = row.number("share", in: .unit)
      guard let w, let o, let s else { continue }
      if let wl = workloads.first(where: { $0.id == w }),
        let off = offers.first(where: { $0.id == o }),
        let why = Compatibility.exclusion(of: off, for: wl)
      {
        r.report(
          row.place("offer"),
          "offer '\(Diagnostic.echo(o))' cannot serve workload '\(Diagnostic.echo(w))': \(why)")
        continue
      }
      lastLine[w] = row.line
      out.append(CurrentShare(workload: w, offer: o, share: s))
    }
    // A workload with a bad row is not summed: its shares are incomplete, not wrong.
    for (w, line) in lastLine.sorted(by: { $0.value < $1.value }) where !erred.contains(w) {
      let total = out.filter { $0.workload == w }.map(\.share).reduce(0, +)
      if abs(total - 1) > 1e-6 {
        r.report(
          line: line,
          "shares of workload '\(w)' sum to \(Format.plain((total * 1e6).rounded() / 1e6)), not 1")
      }
    }
    return out
  }
}
