/// `baseload whatif DIR [--scenario NAME]`: scenarios against the plan, locked and at renewal.
struct WhatIfCommand: Command {
  let name = "whatif"
  let summary = "run scenarios.csv against the plan: invoice diff, cash saving vs headroom"
  let help = """
    usage: baseload whatif DIR [--scenario NAME] [--out DIR] [--quiet]

    Solves the plan, then every scenario of scenarios.csv (or only NAME) twice:
      locked      every reserved unit and commitment of the plan and every signed
                  contract stays as bought; only usage and on-demand re-optimise
      at renewal  signed contracts stay until their end; everything else re-optimises
    Each invoice line is matched by provider, offer, charge and month and called
    disappears, shrinks, unchanged (with the unit-hours of headroom), grows or new.
    Cash saving and capacity headroom are reported apart. Prints each verdict and
    writes the full report (report.md what-if sections, diff.csv, summary.json) to
    --out (default Reports/<folder name>).

    """
  let valued: Set<String> = ["scenario", "out"]
  let flags: Set<String> = ["quiet"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard let dir = oneFolder(args, io) else { return .usage }
    let progress = Progress(io: io, quiet: args.switches.contains("quiet"))
    return runAndWrite(
      dir, out: args.options["out"] ?? defaultReportFolder(for: dir),
      only: args.options["scenario"], io: io, progress: progress,
      verb: "whatif"
    ).0
  }
}
