/// `baseload quote DIR`: cost per token of every offer on the buyer's workloads; break-even prices.
struct QuoteCommand: Command {
  let name = "quote"
  let summary = "cost per token of every offer on your workloads; break-even prices"
  let help = """
    usage: baseload quote DIR [--workload ID] [--offer ID] [--out DIR] [--quiet]

    For every workload and compatible offer: list $/Mtok (no idle time), standalone
    $/Mtok (the whole workload on that offer alone, sized for its peak with whole units
    and terms, idle included) and in-plan $/Mtok (the offer's share in the optimised
    plan), the same per completed task, utilisation achieved and the workload's
    peak-to-mean ratio; then each offer's break-even price (where the plan starts or
    stops using it), found by re-solving. Prints the table sorted by standalone $/Mtok
    per workload and writes quotes.csv into --out (default Reports/<folder name>).
    Set `quotes,yes` in plan.csv to put the Quotes section in every plan report.

    """
  let valued: Set<String> = ["workload", "offer", "out"]
  let flags: Set<String> = ["quiet"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard let dir = oneFolder(args, io) else { return .usage }
    let out = args.options["out"] ?? defaultReportFolder(for: dir)
    guard mayWrite(out, input: dir, io) else { return .usage }
    let progress = Progress(io: io, quiet: args.switches.contains("quiet"))
    guard let input = loadInput(dir, io) else { return .badInput }
    if let w = args.options["workload"], !input.workloads.contains(where: { $0.id == w }) {
      io.err("baseload quote: no workload '\(w)' in workloads.csv\n")
      return .usage
    }
    if let o = args.options["offer"], !input.offerIDs.contains(o) {
      io.err("baseload quote: no offer '\(o)' in apis.csv or capacity.csv\n")
      return .usage
    }
    do {
      let plan = try PlanRun.solvePlan(input, say: progress.reporter(prefix: dir)).plan
      progress.say("\(dir): standalone solves and break-even bisection")
      let set = try QuoteSet.compute(
        QuoteEngine(input: input, plan: plan), workload: args.options["workload"],
        offer: args.options["offer"])
      var folder = ReportFolder()
      folder.add("quotes.csv", set.csv)
      do throws(ReportFolder.WriteError) {
        try folder.merge(into: out, protecting: [dir])
      } catch {
        return failed(error, io)
      }
      io.out(set.table)
      io.out("wrote \(out)/quotes.csv\n")
      return .ok
    } catch let e as PlanError {
      io.err("baseload quote \(dir): \(e)\n")
      return e.exitCode
    } catch {
      io.err("baseload quote \(dir): \(error)\n")
      return .internalError
    }
  }
}
