import Foundation

/// `baseload calibrate SOURCE... --out DIR`: workloads, profiles and observed usage measured from traces or
/// provider usage exports.
struct CalibrateCommand: Command {
  let name = "calibrate"
  let summary = "measure workloads.csv and profiles.csv from OpenTelemetry traces or usage exports"
  let help = """
    usage: baseload calibrate SOURCE... --out DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                              [--prices DIR] [--template DIR] [--workload-attribute NAME]
                              [--team-attribute NAME] [--outcome-attribute NAME]

    Reads OpenTelemetry GenAI traces (OTLP JSON, the Collector's file exporter: JSON Lines
    or one document), OpenAI organization usage exports (completions) and Anthropic usage
    reports; each SOURCE is a file or a folder, the format recognised from the content. Writes
    into --out workloads.csv and profiles.csv (measured columns filled, with provenance
    comments; tier and latency from --template's workloads.csv for matching ids, else empty
    so that check rejects them until filled), usage.csv (observed tasks per UTC hour),
    calibration.csv and calibration.md (per workload and team; with --prices, whose
    apis.csv prices the models by its model column or id, the cost per completed task and
    the trace ids of the five most expensive attempts). --from and --to keep the attempts
    that start on those UTC days (inclusive). Workload and team are the attributes named
    (default service.name and team.name), looked up on the root span, then its resource;
    the outcome attribute (default task.outcome) marks a completed task with `completed`.
    --out follows plan's rules: absent, empty, or a folder Baseload wrote.

    """
  let valued: Set<String> = [
    "out", "from", "to", "prices", "template", "workload-attribute", "team-attribute",
    "outcome-attribute",
  ]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard !args.positional.isEmpty else {
      io.err("baseload calibrate: expected at least one source file or folder\n\n" + help)
      return .usage
    }
    guard let out = args.options["out"] else {
      io.err("baseload calibrate: --out DIR is required\n\n" + help)
      return .usage
    }
    for source in args.positional where !FileManager.default.fileExists(atPath: source) {
      io.err("baseload calibrate: no source at \(source)\n")
      return .usage
    }
    var options = CalibrationOptions()
    for (flag, day) in [("from", \CalibrationOptions.fromDay), ("to", \CalibrationOptions.toDay)] {
      guard let text = args.options[flag] else { continue }
      guard let d = Calibration.dayNumber(text) else {
        io.err("baseload calibrate: --\(flag) must be a date YYYY-MM-DD, got '\(text)'\n")
        return .usage
      }
      options[keyPath: day] = d
    }
    if let f = options.fromDay, let t = options.toDay, f > t {
      io.err("baseload calibrate: --from is after --to\n")
      return .usage
    }
    if let a = args.options["workload-attribute"] { options.workloadAttribute = a }
    if let a = args.options["team-attribute"] { options.teamAttribute = a }
    if let a = args.options["outcome-attribute"] { options.outcomeAttribute = a }
    let inputs =
      args.positional + [args.options["prices"], args.options["template"]].compactMap { $0 }
    for folder in [args.options["prices"], args.options["template"]].compactMap({ $0 }) {
      if let problem = inputFolderProblem(folder) {
        io.err("baseload calibrate: \(problem)\n")
        return .usage
      }
    }
    if let reason = ReportFolder.refusal(out, kind: .report, inputs: inputs) {
      io.err(
        "baseload calibrate: "
          + ReportFolder.WriteError.refused(path: out, reason: reason).description + "\n")
      return .usage
    }
    var template: [String: [String: String]] = [:]
    do throws(DiagnosticList) {
      if let p = args.options["prices"] { options.prices = try CalibrationInputs.prices(p) }
      if let t = args.options["template"] { template = try CalibrationInputs.template(t) }
    } catch {
      io.err(error.description + "\nnothing was written\n")
      return .badInput
    }
    let reading: CalibrationReading
    do throws(CalibrationErrors) {
      reading = try CalibrationSources.read(args.positional, options: options)
    } catch {
      for e in error.items { io.err(e.description + "\n") }
      let n = error.items.count
      io.err(
        "\(n)\(n >= TraceAggregator.maxProblems ? " or more" : "") problem\(n == 1 ? "" : "s") in the sources; nothing was written\n"
      )
      return .badInput
    }
    let calibration = Calibration(
      reading: reading, options: options, priced: args.options["prices"] != nil,
      template: template)
    guard !calibration.rows.isEmpty else {
      io.err(
        "baseload calibrate: no task attempt with a model call in the sources (and period); nothing was written\n"
      )
      return .badInput
    }
    var folder = ReportFolder()
    folder.add("workloads.csv", calibration.workloadsCSV)
    folder.add("profiles.csv", calibration.profilesCSV)
    folder.add("usage.csv", calibration.usageCSV)
    folder.add("calibration.csv", calibration.calibrationCSV)
    folder.add("calibration.md", calibration.markdown)
    do throws(ReportFolder.WriteError) {
      try folder.write(to: out, kind: .report, protecting: inputs)
    } catch {
      return failed(error, io)
    }
    var rows: [[String]] = []
    for row in calibration.rows {
      let m = row.measure
      rows.append([
        row.id, m.team, m.requestsKnown ? String(m.attempts) : "—",
        m.kind == .traces ? String(m.completed) : "—", m.requestsKnown ? String(m.calls) : "—",
        calibration.cost(m).flatMap {
          m.kind == .traces && m.completed > 0 ? Format.price($0 / Double(m.completed)) : nil
        } ?? "—",
      ])
    }
    io.out(
      TextTable.render(
        header: ["workload", "team", "attempts", "completed", "calls", "$/completed task"],
        rows: rows))
    io.out("wrote \(out)/workloads.csv, profiles.csv, usage.csv, calibration.csv, calibration.md\n")
    return .ok
  }
}
