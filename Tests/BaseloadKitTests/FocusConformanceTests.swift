import Foundation
import Testing

@testable import BaseloadKit

/// Every row of every committed example invoice against the FOCUS 1.2 column definitions
/// (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.2, specification/columns/*.md), written here as data:
/// presence, type, allowed values and the nullability conditions, then the rules that relate columns.
@Suite struct FocusConformanceTests {
  /// A condition on one row.
  indirect enum When {
    case always
    case equals(String, String)
    case notEquals(String, String)
    case isNull(String)
    case notNull(String)
    case all([When])
    case any([When])

    func holds(_ row: [String: String]) -> Bool {
      switch self {
      case .always: return true
      case .equals(let c, let v): return row[c] == v
      case .notEquals(let c, let v): return row[c] != v
      case .isNull(let c): return (row[c] ?? "").isEmpty
      case .notNull(let c): return !(row[c] ?? "").isEmpty
      case .all(let cs): return cs.allSatisfy { $0.holds(row) }
      case .any(let cs): return cs.contains { $0.holds(row) }
      }
    }
  }

  enum Level { case mandatory, recommended, conditional }
  enum Kind { case decimal, nonNegativeDecimal, string, dateTime }

  /// One column's requirements.
  struct Column {
    var name: String
    var level: Level
    var kind: Kind
    var allowed: [String]? = nil
    /// MUST be null when…
    var nullWhen: When? = nil
    /// MUST NOT be null when…
    var notNullWhen: When? = nil
  }

  static let usageOrPurchase: When = .all([
    .any([.equals("ChargeCategory", "Usage"), .equals("ChargeCategory", "Purchase")]),
    .notEquals("ChargeClass", "Correction"),
  ])
  static let tax: When = .equals("ChargeCategory", "Tax")

