import Foundation
import Testing

@testable import BaseloadKit

/// `discounts.csv`: negotiated discounts on top of list prices.
@Suite struct DiscountTests {
  typealias P = PlacementOptimaTests

  static func sheets(_ discounts: String) -> [String: String] {
    [
      "plan.csv": P.feb + "name,t\n",
      "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,0.9,0\n",
      "apis.csv": P.api,
      "capacity.csv": P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,2,1000,100\n",
      "contracts.csv": "offer,units,start,end\ngpu,2,2027-02,2027-02\n",
      "discounts.csv": discounts,
    ]
  }

  /// InvoiceTests' plan with 20% off the API and 10% off the GPUs (a discount that ended before the plan is
  /// ignored): the two signed GPUs still carry 2,880
  /// calls/h (max_units 2), the API the other 720: 483.84 Mtok input at $0.80 = $387.072, 48.384 Mtok output
  /// at $1.60 = $77.4144, 1,344 GPU-hours at $0.90 = $1,209.60; total $1,674.0864. The list prices stay in
  /// the sheets and show on the invoice as ListUnitPrice / ListCost.
  @Test func discountsPriceThePlanAndTheInvoiceShowsListBesideContracted() throws {
    let input = try TestFolder.load(
      Self.sheets(
        "vendor,offer,discount_pct,start,end\nV,api,20,,\nV,gpu,10,2027-01,2027-12\nV,*,5,2026-01,2026-12\n"
      ))
    #expect(input.apis[0].usdPerMtokInput == 1)
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    #expect(abs(a.invoice.total - 1674.0864) < 1e-6)
    #expect(abs(a.result.objective - 1674.0864) < 1e-6)
    #expect(a.data.input.apis[0].usdPerMtokInput == 0.8)
    let csv = a.invoiceCSV
    #expect(try FocusConformanceTests.problems(csv, file: "i.csv") == [])
    let table = try CSVParser.table(in: csv, fileName: "i.csv")
    let header = table.header.cells.map(\.text)
    let rows = table.records.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0.cells.map(\.text)))
    }
    #expect(
      rows.map {
        [
          $0["x_BaseloadLineKey"]!, $0["ListUnitPrice"]!, $0["ContractedUnitPrice"]!,
          $0["ListCost"]!, $0["ContractedCost"]!, $0["BilledCost"]!,
        ]
      } == [
        [
          "V|api|input tokens|2027-02", "1.000000", "0.800000", "483.840000", "387.072000",
          "387.072000",
        ],
        [
          "V|api|output tokens|2027-02", "2.000000", "1.600000", "96.768000", "77.414400",
          "77.414400",
        ],
        [
          "V|gpu|reserved units|2027-02", "1.000000", "0.900000", "1344.000000", "1209.600000",
          "1209.600000",
        ],
        [
          "V|gpu|reserved units|2027-02|used", "1.000000", "0.900000", "1344.000000", "1209.600000",
          "0.000000",
        ],
      ])
  }

  /// report.md puts the list price and cost beside the contracted ones for every discounted line, in the
  /// numbers of the test above: 483.84 Mtok at $1.00 list / $0.80 contracted, 48.384 Mtok at $2.00 / $1.60,
  /// 1,344 GPU-hours at $1.00 / $0.90; list $1,924.608, contracted $1,674.0864, $250.5216 (13.0%) off list.
  /// A plan whose only discount lies outside the horizon has no such section.
  @Test func reportShowsListBesideContracted() throws {
    let input = try TestFolder.load(
      Self.sheets("vendor,offer,discount_pct,start,end\nV,api,20,,\nV,gpu,10,2027-01,2027-12\n"))
    let md = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath)
    ).markdown
    let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(lines.firstIndex(of: "## List price versus contracted"))
    #expect(
      Array(lines[start..<(start + 10)]) == [
        "## List price versus contracted",
        "",
        "Negotiated discounts (`discounts.csv`) bill 3 invoice lines below list price; the totals above are at contracted prices. List cost $1,924.61, contracted $1,674.09: **$250.52 (13.0%) off list**.",
        "",
        "| month | vendor | line | quantity | unit | list price | contracted price | list cost | contracted cost | off list |",
        "|---|---|---|---:|---|---:|---:|---:|---:|---:|",
        "| 2027-02 | V | api input tokens | 483.84 | 1M tokens | $1.00 | $0.80 | $483.84 | $387.07 | $96.77 |",
        "| 2027-02 | V | api output tokens | 48.38 | 1M tokens | $2.00 | $1.60 | $96.77 | $77.41 | $19.35 |",
        "| 2027-02 | V | gpu reserved units | 1,344.00 | GPU-hour | $1.00 | $0.90 | $1,344.00 | $1,209.60 | $134.40 |",
        "| **total** |  |  |  |  |  |  | $1,924.61 | $1,674.09 | **$250.52** |",
      ])
    #expect(lines[start - 2].hasPrefix("| V | $1,674.09 |"))
    #expect(lines[start + 11] == "## What to buy and when")
    let undiscounted = try TestFolder.load(
      Self.sheets("vendor,offer,discount_pct,start,end\nV,*,5,2026-01,2026-12\n"))
    let plain = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: undiscounted), modelPath: TestFolder.modelPath)
    ).markdown
    #expect(!plain.contains("List price"))
    #expect(
      plain.contains("## Cost by vendor\n\n| vendor | cost | share |\n|---|---:|---:|\n| V | "))
  }

  /// A discount that changes inside the horizon, one for an unknown vendor or offer, another vendor's
  /// offer, two on one offer, 100% and end before start: each at its cell.
  @Test func badDiscountRowsAreLocated() {
    let problems = TestFolder.problems(
      Self.sheets(
        """
        vendor,offer,discount_pct,start,end
        V,api,20,2027-03,
        Nobody,*,5,,
        V,nope,5,,
        W,gpu,5,,
        V,*,100,,
        V,gpu,5,2027-02,2027-01
        V,gpu,5,,
        V,*,7,,

        """))
    #expect(
      problems == [
        "discounts.csv:3:1: no offer of vendor 'Nobody' in apis.csv or capacity.csv",
        "discounts.csv:4:3: unknown offer 'nope' (not in apis.csv or capacity.csv)",
        "discounts.csv:5:3: offer 'gpu' is sold by 'V', not 'W'",
        "discounts.csv:6:5: discount_pct must be a percent from 0 to below 100, got 100",
        "discounts.csv:7:17: end 2027-01 is before start 2027-02",
        "discounts.csv:9:1: offer 'gpu' already has a discount (line 8); give one discount per offer",
      ])
  }

  /// A window inside the horizon is refused where it starts or ends.
  @Test func aDiscountMustHoldForTheWholeHorizon() {
    var sheets = Self.sheets("vendor,offer,discount_pct,start,end\nV,api,20,2027-03,\n")
    sheets["plan.csv"] = "key,value\nname,t\nstart,2027-02\nmonths,3\n"
    sheets["contracts.csv"] = "offer,units,start,end\ngpu,2,2027-02,2027-04\n"
    #expect(
      TestFolder.problems(sheets) == [
        "discounts.csv:2:10: the discount is in force in 2 of the plan's 3 months (2027-02…2027-04); Baseload prices an offer the same in every month: plan the months before and after the change separately, or set start and end to cover the horizon"
      ])
  }
}
