import Foundation

/// Reads an input folder into a `PlanInput`, reporting every problem at once.
public enum InputLoader {
  /// Sheets a folder may hold.
  public static let knownSheets = [
    "plan.csv", "workloads.csv", "profiles.csv", "apis.csv", "capacity.csv", "commitments.csv",
    "contracts.csv", "quality.csv", "current.csv", "scenarios.csv", "discounts.csv",
    "outlook.csv", "usage.csv",
  ]

  /// Loads and validates every sheet of `folder`. Throws all problems together.
  public static func load(folder: String) throws(DiagnosticList) -> PlanInput {
    var problems = DiagnosticList()
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue
    else {
      throw DiagnosticList([
        Diagnostic(file: folder, line: 1, column: 1, message: "no such input folder")
      ])
    }
    var tables: [String: CSVTable] = [:]
    var unreadable = Set<String>()
    for name in knownSheets {
      do throws(DiagnosticList) {
        guard let text = try SheetFile.contents(folder: folder, name: name) else { continue }
        tables[name] = try CSVParser.table(in: text, fileName: name)
      } catch {
        problems.append(contentsOf: error)
        unreadable.insert(name)
      }
    }
    // A sheet that is missing or unreadable defines nothing; others' references to it are not errors.
    var broken = unreadable
    for name in ["plan.csv", "workloads.csv", "profiles.csv"]
    where tables[name] == nil && !unreadable.contains(name) {
      problems.add(name, 1, 1, "required sheet is missing from \(folder)")
      broken.insert(name)
    }
    if tables["apis.csv"] == nil && tables["capacity.csv"] == nil
      && unreadable.isDisjoint(with: ["apis.csv", "capacity.csv"])
    {
      problems.add("apis.csv", 1, 1, "no offers: the folder needs apis.csv or capacity.csv")
      broken.formUnion(["apis.csv", "capacity.csv"])
    }
    let folderName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    var parser = SheetParsers(folderName: folderName)
    parser.broken = broken
    let settings = tables["plan.csv"].flatMap { parser.plan($0) }
    let profiles = tables["profiles.csv"].map { parser.profiles($0) } ?? [:]
    let apis = tables["apis.csv"].map { parser.apis($0) } ?? []
    let capacity = tables["capacity.csv"].map { parser.capacity($0, apis: apis) } ?? []
    let offerSheets = ["apis.csv", "capacity.csv"].filter { tables[$0] != nil }
    if !offerSheets.isEmpty, apis.isEmpty, capacity.isEmpty,
      offerSheets.allSatisfy({ (parser.named[$0] ?? []).isEmpty && !parser.broken.contains($0) }),
      unreadable.isDisjoint(with: ["apis.csv", "capacity.csv"])
    {
      let sheet = offerSheets[0]
      problems.add(
        sheet, tables[sheet]?.header.line ?? 1, 1,
        "no offers: \(offerSheets.joined(separator: " and ")) hold\(offerSheets.count == 1 ? "s" : "") a header but no rows"
      )
    }
    let workloads = tables["workloads.csv"].map { parser.workloads($0) } ?? []
    if let t = tables["workloads.csv"], tables["profiles.csv"] != nil {
      parser.checkProfiles(profiles, t)
    }
    let commitments =
      tables["commitments.csv"].map { parser.commitments($0, apis: apis, capacity: capacity) } ?? []
    let contracts =
      tables["contracts.csv"].map {
        parser.contracts($0, capacity: capacity, commitments: commitments, settings: settings)
      } ?? []
    let quality =
      tables["quality.csv"].map {
        parser.quality($0, workloads: workloads, apis: apis, capacity: capacity)
      } ?? []
    let current =
      tables["current.csv"].map {
        parser.current($0, workloads: workloads, apis: apis, capacity: capacity)
      } ?? []
    let scenarios =
      tables["scenarios.csv"].map {
        parser.scenarios($0, workloads: workloads, apis: apis, capacity: capacity)
      } ?? []
    let discounts =
      tables["discounts.csv"].map {
        parser.discounts($0, apis: apis, capacity: capacity, settings: settings)
      } ?? []
    let outlook =
      tables["outlook.csv"].map {
        parser.outlook(
          $0,
          scenarioNames: scenarios.map(\.scenario).reduce(into: []) { names, n in
            if !names.contains(n) { names.append(n) }
          },
          growthRange: settings?.outlook.hasGrowthRange ?? false,
          scenariosBroken: parser.broken.contains("scenarios.csv")
            || unreadable.contains("scenarios.csv"))
      } ?? []
    let usage = tables["usage.csv"].map { parser.usage($0, workloads: workloads) } ?? [:]
    if settings?.demandShape == .replay, tables["usage.csv"] == nil,
      !unreadable.contains("usage.csv")
    {
      problems.add(
        "plan.csv", 1, 1, "demand_shape replay needs usage.csv (observed tasks per hour)")
    }
    problems.append(contentsOf: parser.diagnostics)
    // Under replay, usage.csv's observed tasks set a replayed workload's level: a scenario (or outlook future) that
    // changes its users, sessions or prompts would change nothing, and said nothing (an independent tester's
    // `slump` future came out identical to `base`, EVPI $0).
    if settings?.demandShape == .replay {
      let levels: Set<String> = ["users", "sessions_per_user_per_day", "prompts_per_session"]
      for c in scenarios where levels.contains(c.field) {
        // `*` also reaches the workloads that keep their profile (no rows in usage.csv): refused only when every
        // workload it reaches is replayed.
        let reached = c.target == "*" ? workloads.map(\.id) : [c.target]
        guard !reached.isEmpty, reached.allSatisfy({ usage[$0] != nil }), let w = reached.first
        else {
          continue
        }
        problems.add(
          "scenarios.csv", c.line, 1,
          "scenario '\(Diagnostic.echo(c.scenario))' changes \(c.field) of '\(Diagnostic.echo(w))', whose demand demand_shape replay takes from usage.csv's observed tasks, so the change would have no effect; change user_growth_pct_per_month instead"
        )
      }
    }
    if let o = settings?.outlook, let low = o.growthLowPct {
      // The low future's growth must stay a growth rate: above −100 % a month for every workload.
      for w in workloads where w.userGrowthPctPerMonth + low <= -99.99 {
        problems.add(
          "plan.csv", o.growthLowLine, o.growthLowColumn,
          "growth_low_pct \(Format.plain(low)) takes the monthly growth of '\(Diagnostic.echo(w.id))' to \(Format.plain(w.userGrowthPctPerMonth + low)) %; it must stay above -99.99"
        )
        break
      }
    }
    // Without outlook.csv a growth range's futures are `low`, `base` and `high`: a scenario of scenarios.csv with
    // one of those names would silently become that future, and both the plan and the sheets' own total would
    // follow it (an independent tester's did). With outlook.csv, the names it lists are checked there, and a name
    // it does not list is a what-if like any other.
    if settings?.outlook.hasGrowthRange == true, tables["outlook.csv"] == nil {
      for name in ["low", "base", "high"] {
        guard let c = scenarios.first(where: { $0.scenario == name }) else { continue }
        problems.add(
          "scenarios.csv", c.line, 1,
          name == "base"
            ? "'base' is the sheets as they are, a future of the growth range in plan.csv, and scenarios.csv also defines a scenario 'base'; rename that scenario"
            : OutlookSettings.futureNameClash(name)
        )
      }
    }
    // A future that changes more than demand volumes, found from the sheets alone so that it is reported with
    // every other problem (the fuller check below needs a valid input).
    for entry in outlook {
      if let c = scenarios.first(where: {
        $0.scenario == entry.scenario && !PlanInput.outlookVolumeFields.contains($0.field)
      }) {
        problems.add(
          "scenarios.csv", c.line, 1,
          PlanInput.outlookFieldProblem(future: entry.scenario, field: c.field))
      }
    }
    // An offer or workload lost to its own bad row would make others look unservable.
    let servable = ["workloads.csv", "apis.csv", "capacity.csv"]
    if let t = tables["workloads.csv"], !workloads.isEmpty,
      !problems.items.contains(where: { servable.contains($0.file) })
    {
      problems.append(contentsOf: servability(workloads, apis: apis, capacity: capacity, table: t))
    }
    guard problems.isEmpty, let settings else {
      problems.items.sort()
      throw problems
    }
    let input = PlanInput(
      folder: folder, settings: settings, workloads: workloads, profiles: profiles, apis: apis,
      capacity: capacity, commitments: commitments, contracts: contracts, quality: quality,
      current: current, scenarios: scenarios, discounts: discounts, outlook: outlook,
      usage: usage)
    // Only a valid input has a forecast and model parameters to bound.
    var ranges = input.rangeProblems(tables: tables)
    guard ranges.isEmpty else {
      ranges.items.sort()
      throw ranges
    }
    var futures = input.outlookProblems()
    guard futures.isEmpty else {
      futures.items.sort()
      throw futures
    }
    return input
  }

  /// A workload that no offer can serve, named with what excluded each offer.
  static func servability(
    _ workloads: [Workload], apis: [APIOffer], capacity: [CapacityOffer], table: CSVTable
  ) -> DiagnosticList {
    var out = DiagnosticList()
    let offers: [any OfferTerms] = apis + capacity
    guard !offers.isEmpty else { return out }
    for w in workloads {
      let reasons = offers.compactMap { o in
        Compatibility.exclusion(of: o, for: w).map { "\(o.id) (\($0))" }
      }
      if reasons.count == offers.count {
        out.add(
          "workloads.csv", w.line, 1,
          "workload '\(w.id)' has no compatible offer: \(reasons.joined(separator: ", "))")
      }
    }
    return out
  }
}
