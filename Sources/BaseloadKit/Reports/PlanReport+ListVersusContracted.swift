extension PlanAnalysis {
  /// `report.md`'s section on negotiated discounts: every invoice line billed below its list price
  /// (`discounts.csv`), with the list price and cost beside the contracted ones, as `invoice.csv` has them
  /// in `ListUnitPrice`/`ListCost` and `ContractedUnitPrice`/`ContractedCost` (quantity × price). Empty when
  /// no line has a negotiated price, so reports without discounts do not change.
  var listVersusContracted: String {
    let lines = invoice.lines.filter { $0.listUnitPrice != nil }
    guard !lines.isEmpty else { return "" }
    let list = lines.reduce(0) { $0 + $1.quantity * $1.listPrice }
    let contracted = lines.reduce(0) { $0 + $1.quantity * $1.unitPrice }
    let off = list - contracted
    var s = "## List price versus contracted\n\n"
    s +=
      "Negotiated discounts (`discounts.csv`) bill \(lines.count) invoice line\(lines.count == 1 ? "" : "s") below list price; the totals above are at contracted prices. "
    s +=
      "List cost \(money(list)), contracted \(money(contracted)): **\(money(off)) (\(Format.percent(list > 0 ? off / list : 0))) off list**.\n\n"
    let rows = lines.map { l -> [String] in
      let listCost = l.quantity * l.listPrice
      let contractedCost = l.quantity * l.unitPrice
      return [
        l.month.description, l.provider, l.description, Format.number(l.quantity, 2), l.pricingUnit,
        currency.price(l.listPrice), currency.price(l.unitPrice), money(listCost),
        money(contractedCost),
        money(listCost - contractedCost),
      ]
    }
    s += Markdown.table(
      [
        "month", "vendor", "line", "quantity", "unit", "list price", "contracted price",
        "list cost", "contracted cost", "off list",
      ],
      rows + [
        ["**total**", "", "", "", "", "", "", money(list), money(contracted), "**\(money(off))**"]
      ],
      right: [3, 5, 6, 7, 8, 9])
    return s + "\n"
  }
}
