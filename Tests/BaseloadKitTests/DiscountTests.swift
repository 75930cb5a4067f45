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
    // The offers keep their list prices; the discount is the model's price factor in the month.
    #expect(a.data.input.apis[0].usdPerMtokInput == 1)
    #expect(a.data.priceFactor == ["api": [0.8], "gpu": [0.9]])
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

  /// One for an unknown vendor or offer, another vendor's offer, two on one offer in the same months, 100% and
  /// end before start: each at its cell (a discount that starts after the one-month horizon is ignored).
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
        "discounts.csv:9:1: offer 'gpu' already has a discount in some of these months (line 8); give one discount per offer and month",
      ])
  }

  /// Issue 15 item 2: a discount from the plan's second month (a renegotiated contract) is ordinary input. The
  /// two signed GPUs (max_units 2) carry 2,880 of the 3,600 calls/h in every month, $1.00 a GPU-hour:
  /// 2 × (672 + 744 + 720) h = $4,272; the API carries 720 calls/h at $0.0012 a call, $0.864/h: February at list
  /// 672 × 0.864 = $580.608, March and April 20% off, (744 + 720) × 0.864 × 0.8 = $1,011.9168; total
  /// $5,864.5248. The exact model and the dispatch LP (units held) both bill it.
  @Test func aDiscountFromTheSecondMonthPricesTheMonthsItIsInForce() throws {
    var sheets = Self.sheets("vendor,offer,discount_pct,start,end\nV,api,20,2027-03,\n")
    sheets["plan.csv"] = "key,value\nname,t\nstart,2027-02\nmonths,3\n"
    sheets["contracts.csv"] = "offer,units,start,end\ngpu,2,2027-02,2027-04\n"
    #expect(TestFolder.problems(sheets) == [])
    let input = try TestFolder.load(sheets)
    let data = PlacementData(input: input)
    #expect(data.priceFactor == ["api": [1, 0.8, 0.8]])
    let r = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    #expect(abs(r.objective - 5864.5248) < 1e-6, "\(r.objective)")
    #expect(abs(PlanAnalysis(r).invoice.total - 5864.5248) < 1e-6)
    // With the units held, every hour is dispatched (the dispatch LP): the same bill.
    var held = data
    held.hold(units: ["gpu": [2, 2, 2]], levels: [:])
    let d = try PlacementSolver.solve(held, modelPath: TestFolder.modelPath)
    #expect(d.strategy?.path == .dispatch)
    #expect(abs(d.objective - 5864.5248) < 1e-6, "\(d.objective)")
    #expect(abs(PlanAnalysis(d).invoice.total - 5864.5248) < 1e-6)
  }

  /// Rows of `invoice.csv` by column name.
  static func rows(_ a: PlanAnalysis) throws -> [[String: String]] {
    let table = try CSVParser.table(in: a.invoiceCSV, fileName: "i.csv")
    let header = table.header.cells.map(\.text)
    return table.records.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0.cells.map(\.text)))
    }
  }

  /// A 3-month plan (January–March 2027) on one API, 20% off from February. 3,600 calls/h of 1,000 input and
  /// 100 output tokens: 3.6 Mtok/h input at $1, 0.36 Mtok/h output at $2. By hand: January 744 h at list,
  /// 2,678.4 Mtok × $1 + 267.84 Mtok × $2 = $3,214.08; February 672 h, 2,419.2 × $0.80 + 241.92 × $1.60 =
  /// $1,935.36 + $387.072; March 744 h, 2,678.4 × $0.80 + 267.84 × $1.60 = $2,142.72 + $428.544; total
  /// $8,107.776. glpsol on the written data reaches the same optimum.
  @Test func aThreeMonthBillWithADiscountFromFebruaryToTheCent() throws {
    let sheets = [
      "plan.csv": "key,value\nname,t\nstart,2027-01\nmonths,3\nmip_gap,0\n",
      "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,1,0\n",
      "apis.csv": P.api,
      "discounts.csv": "vendor,offer,discount_pct,start,end\nV,api,20,2027-02,\n",
    ]
    let data = PlacementData(input: try TestFolder.load(sheets))
    let a = PlanAnalysis(try PlacementSolver.solve(data, modelPath: TestFolder.modelPath))
    #expect(abs(a.result.objective - 8107.776) < 1e-6, "\(a.result.objective)")
    #expect(abs(a.invoice.total - 8107.776) < 1e-6)
    #expect(try FocusConformanceTests.problems(a.invoiceCSV, file: "i.csv") == [])
    #expect(
      try Self.rows(a).map {
        [
          $0["x_BaseloadLineKey"]!, $0["ListUnitPrice"]!, $0["ContractedUnitPrice"]!,
          $0["ListCost"]!, $0["BilledCost"]!,
        ]
      } == [
        ["V|api|input tokens|2027-01", "1.000000", "1.000000", "2678.400000", "2678.400000"],
        ["V|api|output tokens|2027-01", "2.000000", "2.000000", "535.680000", "535.680000"],
        ["V|api|input tokens|2027-02", "1.000000", "0.800000", "2419.200000", "1935.360000"],
        ["V|api|output tokens|2027-02", "2.000000", "1.600000", "483.840000", "387.072000"],
        ["V|api|input tokens|2027-03", "1.000000", "0.800000", "2678.400000", "2142.720000"],
        ["V|api|output tokens|2027-03", "2.000000", "1.600000", "535.680000", "428.544000"],
      ])
    // The data file carries the factor where it is not 1 only, and glpsol reaches the same optimum.
    let text = data.mathProgData()
    #expect(text.contains("param price_factor :=\n  'api' 2 0.8\n  'api' 3 0.8;\n"))
    guard TestFolder.glpsolPath != nil else {
      Issue.record("glpsol is not installed (apt-get install glpk-utils)")
      return
    }
    let dat = FileManager.default.temporaryDirectory.appendingPathComponent(
      "discount-\(UUID().uuidString).dat"
    ).path
    defer { try? FileManager.default.removeItem(atPath: dat) }
    try text.write(toFile: dat, atomically: true, encoding: .utf8)
    let report = try #require(try TestFolder.glpsol(data: dat))
    let value = try #require(TestFolder.glpsolObjective(report))
    #expect(abs(value - 8107.776) < 1e-3, "glpsol \(value)")
  }

  /// The command line: `check` and `plan` accept a discount from the second month (exit 0, not the bad-input
  /// exit 1 it used to be), and the plan's total is the hand-computed $8,107.78.
  @Test func theCommandLinePlansADiscountFromTheSecondMonth() {
    let dir = TestFolder.make([
      "plan.csv": "key,value\nname,t\nstart,2027-01\nmonths,3\nmip_gap,0\n",
      "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,1,0\n",
      "apis.csv": P.api,
      "discounts.csv": "vendor,offer,discount_pct,start,end\nV,api,20,2027-02,\n",
    ])
    let check = Captured()
    #expect(BaseloadCLI.run(["check", dir], io: check.io) == .ok, "\(check.stderr)")
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    #expect(
      BaseloadCLI.run(["plan", dir, "--out", out, "--quiet"], io: c.io) == .ok, "\(c.stderr)")
    #expect(c.stdout.hasPrefix("t: total $8,107.78"), "\(c.stdout)")
  }

  /// Quotes of the same plan: *list* is the list price, $0.0012 a call of 1,100 tokens = $1.090909/Mtok;
  /// *standalone* and *in plan* are the bill at each month's price over the tokens: 7,776,000 calls
  /// (3,600 calls/h × 2,160 h) × 1,100 tokens = 8,553.6 Mtok for $8,107.776, $0.947878/Mtok.
  @Test func quotesShowTheListPriceAndTheBillAtEachMonthsPrice() throws {
    let sheets = [
      "plan.csv": "key,value\nname,t\nstart,2027-01\nmonths,3\nmip_gap,0\n",
      "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,1,0\n",
      "apis.csv": P.api,
      "discounts.csv": "vendor,offer,discount_pct,start,end\nV,api,20,2027-02,\n",
    ]
    let input = try TestFolder.load(sheets)
    let plan = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    let q = try #require(
      try QuoteEngine(input: input, plan: plan, modelPath: TestFolder.modelPath).quotes().first)
    #expect(abs(q.listPerMtok - 0.0012 / 1100 * 1e6) < 1e-9, "\(q.listPerMtok)")
    #expect(
      abs((q.standalonePerMtok ?? 0) - 8107.776 / 8553.6) < 1e-9, "\(q.standalonePerMtok ?? 0)")
    #expect(abs((q.inPlanPerMtok ?? 0) - 8107.776 / 8553.6) < 1e-9, "\(q.inPlanPerMtok ?? 0)")
  }

  /// A reserved GPU at $2.00 an hour list carries 1,440 calls an hour, $1.728 of API use: not worth it in
  /// January; 25% off from February makes it $1.50, so the plan buys 2 GPUs (2,880 of the 3,600 calls/h; a
  /// third, half used, would carry $0.864/h) for February and March only. By hand: January all API,
  /// 744 × $4.32 = $3,214.08; February 2 × 672 × $1.50 = $2,016 + 720 × 672 × $0.0012 = $580.608; March
  /// 2 × 744 × $1.50 = $2,232 + 720 × 744 × $0.0012 = $642.816; total $8,685.504.
  static let gpuFromFebruary: [String: String] = [
    "plan.csv": "key,value\nname,t\nstart,2027-01\nmonths,3\nmip_gap,0\n",
    "workloads.csv": P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,1,0\n",
    "apis.csv": P.api,
    "capacity.csv": P.capHeader + "\ngpu,V,mid,2.00,reserved,1,0,1,,1000,100\n",
    "discounts.csv": "vendor,offer,discount_pct,start,end\nV,gpu,25,2027-02,\n",
  ]

  /// A reservation names a negotiated discount only when one is in force in a month it is billed (an independent
  /// reviewer read "less the negotiated discount in force each month" on a purchase billed after the discount
  /// ended). $1.00 GPUs, demand growing 30% a month, 50% off in March only: each month's purchase is its own
  /// sentence, and only March's names the discount.
  @Test func aReservationNamesOnlyADiscountInForceWhileBilled() throws {
    var sheets = Self.gpuFromFebruary
    sheets["workloads.csv"] = P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,flat,0,0,1,30\n"
    sheets["capacity.csv"] = P.capHeader + "\ngpu,V,mid,1.00,reserved,1,0,1,,1000,100\n"
    sheets["discounts.csv"] = "vendor,offer,discount_pct,start,end\nV,gpu,50,2027-03,2027-03\n"
    let a = PlanAnalysis(try P.solve(sheets))
    let lines = a.purchases.split(separator: "\n").filter { $0.contains("`gpu`") }
    #expect(lines.count == 3, "\(a.purchases)")
    for line in lines {
      #expect(
        line.contains("from 2027-03") == line.contains("less the negotiated discount"), "\(line)")
    }
  }

  @Test func aDiscountThatStartsLaterBuysCapacityOnlyFromThen() throws {
    let r = try P.solve(Self.gpuFromFebruary)
    #expect(r.units["gpu"] == [0, 2, 2])
    #expect(r.bought["gpu"] == [0, 2, 2])
    #expect(abs(r.objective - 8685.504) < 1e-6, "\(r.objective)")
    let a = PlanAnalysis(r)
    #expect(abs(a.invoice.total - 8685.504) < 1e-6)
    #expect(
      a.purchases.contains(
        "at $2.00/GPU-hour list, less the negotiated discount in force each month."),
      "\(a.purchases)")
    let gpu = try Self.rows(a).filter {
      $0["x_BaseloadLineKey"]!.hasPrefix("V|gpu|reserved units|")
    }
    .map {
      [
        $0["x_BaseloadLineKey"]!, $0["ListUnitPrice"]!, $0["ContractedUnitPrice"]!,
        $0["BilledCost"]!,
      ]
    }
    #expect(
      gpu == [
        ["V|gpu|reserved units|2027-02", "2.000000", "1.500000", "2016.000000"],
        ["V|gpu|reserved units|2027-02|used", "2.000000", "1.500000", "0.000000"],
        ["V|gpu|reserved units|2027-03", "2.000000", "1.500000", "2232.000000"],
        ["V|gpu|reserved units|2027-03|used", "2.000000", "1.500000", "0.000000"],
      ])
    // Without the discount, the GPU is never worth it.
    var list = Self.gpuFromFebruary
    list["discounts.csv"] = nil
    #expect(try P.solve(list).units["gpu"] == [0, 0, 0])
  }

  /// The decomposition (resolution cluster, Benders: the capacity master and the per-slice dispatch) reaches the
  /// exact model's optimum with discounts that start inside the horizon (the GPU from February, the API from
  /// March), also when a spend commitment covers the discounted offers (its coverage is bounded by usage at
  /// the month's price).
  @Test(arguments: [false, true]) func bendersMatchesTheExactModelWithADiscountFromFebruary(
    _ commitment: Bool
  ) throws {
    var sheets = Self.gpuFromFebruary
    sheets["plan.csv"] =
      "key,value\nname,t\nstart,2027-01\nmonths,3\nresolution,cluster\ndecomposition,benders\noptimality_gap,0.0001\n"
    sheets["profiles.csv"] =
      "profile,day,hour,weight\np,all,*,1\n" + (9...17).map { "p,weekday,\($0),4\n" }.joined()
    sheets["workloads.csv"] = P.wh + "\nw,mid,standard,86400,1,1,1,1000,100,p,0,0,1,0\n"
    // The API is discounted too, from March: every month has its own prices.
    sheets["discounts.csv"] =
      "vendor,offer,discount_pct,start,end\nV,gpu,25,2027-02,\nV,api,10,2027-03,\n"
    if commitment {
      sheets["commitments.csv"] =
        "id,vendor,applies_to,discount_pct,term_months\nk,V,api;gpu,10,1\n"
    }
    let input = try TestFolder.load(sheets)
    let data = PlacementData(input: input)
    #expect(SolveStrategy.choose(for: data).path == .benders)
    let benders = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    var week = input
    week.settings.resolution = .week
    week.settings.mipGap = 0
    let exact = try PlacementSolver.solve(
      PlacementData(input: week), modelPath: TestFolder.modelPath)
    let tol = 1e-4 * exact.objective + 0.01
    #expect(
      abs(benders.objective - exact.objective) <= tol,
      "Benders \(benders.objective) vs exact \(exact.objective)")
    #expect(abs(PlanAnalysis(benders).invoice.total - benders.objective) < 1e-6 * benders.objective)
    #expect(try benders.verify(modelPath: TestFolder.modelPath).agrees)
    // The discount matters: January buys fewer GPUs than the discounted months.
    #expect((exact.units["gpu"]?[0] ?? 0) < (exact.units["gpu"]?[1] ?? 0), "\(exact.units)")
  }

  /// A plan for two identical futures prices each future's months like the deterministic plan. The GPU as in
  /// `gpuFromFebruary` and the API 10% off from March: a GPU-hour of API use is then $1.5552, still above the
  /// GPU's $1.50, so the plan is the same and March's 720 calls/h on the API cost 720 × 744 × $0.0012 × 0.9
  /// = $578.5344 instead of $642.816: $8,621.2224. With risk_weight 0.5 its CVaR (the TailExcess rows) is the
  /// expected cost; the L-shaped method (resolution cluster, risk_weight 0) certifies the same optimum.
  @Test func identicalFuturesWithDiscountsInsideTheHorizonCostTheDeterministicPlan() throws {
    var sheets = Self.gpuFromFebruary
    sheets["discounts.csv"] =
      "vendor,offer,discount_pct,start,end\nV,gpu,25,2027-02,\nV,api,10,2027-03,\n"
    #expect(abs(try P.solve(sheets).objective - 8621.2224) < 1e-6)
    sheets["scenarios.csv"] = "scenario,target,field,op,value\nsame,*,users,scale,1\n"
    sheets["outlook.csv"] = "scenario,probability\nbase,0.5\nsame,0.5\n"
    sheets["plan.csv"]! += "risk_weight,0.5\nrisk_alpha,0.8\n"
    let o = try OutlookTests.solve(sheets)
    #expect(o.stochastic.units["gpu"] == [0, 2, 2])
    #expect(abs(o.stochastic.objective - 8621.2224) < 1e-6, "\(o.stochastic.objective)")
    #expect(abs(o.objective - 8621.2224) < 1e-6, "\(o.objective)")
    sheets["plan.csv"] =
      "key,value\nname,t\nstart,2027-01\nmonths,3\nresolution,cluster\noptimality_gap,0.0001\n"
    let l = try OutlookTests.solve(sheets)
    #expect(l.stochastic.strategy?.path == .benders)
    #expect(abs(l.expectedCost - 8621.2224) <= 1e-4 * 8621.2224, "\(l.expectedCost)")
  }

  /// Two discounts on one offer in disjoint months are legal (a renewal at a new rate); overlapping months are
  /// not, at the second row.
  @Test func twoDiscountsOnOneOfferInDisjointMonths() throws {
    var sheets = Self.sheets(
      "vendor,offer,discount_pct,start,end\nV,api,20,,2027-02\nV,api,30,2027-03,\n")
    sheets["plan.csv"] = "key,value\nname,t\nstart,2027-02\nmonths,3\n"
    sheets["contracts.csv"] = "offer,units,start,end\ngpu,2,2027-02,2027-04\n"
    #expect(TestFolder.problems(sheets) == [])
    #expect(
      PlacementData(input: try TestFolder.load(sheets)).priceFactor == ["api": [0.8, 0.7, 0.7]])
    sheets["discounts.csv"] =
      "vendor,offer,discount_pct,start,end\nV,api,20,,2027-03\nV,*,30,2027-03,\n"
    #expect(
      TestFolder.problems(sheets) == [
        "discounts.csv:3:1: offer 'api' already has a discount in some of these months (line 2); give one discount per offer and month"
      ])
  }
}