  /// The FOCUS 1.2 columns invoice.csv carries, with their rules.
  static let columns: [Column] = [
    Column(name: "BilledCost", level: .mandatory, kind: .decimal, notNullWhen: .always),
    Column(name: "BillingAccountId", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(name: "BillingAccountName", level: .mandatory, kind: .string),
    Column(name: "BillingCurrency", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(name: "BillingPeriodEnd", level: .mandatory, kind: .dateTime, notNullWhen: .always),
    Column(name: "BillingPeriodStart", level: .mandatory, kind: .dateTime, notNullWhen: .always),
    Column(
      name: "CapacityReservationId", level: .conditional, kind: .string,
      notNullWhen: .notNull("CapacityReservationStatus")),
    Column(
      name: "CapacityReservationStatus", level: .conditional, kind: .string,
      allowed: ["Used", "Unused"], nullWhen: .isNull("CapacityReservationId"),
      notNullWhen: .all([.notNull("CapacityReservationId"), .equals("ChargeCategory", "Usage")])),
    Column(
      name: "ChargeCategory", level: .mandatory, kind: .string,
      allowed: ["Usage", "Purchase", "Tax", "Credit", "Adjustment"], notNullWhen: .always),
    Column(
      name: "ChargeClass", level: .mandatory, kind: .string, allowed: ["Correction"]),
    Column(name: "ChargeDescription", level: .mandatory, kind: .string),
    Column(
      name: "ChargeFrequency", level: .recommended, kind: .string,
      allowed: ["One-Time", "Recurring", "Usage-Based"], notNullWhen: .always),
    Column(name: "ChargePeriodEnd", level: .mandatory, kind: .dateTime, notNullWhen: .always),
    Column(name: "ChargePeriodStart", level: .mandatory, kind: .dateTime, notNullWhen: .always),
    Column(
      name: "CommitmentDiscountCategory", level: .conditional, kind: .string,
      allowed: ["Spend", "Usage"], nullWhen: .isNull("CommitmentDiscountId"),
      notNullWhen: .notNull("CommitmentDiscountId")),
    Column(name: "CommitmentDiscountId", level: .conditional, kind: .string),
    Column(
      name: "CommitmentDiscountName", level: .conditional, kind: .string,
      nullWhen: .isNull("CommitmentDiscountId")),
    Column(
      name: "CommitmentDiscountQuantity", level: .conditional, kind: .decimal,
      nullWhen: .any([
        .isNull("CommitmentDiscountId"),
        .all([.notEquals("ChargeCategory", "Usage"), .notEquals("ChargeCategory", "Purchase")]),
      ]),
      notNullWhen: .all([.notNull("CommitmentDiscountId"), usageOrPurchase])),
    Column(
      name: "CommitmentDiscountStatus", level: .conditional, kind: .string,
      allowed: ["Used", "Unused"], nullWhen: .isNull("CommitmentDiscountId"),
      notNullWhen: .all([.notNull("CommitmentDiscountId"), .equals("ChargeCategory", "Usage")])),
    Column(
      name: "CommitmentDiscountType", level: .conditional, kind: .string,
      nullWhen: .isNull("CommitmentDiscountId"), notNullWhen: .notNull("CommitmentDiscountId")),
    Column(
      name: "CommitmentDiscountUnit", level: .conditional, kind: .string,
      nullWhen: .isNull("CommitmentDiscountQuantity"),
      notNullWhen: .notNull("CommitmentDiscountQuantity")),
    Column(
      name: "ConsumedQuantity", level: .conditional, kind: .decimal,
      nullWhen: .any([
        .notEquals("ChargeCategory", "Usage"), .equals("CommitmentDiscountStatus", "Unused"),
      ]),
      notNullWhen: .all([
        .equals("ChargeCategory", "Usage"), .notEquals("CommitmentDiscountStatus", "Unused"),
        .notEquals("ChargeClass", "Correction"),
      ])),
    Column(
      name: "ConsumedUnit", level: .conditional, kind: .string,
      nullWhen: .isNull("ConsumedQuantity"), notNullWhen: .notNull("ConsumedQuantity")),
    Column(name: "ContractedCost", level: .mandatory, kind: .decimal, notNullWhen: .always),
    Column(
      name: "ContractedUnitPrice", level: .conditional, kind: .nonNegativeDecimal, nullWhen: tax,
      notNullWhen: usageOrPurchase),
    Column(name: "EffectiveCost", level: .mandatory, kind: .decimal, notNullWhen: .always),
    Column(name: "InvoiceId", level: .recommended, kind: .string, notNullWhen: .always),
    Column(name: "InvoiceIssuerName", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(name: "ListCost", level: .mandatory, kind: .decimal, notNullWhen: .always),
    Column(
      name: "ListUnitPrice", level: .conditional, kind: .nonNegativeDecimal, nullWhen: tax,
      notNullWhen: usageOrPurchase),
    Column(
      name: "PricingCategory", level: .conditional, kind: .string,
      allowed: ["Standard", "Dynamic", "Committed", "Other"], nullWhen: tax,
      notNullWhen: usageOrPurchase),
    Column(name: "PricingCurrency", level: .conditional, kind: .string, notNullWhen: .always),
    Column(
      name: "PricingCurrencyContractedUnitPrice", level: .conditional, kind: .nonNegativeDecimal,
      nullWhen: tax, notNullWhen: usageOrPurchase),
    Column(
      name: "PricingCurrencyEffectiveCost", level: .conditional, kind: .decimal,
      notNullWhen: .always),
    Column(
      name: "PricingCurrencyListUnitPrice", level: .conditional, kind: .nonNegativeDecimal,
      nullWhen: tax, notNullWhen: usageOrPurchase),
    Column(
      name: "PricingQuantity", level: .mandatory, kind: .decimal, nullWhen: tax,
      notNullWhen: usageOrPurchase),
    Column(
      name: "PricingUnit", level: .mandatory, kind: .string, nullWhen: .isNull("PricingQuantity"),
      notNullWhen: .notNull("PricingQuantity")),
    Column(name: "ProviderName", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(name: "PublisherName", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(
      name: "ServiceCategory", level: .mandatory, kind: .string,
      allowed: [
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases",
        "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things",
        "Management and Governance", "Media", "Migration", "Mobile", "Networking", "Security",
        "Storage", "Web", "Other",
      ], notNullWhen: .always),
    Column(name: "ServiceName", level: .mandatory, kind: .string, notNullWhen: .always),
    Column(
      name: "ServiceSubcategory", level: .recommended, kind: .string,
      allowed: Array(subcategoryParent.keys), notNullWhen: .always),
    Column(
      name: "SkuId", level: .conditional, kind: .string, nullWhen: tax, notNullWhen: usageOrPurchase
    ),
    Column(
      name: "SkuPriceId", level: .conditional, kind: .string, nullWhen: tax,
      notNullWhen: usageOrPurchase),
  ]

  /// ServiceSubcategory → its one parent ServiceCategory (the AI and Machine Learning rows of the table).
  static let subcategoryParent = [
    "AI Platforms": "AI and Machine Learning", "Bots": "AI and Machine Learning",
    "Generative AI": "AI and Machine Learning", "Machine Learning": "AI and Machine Learning",
    "Natural Language Processing": "AI and Machine Learning",
    "Other (AI and Machine Learning)": "AI and Machine Learning",
  ]

  /// cost = unit price × quantity when the unit price and quantity are not null and the row is no correction.
  static let products = [
    ("ListCost", "ListUnitPrice"), ("ContractedCost", "ContractedUnitPrice"),
  ]

  static func isoDate(_ s: String) -> Bool {
    s.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil
  }

  /// Every problem of one invoice.csv, as `file:line: message`.
  static func problems(_ text: String, file: String) throws -> [String] {
    let table = try CSVParser.table(in: text, fileName: file)
    let header = table.header.cells.map(\.text)
    var out: [String] = []
    for c in columns where c.level == .mandatory && !header.contains(c.name) {
      out.append("\(file): mandatory column \(c.name) missing")
    }
    for h in header where !h.hasPrefix("x_") && !columns.contains(where: { $0.name == h }) {
      out.append("\(file): column \(h) is neither FOCUS 1.2 nor x_-prefixed")
    }
    // Sums per reservation or commitment and charge period.
    var usageEffective: [String: Double] = [:]
    var purchaseBilled: [String: Double] = [:]
    var usedPlusUnused: [String: Double] = [:]
    for r in table.records {
      var row: [String: String] = [:]
      for (i, cell) in r.cells.enumerated() where i < header.count { row[header[i]] = cell.text }
      func bad(_ m: String) { out.append("\(file):\(r.line): \(m)") }
      for c in columns {
        let v = row[c.name] ?? ""
        if v.isEmpty {
          if let w = c.notNullWhen, w.holds(row) { bad("\(c.name) must not be null") }
          continue
        }
        if let w = c.nullWhen, w.holds(row) { bad("\(c.name) must be null, is \(v)") }
        if let allowed = c.allowed, !allowed.contains(v) { bad("\(c.name) \(v) not allowed") }
        switch c.kind {
        case .decimal: if Double(v) == nil { bad("\(c.name) \(v) not a decimal") }
        case .nonNegativeDecimal:
          if (Double(v) ?? -1) < 0 { bad("\(c.name) \(v) not a non-negative decimal") }
        case .dateTime: if !isoDate(v) { bad("\(c.name) \(v) not ISO 8601 UTC") }
        case .string: break
        }
      }
      let num = { (c: String) in Double(row[c] ?? "") }
      if row["ChargeClass"] != "Correction", let q = num("PricingQuantity") {
        for (cost, price) in products {
          if let p = num(price), let k = num(cost), abs(p * q - k) > 1e-6 * (abs(p) + abs(q)) + 2e-6
          {
            bad("\(cost) \(k) ≠ \(price) × PricingQuantity = \(p * q)")
          }
        }
      }
      for (cost, price) in products where (row[price] ?? "").isEmpty {
        // Unrelated to other charges (a Credit): the cost is what was billed.
        if row["ChargeCategory"] == "Credit" && row[cost] != row["BilledCost"] {
          bad("\(cost) must match BilledCost on a Credit without \(price)")
        }
      }
      if row["ChargeCategory"] == "Purchase" {
        if row["ChargeFrequency"] == "Usage-Based" { bad("a Purchase is not Usage-Based") }
        // Every Baseload purchase covers the period's eligible charges.
        if num("EffectiveCost") != 0 { bad("EffectiveCost of a Purchase must be 0") }
      }
      if row["CommitmentDiscountId"]?.isEmpty == false && row["ChargeCategory"] == "Usage"
        && row["PricingCategory"] != "Committed"
      {
        bad("usage under a commitment discount must be PricingCategory Committed")
      }
      if let sub = row["ServiceSubcategory"], let parent = subcategoryParent[sub],
        row["ServiceCategory"] != parent
      {
        bad("ServiceSubcategory \(sub) belongs to \(parent)")
      }
      if row["BillingCurrency"]?.wholeMatch(of: /[A-Z]{3}/) == nil {
        bad("BillingCurrency not ISO 4217")
      }
      for id in ["CommitmentDiscountId", "CapacityReservationId"] {
        guard let v = row[id], !v.isEmpty else { continue }
        let key = "\(id) \(v) \(row["ChargePeriodStart"] ?? "")"
        if row["ChargeCategory"] == "Usage" {
          usageEffective[key, default: 0] += num("EffectiveCost") ?? 0
          let status =
            id == "CommitmentDiscountId" ? "CommitmentDiscountStatus" : "CapacityReservationStatus"
          if row[status] == "Used" || row[status] == "Unused" {
            usedPlusUnused[key, default: 0] += num("EffectiveCost") ?? 0
          }
        } else if row["ChargeCategory"] == "Purchase" {
          purchaseBilled[key, default: 0] += num("BilledCost") ?? 0
        }
      }
    }
    for (key, billed) in purchaseBilled.sorted(by: { $0.key < $1.key }) {
      let effective = usageEffective[key] ?? 0
      if abs(effective - billed) > 1e-5 {
        out.append(
          "\(file): \(key): Usage EffectiveCost \(effective) ≠ Purchase BilledCost \(billed)")
      }
      if abs((usedPlusUnused[key] ?? 0) - effective) > 1e-5 {
        out.append("\(file): \(key): Used + Unused EffectiveCost ≠ Usage EffectiveCost")
      }
    }
    return out
  }

  static var committedInvoices: [String] {
    ExampleReportsTests.examples.map { "Reports/\($0)/invoice.csv" }
  }

  @Test(arguments: committedInvoices) func committedInvoiceConformsToFOCUS12(_ path: String) throws
  {
    let text = try String(
      contentsOf: TestFolder.repoRoot.appendingPathComponent(path), encoding: .utf8)
    #expect(try Self.problems(text, file: path) == [])
  }

  /// A signed $0.50/h commitment (20% off) over usage busy 9 hours a weekday (180 of 672 hours): the fee
  /// is 336 USD, 90 of it covers usage (0.50 × 180 h), 246 is unused.
  static func commitmentExample() throws -> PlanAnalysis {
    typealias P = PlacementOptimaTests
    let input = try TestFolder.load([
      "plan.csv": P.feb + "name,c\n",
      "profiles.csv": "profile,day,hour,weight\n"
        + (9...17).map { "p,weekday,\($0),1\n" }.joined(),
      "workloads.csv": P.wh + "\nw,mid,standard,\(1000 * 24),1,1,1,1000,100,p,0,0,1,0\n",
      "apis.csv": P.api,
      "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nsp,V,api,20,1\n",
      "contracts.csv": "offer,usd_per_hour,start,end\nsp,0.5,2027-02,2027-02\n",
    ])
    return PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
  }

  @Test func aCommitmentGivesPurchaseUsedUnusedAndCreditRows() throws {
    let csv = try Self.commitmentExample().invoiceCSV
    #expect(try Self.problems(csv, file: "c.csv") == [])
    let table = try CSVParser.table(in: csv, fileName: "c.csv")
    let header = table.header.cells.map(\.text)
    let rows = table.records.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0.cells.map(\.text)))
    }
    let commitment = rows.filter { $0["CommitmentDiscountId"] == "sp" }.map {
      [
        $0["ChargeCategory"]!, $0["CommitmentDiscountStatus"]!, $0["BilledCost"]!,
        $0["EffectiveCost"]!, $0["CommitmentDiscountQuantity"]!, $0["ConsumedQuantity"]!,
      ]
    }
    // Covered usage at list: 90 / (1 − 0.2) = 112.5, billed on the usage lines and credited back.
    #expect(
      commitment == [
        ["Purchase", "", "336.000000", "0.000000", "336.000000", ""],
        ["Usage", "Used", "0.000000", "90.000000", "90.000000", "90.000000"],
        ["Usage", "Unused", "0.000000", "246.000000", "246.000000", ""],
        ["Credit", "", "-112.500000", "-112.500000", "", ""],
      ])
    let billed = rows.reduce(0.0) { $0 + Double($1["BilledCost"]!)! }
    let effective = rows.reduce(0.0) { $0 + Double($1["EffectiveCost"]!)! }
    #expect(abs(billed - effective) < 1e-6)
  }

  /// The committed invoices hold the reservation rows the rules speak of, so the rules are exercised there.
  @Test func theExamplesCoverEveryRowShape() throws {
    var seen: Set<String> = []
    for path in Self.committedInvoices {
      let text = try String(
        contentsOf: TestFolder.repoRoot.appendingPathComponent(path), encoding: .utf8)
      let table = try CSVParser.table(in: text, fileName: path)
      let header = table.header.cells.map(\.text)
      for r in table.records {
        let row = Dictionary(uniqueKeysWithValues: zip(header, r.cells.map(\.text)))
        seen.insert(row["ChargeCategory"] ?? "")
        for s in ["CapacityReservationStatus", "CommitmentDiscountStatus"]
        where (row[s] ?? "") != "" {
          seen.insert("\(s) \(row[s] ?? "")")
        }
      }
    }
    #expect(
      seen.isSuperset(of: [
        "Usage", "Purchase", "CapacityReservationStatus Used", "CapacityReservationStatus Unused",
      ]), "\(seen.sorted())")
  }

