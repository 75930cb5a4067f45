/// The files of a plan report.
public enum PlanReport {
  /// Builds every file of `Reports/<run>/` for a solved run.
  public static func folder(_ run: PlanRun) -> ReportFolder {
    let analysis = run.plan
    var f = ReportFolder()
    // Ids and names reach report.md and report.html as text, never as HTML or control characters.
    let markdown = Markdown.safe(run.markdown)
    let charts = PlanCharts.all(run)
    f.add("report.md", markdown)
    f.add(
      "report.html",
      HTMLReport.page(
        title: "Baseload plan: \(analysis.settings.name)", markdown: markdown,
        charts: charts))
    for c in charts { f.add("charts/" + c.name, c.svg) }
    f.add("summary.json", run.summaryJSON.render() + "\n")
    f.add("invoice.csv", analysis.invoiceCSV)
    f.add("placement.csv", analysis.placementCSV)
    f.add("hourly.csv", analysis.hourlyCSV)
    f.add("diff.csv", run.diffCSV)
    if let quotes = run.quotes { f.add("quotes.csv", quotes.csv) }
    f.add("placement.dat", analysis.modelData)
    // The plan for several futures as glpsol solves it: every future's slices stacked.
    if let outlook = run.outlook { f.add("outlook.dat", outlook.modelData) }
    return f
  }
}
