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
    let offerIDs = Set(apis.map(\.id) + capacity.map(\.id))
    var owner: [String: String] = [:]
    var out: [Commitment] = []
    for row in rows {
      let id = row.required("id")
      let vendor = row.required("vendor")
      let applies = row.list("applies_to", default: [])
      if applies.isEmpty { r.report(row.place("applies_to"), "missing value for 'applies_to'") }
      var ok = true
      for o in applies {
        if !offerIDs.contains(o) {
          r.report(
            row.place("applies_to"),
            "unknown offer '\(o)' in applies_to (not in apis.csv or capacity.csv)")
          ok = false
        } else if let other = owner[o] {
          r.report(
            row.place("applies_to"),
            "offer '\(o)' is already covered by commitment '\(other)'; an offer may be in one commitment"
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
        r.report(
          row.place("offer"),
          "unknown offer '\(offer)' (not a capacity offer in capacity.csv or a commitment in commitments.csv)"
        )
        continue
      }
      guard let start, let end, end >= start else { continue }
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
      out.append(QualityOverride(workload: w, offer: o, successRate: s))
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
    for row in r.rows {
      let w = knownWorkload(row, "workload", workloads)
      let o = knownOffer(row, "offer", ids)
      let s = row.number("share", in: .unit)
      guard let w, let o, let s else { continue }
      if let wl = workloads.first(where: { $0.id == w }),
        let off = offers.first(where: { $0.id == o }),
        let why = Compatibility.exclusion(of: off, for: wl)
      {
        r.report(row.place("offer"), "offer '\(o)' cannot serve workload '\(w)': \(why)")
        continue
      }
      lastLine[w] = row.line
      out.append(CurrentShare(workload: w, offer: o, share: s))
    }
    for (w, line) in lastLine.sorted(by: { $0.value < $1.value }) {
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
