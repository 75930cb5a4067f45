import Foundation

/// `baseload forecast DIR [--out DIR]`: hourly demand per workload and token class.
struct ForecastCommand: Command {
  let name = "forecast"
  let summary = "hourly demand per workload and token class (forecast.csv + monthly totals)"
  let help = """
    usage: baseload forecast DIR [--out DIR] [--resolution week|hour] [--quiet]

    Computes demand from the workload drivers (users × sessions × prompts × calls,
    retries, cache hits, reasoning tokens, growth, hourly profile) and writes
    forecast.csv into --out (default Reports/<folder>/), one row per workload and hour
    (resolution hour) or per workload and hour-of-week of each month with the number of
    calendar hours it stands for (resolution week). Prints monthly totals per workload.
    --out follows the same rules as plan's: absent, empty, or a report folder Baseload
    wrote (its other files are kept). --quiet is accepted as by plan and quote
    (forecast prints no progress).

    """
  let valued: Set<String> = ["out", "resolution"]
  let flags: Set<String> = ["quiet"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard let dir = oneFolder(args, io) else { return .usage }
    var resolution: Resolution?
    if let r = args.options["resolution"] {
      guard let v = Resolution(rawValue: r) else {
        io.err("baseload forecast: --resolution must be week or hour\n")
        return .usage
      }
      resolution = v
    }
    let out = args.options["out"] ?? defaultReportFolder(for: dir)
    guard mayWrite(out, input: dir, io) else { return .usage }
    guard let input = loadInput(dir, io) else { return .badInput }
    let slices = SliceSet(
      months: input.settings.horizon,
      resolution: resolution ?? SolveStrategy.sliceResolution(input))
    let forecast = Forecast(input: input)
    var folder = ReportFolder()
    folder.add("forecast.csv", forecast.csv(slices))
    do throws(ReportFolder.WriteError) {
      try folder.merge(into: out, protecting: [dir])
    } catch {
      return failed(error, io)
    }
    io.out(Forecast.table(forecast.monthly(slices)))
    io.out("wrote \(out)/forecast.csv\n")
    return .ok
  }
}
