import Foundation
import Testing

@testable import BaseloadKit

@Suite struct ChartTests {
  @Test func niceTicksOnKnownRanges() {
    #expect(Ticks.nice(0, 100) == [0, 20, 40, 60, 80, 100])
    #expect(Ticks.nice(0, 7.3) == [0, 2, 4, 6, 8])
    #expect(Ticks.nice(0, 1234) == [0, 250, 500, 750, 1000, 1250])
    #expect(
      Ticks.nice(0, 0.042, count: 4).map { ($0 * 1e6).rounded() / 1e6 } == [0, 0.02, 0.04, 0.06])
  }

  /// start 100, steps −30 and +10, end 80: bars 0→100, 100→70, 70→80, 0→80; heights proportional to the amounts.
  @Test func waterfallGeometry() {
    let bars = WaterfallChart.bars(
      start: ("before", 100), steps: [("cut", -30), ("growth", 10)], end: ("after", 80))
    #expect(bars.map(\.from) == [0, 100, 70, 0])
    #expect(bars.map(\.to) == [100, 70, 80, 80])
    let scene = WaterfallChart.scene(
      title: "t", subtitle: "s", bars: bars, currency: Currency("USD"))
    let rects: [Double] = scene.elements.compactMap {
      if case .rect(_, _, _, let h, _, let title) = $0, title != nil {
        return h
      } else {
        return nil
      }
    }
    #expect(rects.count == 4)
    #expect(abs(rects[1] / rects[0] - 0.3) < 0.01)
    #expect(abs(rects[2] / rects[0] - 0.1) < 0.01)
    #expect(abs(rects[3] / rects[0] - 0.8) < 0.01)
  }

  @Test func hostileTextIsEscapedInSVGAndHTML() {
    var scene = ChartScene(width: 100, height: 50, title: "<script>alert('x')</script>&\"")
    scene.add(.text(x: 1, y: 2, text: "<b onmouseover=\"x\">&'"))
    let svg = SVGRenderer.render(scene)
    #expect(!svg.contains("<script>"))
    #expect(!svg.contains("<b "))
    #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"))
    let html = HTMLReport.page(
      title: "<x>", markdown: "# Plan <x>\n\n| a | b |\n|---|---:|\n| `<id>` | **1 & 2** |\n",
      charts: [("c.svg", svg)])
    #expect(html.contains("<title>&lt;x&gt;</title>"))
    #expect(html.contains("<h1>Plan &lt;x&gt;</h1>"))
    #expect(
      html.contains(
        "<td><code>&lt;id&gt;</code></td><td class=\"n\"><strong>1 &amp; 2</strong></td>"))
    #expect(!html.contains("<script"))
    // The SVG namespace is an identifier, not a fetch; nothing else may point off the page.
    let offPage = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!offPage.contains("http://") && !offPage.contains("https://"))
    #expect(!offPage.contains("src=") && !offPage.contains("href="))
  }

  /// The plan of an example in Inputs/, with its baseline and scenarios.
  static func example(_ name: String) throws -> PlanRun {
    let input = try InputLoader.load(
      folder: TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path)
    return try PlanRun.solve(input, modelPath: TestFolder.modelPath)
  }

  /// Texts of a scene, in drawing order.
  static func texts(_ scene: ChartScene) -> [String] {
    scene.elements.compactMap {
      if case .text(_, _, let text, _, _, _, _, _) = $0 { return text } else { return nil }
    }
  }

  /// enterprise-quarter peaks in 2027-03: the dispatch chart stacks one area per offer serving tokens that
  /// month — reserved first, then on-demand, then APIs — each named in the legend, and draws the reserved
  /// pool's capacity as a dashed line.
  @Test func dispatchChartStacksOneAreaPerOfferOfThePeakWeek() throws {
    let run = try Self.example("enterprise-quarter")
    let scene = try #require(DispatchChart.scene(run.plan))
    #expect(scene.title.contains("(2027-03)"))
    let served = Set(
      run.plan.placement.filter { $0.month.description == "2027-03" && $0.tokens > 0 }.map(\.offer))
    let expected = [
      "azure-gpt-4.1-ptu", "lambda-h100-on-demand", "openai-gpt-4.1", "anthropic-sonnet",
    ]
    #expect(served == Set(expected))
    let areas = scene.elements.filter {
      if case .polygon = $0 { return true } else { return false }
    }
    #expect(areas.count == expected.count)
    let legend = Self.texts(scene).filter { t in expected.contains { t.hasPrefix($0 + " (") } }
    #expect(legend.map { t in expected.first { t.hasPrefix($0 + " (") }! } == expected)
    #expect(Self.texts(scene).contains("capacity azure-gpt-4.1-ptu"))
    let dashed = scene.elements.filter {
      if case .line(let x1, _, let x2, _, _, _, true) = $0 {
        return x2 - x1 > 100
      } else {
        return false
      }
    }
    #expect(dashed.count == 1)
  }

  /// A utilisation heatmap has one cell per hour of week (7 days × 24 hours), each titled with its day and
  /// hour; an offer the plan does not reserve has none.
  @Test func utilisationHeatmapHasACellPerHourOfWeek() throws {
    let run = try Self.example("ptu-step-down")
    let scene = try #require(UtilisationHeatmap.scene(run.plan, offer: "azure-gpt-4o-ptu"))
    let cells: [String] = scene.elements.compactMap {
      if case .rect(_, _, _, _, _, let title?) = $0 { return title } else { return nil }
    }
    #expect(cells.count == 7 * 24)
    #expect(cells.first?.hasPrefix("mon 0:00 — ") == true)
    #expect(cells.last?.hasPrefix("sun 23:00 — ") == true)
    #expect(Set(cells.map { $0.components(separatedBy: " — ")[0] }).count == 168)
    #expect(UtilisationHeatmap.scene(run.plan, offer: "no-such-offer") == nil)
  }

  @Test func sameSceneRendersTheSameBytes() throws {
    let input = try TestFolder.load([:])
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    let a = PlanCharts.all(run)
    let b = PlanCharts.all(try PlanRun.solve(input, modelPath: TestFolder.modelPath))
    #expect(a.map(\.name) == b.map(\.name))
    #expect(a.map(\.svg) == b.map(\.svg))
    #expect(a.map(\.name).contains("dispatch.svg"))
  }

  @Test func emptyDemandMakesNoCharts() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader + "\nw1,mid,standard,0,1,1,1,1000,100,flat\n"
    ])
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    #expect(DispatchChart.scene(run.plan) == nil)
    #expect(LoadDurationChart.scene(run.plan) == nil)
    #expect(TaskCostChart.scene(run.plan, baseline: nil) == nil)
    let files = PlanReport.folder(run).files.map(\.path)
    // Nothing billed on either side: no waterfall either.
    #expect(files.filter { $0.hasPrefix("charts/") } == [])
    #expect(files.contains("report.md") && files.contains("invoice.csv"))
  }

  /// Without demand a signed contract is still billed: the baseline waterfall compares those invoices.
  @Test func aSignedContractWithoutDemandKeepsTheBaselineWaterfall() throws {
    let input = try TestFolder.load([
      "workloads.csv": TestFolder.workloadHeader + "\nw1,mid,standard,0,1,1,1,1000,100,flat\n",
      "capacity.csv":
        "id,vendor,tiers,unit,usd_per_unit_hour,billing,term_months,input_tok_per_s_per_unit,output_tok_per_s_per_unit\ngpu,V,mid,GPU,2,reserved,1,10000,1000\n",
      "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,1,2\n",
      "contracts.csv": "offer,units,usd_per_hour,start,end\ngpu,2,,2027-01,2027-01\n",
    ])
    let run = try PlanRun.solve(input, modelPath: TestFolder.modelPath)
    #expect(abs(run.plan.invoice.total - 2 * 2 * 744) < 1e-6)
    let files = PlanReport.folder(run).files.map(\.path)
    #expect(files.filter { $0.hasPrefix("charts/waterfall") } == ["charts/waterfall-baseline.svg"])
  }
}
