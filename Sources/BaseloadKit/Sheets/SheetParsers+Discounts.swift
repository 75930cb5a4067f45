extension SheetParsers {
  /// `discounts.csv`: vendor, offer (`*` or empty = every offer of the vendor), discount_pct, start, end. A
  /// discount may start or end inside the horizon; two on one offer must not share a month.
  mutating func discounts(
    _ table: CSVTable, apis: [APIOffer], capacity: [CapacityOffer], settings: PlanSettings?
  ) -> [Discount] {
    let r = reader(
      table, known: ["vendor", "offer", "discount_pct", "start", "end"],
      required: ["vendor", "discount_pct"])
    defer { finish(r) }
    let offers: [any OfferTerms] = apis + capacity
    let horizon = settings?.horizon ?? []
    var out: [Discount] = []
    for row in r.rows {
      guard let vendor = row.required("vendor") else { continue }
      let offerText = row.text("offer")
      let offer = offerText == "*" ? nil : offerText
      let pct = row.number(
        "discount_pct", in: 0...99.999_999, rangeWords: "a percent from 0 to below 100")
      let start = row.text("start") == nil ? nil : month(row, "start")
      let end = row.text("end") == nil ? nil : month(row, "end")
      var ok =
        pct != nil && (row.text("start") == nil || start != nil)
        && (row.text("end") == nil || end != nil)
      if let start, let end, end < start {
        r.report(row.place("end"), "end \(end) is before start \(start)")
        ok = false
      }
      if let offer {
        if let o = offers.first(where: { $0.id == offer }) {
          if o.vendor != vendor {
            r.report(
              row.place("offer"),
              "offer '\(Diagnostic.echo(offer))' is sold by '\(Diagnostic.echo(o.vendor))', not '\(Diagnostic.echo(vendor))'"
            )
            ok = false
          }
        } else {
          if unknown(offer, in: ["apis.csv", "capacity.csv"]) {
            r.report(
              row.place("offer"),
              "unknown offer '\(Diagnostic.echo(offer))' (not in apis.csv or capacity.csv)")
          }
          ok = false
        }
      } else if !offers.contains(where: { $0.vendor == vendor }),
        broken.isDisjoint(with: ["apis.csv", "capacity.csv"])
      {
        r.report(
          row.place("vendor"),
          "no offer of vendor '\(Diagnostic.echo(vendor))' in apis.csv or capacity.csv")
        ok = false
      }
      guard ok, let pct else { continue }
      let d = Discount(
        vendor: vendor, offer: offer, discountPct: pct, start: start, end: end, line: row.line)
      // A discount may start or end inside the horizon: the model prices each month at the discount in force
      // then (price_factor). One that lies wholly outside the horizon is ignored.
      let inForce = horizon.filter(d.covers)
      if inForce.isEmpty && !horizon.isEmpty { continue }
      for o in offers where d.applies(to: o.id, vendor: o.vendor) {
        if let other = out.first(where: { $0.applies(to: o.id, vendor: o.vendor) && $0.overlaps(d) }
        ) {
          r.report(
            row.place(offer == nil ? "vendor" : "offer"),
            "offer '\(Diagnostic.echo(o.id))' already has a discount in some of these months (line \(other.line)); give one discount per offer and month"
          )
          ok = false
          break
        }
      }
      if ok { out.append(d) }
    }
    return out
  }
}
