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
    let scene = WaterfallChart.scene(title: "t", subtitle: "s", bars: bars)
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
    #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
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
    _ = PlanReport.folder(run)  // no crash on empty data
  }
}
