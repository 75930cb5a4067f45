/// The files of a plan report.
public enum PlanReport {
    /// Builds every file of `Reports/<run>/` for a solved plan.
    public static func folder(_ analysis: PlanAnalysis) -> ReportFolder {
        var f = ReportFolder()
        f.add("report.md", analysis.markdown)
        f.add("summary.json", analysis.summaryJSON.render() + "\n")
        f.add("invoice.csv", analysis.invoiceCSV)
        f.add("placement.csv", analysis.placementCSV)
        f.add("hourly.csv", analysis.hourlyCSV)
        f.add("placement.dat", analysis.data.mathProgData())
        return f
    }
}