  /// The checker itself finds what it should: a Purchase with EffectiveCost, a Usage row without
  /// ConsumedQuantity, a status without its id, a reservation whose used cost exceeds what it billed.
  @Test func theCheckerRejectsBrokenRows() throws {
    let analysis = try InvoiceTests.reservedExample()
    var lines = analysis.invoiceCSV.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    func set(_ row: Int, _ column: String, _ value: String) {
      var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
      cells[header.firstIndex(of: column)!] = value
      lines[row] = cells.joined(separator: ",")
    }
    #expect(try Self.problems(lines.joined(separator: "\n") + "\n", file: "i.csv") == [])
    set(3, "EffectiveCost", "1.000000")
    set(1, "ConsumedQuantity", "")
    set(2, "CapacityReservationStatus", "Used")
    set(4, "EffectiveCost", "1345.000000")
    let found = try Self.problems(lines.joined(separator: "\n") + "\n", file: "i.csv")
    #expect(
      found == [
        "i.csv:2: ConsumedQuantity must not be null",
        "i.csv:2: ConsumedUnit must be null, is 1M tokens",
        "i.csv:3: CapacityReservationId must not be null",
        "i.csv:3: CapacityReservationStatus must be null, is Used",
        "i.csv:4: EffectiveCost of a Purchase must be 0",
        "i.csv: CapacityReservationId gpu 2027-02-01T00:00:00Z: Usage EffectiveCost 1345.0 ≠ Purchase BilledCost 1344.0",
      ])
  }
}
