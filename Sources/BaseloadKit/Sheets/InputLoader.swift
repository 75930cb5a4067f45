import Foundation

/// Reads an input folder into a `PlanInput`, reporting every problem at once.
public enum InputLoader {
  /// Sheets a folder may hold.
  public static let knownSheets = [
    "plan.csv", "workloads.csv", "profiles.csv", "apis.csv", "capacity.csv", "commitments.csv",
    "contracts.csv", "quality.csv", "current.csv", "scenarios.csv",
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
    for name in knownSheets {
      let path = (folder as NSString).appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: path) else { continue }
      guard let data = FileManager.default.contents(atPath: path),
        let text = String(data: data, encoding: .utf8)
      else {
        problems.add(name, 1, 1, "cannot read the sheet as UTF-8 text")
        continue
      }
      do throws(DiagnosticList) {
        tables[name] = try CSVParser.table(in: text, fileName: name)
      } catch {
        problems.append(contentsOf: error)
      }
    }
    for name in ["plan.csv", "workloads.csv", "profiles.csv"]
    where tables[name] == nil && !problems.items.contains(where: { $0.file == name }) {
      problems.add(name, 1, 1, "required sheet is missing from \(folder)")
    }
    if tables["apis.csv"] == nil && tables["capacity.csv"] == nil {
      problems.add("apis.csv", 1, 1, "no offers: the folder needs apis.csv or capacity.csv")
    }
    let folderName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    var parser = SheetParsers(folderName: folderName)
    let settings = tables["plan.csv"].flatMap { parser.plan($0) }
    let profiles = tables["profiles.csv"].map { parser.profiles($0) } ?? [:]
    let apis = tables["apis.csv"].map { parser.apis($0) } ?? []
    let capacity = tables["capacity.csv"].map { parser.capacity($0) } ?? []
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
    problems.append(contentsOf: parser.diagnostics)
    if let t = tables["workloads.csv"], !workloads.isEmpty {
      problems.append(contentsOf: servability(workloads, apis: apis, capacity: capacity, table: t))
    }
    guard problems.isEmpty, let settings else {
      problems.items.sort()
      throw problems
    }
    return PlanInput(
      folder: folder, settings: settings, workloads: workloads, profiles: profiles, apis: apis,
      capacity: capacity, commitments: commitments, contracts: contracts, quality: quality,
      current: current, scenarios: scenarios)
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
