import Foundation

/// `baseload check DIR`: validate the sheets.
struct CheckCommand: Command {
  let name = "check"
  let summary = "validate the sheets; every problem as file:line:column: message"
  let help = """
    usage: baseload check DIR

    Reads every sheet of the input folder DIR and reports every problem at once as
    `sheet.csv:line:column: message` on stderr (exit 1), or prints a one-screen summary
    of the plan (horizon, workloads, offers, compatible pairs) and exits 0.

    """

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard let dir = oneFolder(args, io) else { return .usage }
    guard let input = loadInput(dir, io) else { return .badInput }
    io.out(input.summaryText)
    return .ok
  }
}

extension PlanInput {
  /// A one-screen description of the plan's inputs.
  public var summaryText: String {
    let s = settings
    var out =
      "\(s.name): \(s.months) month\(s.months == 1 ? "" : "s") from \(s.start) to \(s.start.adding(s.months - 1)), resolution \(s.resolution.rawValue), currency \(s.currency)\n"
    let reserved = capacity.filter { $0.billing == .reserved }.count
    out += "workloads: \(workloads.count)   profiles: \(profiles.count)\n"
    out +=
      "offers: \(apis.count) token API\(apis.count == 1 ? "" : "s"), \(reserved) reserved capacity, \(capacity.count - reserved) on-demand capacity\n"
    out +=
      "commitments: \(commitments.count)   contracts: \(contracts.count)   quality overrides: \(quality.count)   current routing rows: \(current.count)   scenarios: \(scenarioNames.count)\n"
    let futures = outlookFutures
    if !futures.isEmpty {
      out +=
        "outlook: one plan for \(futures.count) futures (\(futures.map { "\($0.name) \(Format.plain($0.probability))" }.joined(separator: ", ")))\n"
    }
    out += "\n"
    let offers: [any OfferTerms] = apis + capacity
    let rows = workloads.map { w -> [String] in
      let ok = offers.filter { Compatibility.allows($0, w) }.map(\.id)
      return [
        w.id, w.tier, w.latency.rawValue, w.region ?? "*", w.profile, "\(ok.count)",
        ok.joined(separator: " "),
      ]
    }
    out += TextTable.render(
      header: ["workload", "tier", "latency", "region", "profile", "offers", "compatible"],
      rows: rows)
    out += "\nok: the sheets are valid\n"
    return out
  }
}
