import BaseloadKit
import BaseloadTestSupport
import Foundation

// baseload-bench: times `baseload plan` end to end on synthetic sheets against glpsol and HiGHS solving the
// monolithic hourly model (the same Models/placement.mod, every calendar hour a slice).
// usage: baseload-bench [S|M|L|XL ...] [--peer-timeout SECONDS] [--no-peers] [--keep DIR]

var sizes: [SyntheticPlan.Size] = []
var peerTimeout = 900.0
var peers = true
var keep: String?
var scaling = false
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
  let a = args.removeFirst()
  switch a {
  case "--peer-timeout": peerTimeout = Double(args.removeFirst()) ?? peerTimeout
  case "--no-peers": peers = false
  case "--keep": keep = args.removeFirst()
  case "--scaling": scaling = true
  case "-h", "--help":
    print(
      "usage: baseload-bench [S|M|L|XL ...] [--peer-timeout SECONDS] [--no-peers] [--keep DIR] [--scaling]"
    )
    exit(0)
  default:
    guard let s = SyntheticPlan.Size.named(a) else {
      FileHandle.standardError.write(Data("unknown size \(a) (S, M, L, XL)\n".utf8))
      exit(2)
    }
    sizes.append(s)
  }
}
if sizes.isEmpty && !scaling { sizes = [.s, .m] }

let fm = FileManager.default
let exeDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  .deletingLastPathComponent()
let baseload = exeDir.appendingPathComponent("baseload").path
guard fm.isExecutableFile(atPath: baseload) else {
  print("build the tool first: swift build -c release   (looked for \(baseload))")
  exit(2)
}
guard let model = ModelLocator.path() else {
  print("run from the Baseload folder (Models/placement.mod not found)")
  exit(2)
}
let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { fm.isExecutableFile(atPath: $0) }

/// Runs a command under a tiny Python wrapper that reports wall seconds and the child's peak RSS.
func measure(_ argv: [String], timeout: Double, stdoutFile: String? = nil) -> (
  seconds: Double, mib: Double, status: Int32, timedOut: Bool
) {
  let script = """
    import resource, subprocess, sys, time, json
    argv = json.loads(sys.argv[1]); out = sys.argv[3]
    t = time.time()
    try:
        with open(out, 'w') as f:
            p = subprocess.run(argv, stdout=f, stderr=subprocess.DEVNULL, timeout=float(sys.argv[2]))
        code, timed = p.returncode, 0
    except subprocess.TimeoutExpired:
        code, timed = -1, 1
    w = time.time() - t
    print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0, code, timed)
    """
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  let json = String(decoding: try! JSONSerialization.data(withJSONObject: argv), as: UTF8.self)
  p.arguments = ["python3", "-c", script, json, "\(timeout)", stdoutFile ?? "/dev/null"]
  let pipe = Pipe()
  p.standardOutput = pipe
  try! p.run()
  let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  p.waitUntilExit()
  let f = text.split(separator: " ").map {
    Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }
  guard f.count == 4 else { return (-1, -1, -1, false) }
  return (f[0], f[1], Int32(f[2]), f[3] == 1)
}

func fmt(_ v: Double?, _ d: Int = 2) -> String { v.map { Format.fixed($0, d) } ?? "—" }

struct Row {
  var size: String
  var rows = 0, cols = 0
  /// Placement columns of the monolithic model when the peers did not run (pairs × hours).
  var placementColumns: Int?
  var baseload: (s: Double, mib: Double, ub: Double, lb: Double, slices: Int)?
  var glpsol: (s: Double, mib: Double, obj: Double?, note: String)?
  var highs: (s: Double, mib: Double, obj: Double?, note: String)?
}

print(
  "Baseload benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores; peers solve the monolithic hourly model (timeout \(Int(peerTimeout)) s)\n"
)
var results: [Row] = []
for size in sizes {
  let dir = URL(fileURLWithPath: keep ?? NSTemporaryDirectory()).appendingPathComponent(
    "baseload-bench-\(size.name)")
  try? fm.removeItem(at: dir)
  try! fm.createDirectory(at: dir, withIntermediateDirectories: true)
  let inputs = dir.appendingPathComponent("input")
  try! fm.createDirectory(at: inputs, withIntermediateDirectories: true)
  for (name, text) in SyntheticPlan(size: size).sheets {
    try! text.write(to: inputs.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
  var row = Row(size: size.name)
  print(
    "[\(size.name)] \(size.workloads) workloads, \(size.offers) offers, \(size.months) month(s)")

  // Baseload end to end.
  let out = dir.appendingPathComponent("report").path
  let b = measure([baseload, "plan", inputs.path, "--out", out, "--quiet"], timeout: 3600)
  if b.status == 0, let data = fm.contents(atPath: out + "/summary.json"),
    let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let solver = json["solver"] as? [String: Any]
  {
    let ub = Double("\(solver["upper_bound"] ?? "")") ?? .nan
    let lb = Double("\(solver["lower_bound"] ?? "")") ?? .nan
    row.baseload = (b.seconds, b.mib, ub, lb, Int("\(solver["certificate_slices"] ?? 0)") ?? 0)
    print(
      "  baseload: \(fmt(b.seconds)) s, \(fmt(b.mib, 0)) MiB, plan \(fmt(ub)) (lower bound \(fmt(lb)))"
    )
  } else {
    print("  baseload failed (status \(b.status))")
  }

  // The monolithic hourly model for the peers.
  let input = try! InputLoader.load(folder: inputs.path)
  guard peers, let glpsol else {
    let data = PlacementData(input: input)
    let hours = data.months.reduce(0) { $0 + $1.hours }
    print(
      "  monolithic hourly model (not run): at least \(data.pairs.count * hours) placement columns (\(data.pairs.count) pairs × \(hours) hours)"
    )
    row.placementColumns = data.pairs.count * hours
    results.append(row)
    continue
  }
  var hourly = input
  hourly.settings.resolution = .hour
  let dat = dir.appendingPathComponent("hourly.dat").path
  try! PlacementData(input: hourly).mathProgData().write(
    toFile: dat, atomically: true, encoding: .utf8)
  let mps = dir.appendingPathComponent("hourly.mps").path
  let gen = dir.appendingPathComponent("generate.txt").path
  _ = measure(
    [glpsol, "-m", model, "-d", dat, "--check", "--wfreemps", mps], timeout: 3600, stdoutFile: gen)
  if let text = try? String(contentsOfFile: gen, encoding: .utf8) {
    // "Number of rows               =     8934"
    func count(_ label: String) -> Int {
      text.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap {
        Int($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces))
      } ?? 0
    }
    (row.rows, row.cols) = (count("Number of rows"), count("Number of columns"))
  }
  print("  monolithic hourly model: \(row.rows) rows, \(row.cols) columns")

  let sol = dir.appendingPathComponent("glpsol.txt").path
  let g = measure(
    [
      glpsol, "-m", model, "-d", dat, "-o", sol, "--tmlim", "\(Int(peerTimeout))", "--mipgap",
      "0.0001",
    ], timeout: peerTimeout + 60)
  var gObj: Double?
  if let text = try? String(contentsOfFile: sol, encoding: .utf8),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
    let v = line.split(separator: "=").last?.split(separator: "(").first.flatMap({
      Double($0.trimmingCharacters(in: .whitespaces))
    }),
    let status = text.split(separator: "\n").first(where: { $0.hasPrefix("Status:") }),
    // INTEGER NON-OPTIMAL: glpsol stopped at its relative MIP gap (or at the time limit, told apart below).
    ["INTEGER OPTIMAL", "OPTIMAL", "INTEGER NON-OPTIMAL"].contains(
      status.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces))
  {
    gObj = v
  }
  let gNote =
    g.timedOut || g.seconds >= peerTimeout
    ? "time limit" : (gObj == nil ? "no solution" : "optimal")
  if gNote == "time limit" { gObj = nil }  // an incumbent at the time limit is not the optimum
  row.glpsol = (g.seconds, g.mib, gObj, gNote)
  print("  glpsol: \(fmt(g.seconds)) s, \(fmt(g.mib, 0)) MiB, \(gNote) \(fmt(gObj))")

  let hsol = dir.appendingPathComponent("highs.txt").path
  let highsScript = """
    import highspy, sys, time
    h = highspy.Highs(); h.setOptionValue('output_flag', False); h.setOptionValue('time_limit', float(sys.argv[2]))
    h.setOptionValue('mip_rel_gap', 1e-4); h.setOptionValue('threads', 2)
    h.readModel(sys.argv[1]); t = time.time(); h.run(); w = time.time() - t
    print(h.modelStatusToString(h.getModelStatus()), h.getInfo().objective_function_value, w)
    """
  let hs = measure(
    ["python3", "-c", highsScript, mps, "\(peerTimeout)"], timeout: peerTimeout + 120,
    stdoutFile: hsol)
  let last =
    ((try? String(contentsOfFile: hsol, encoding: .utf8)) ?? "").split(separator: "\n").last ?? ""
  let parts = last.split(separator: " ")
  let hObj =
    parts.count >= 3 && parts[0].hasPrefix("Optimal") ? Double(parts[parts.count - 2]) : nil
  let hNote = hs.timedOut ? "time limit" : (parts.first.map(String.init) ?? "failed")
  row.highs = (hs.seconds, hs.mib, hObj, hNote)
  print(
    "  HiGHS: \(fmt(hs.seconds)) s (incl. reading the MPS), \(fmt(hs.mib, 0)) MiB, \(hNote) \(fmt(hObj))"
  )
  results.append(row)
}

print(
  "\n| size | rows | columns | Baseload s | MiB | plan $ | certified gap | glpsol s | MiB | HiGHS s | MiB | best peer objective $ | plan vs best peer | Baseload ÷ glpsol | Baseload ÷ HiGHS |"
)
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in results {
  // Both peers stop within a 0.01% MIP gap; the lower of their objectives is the closer to the optimum.
  let opt = [r.glpsol?.obj, r.highs?.obj].compactMap { $0 }.min()
  let gap = r.baseload.map { ($0.ub - $0.lb) / $0.ub }
  let vs = opt.flatMap { o in r.baseload.map { ($0.ub - o) / o } }
  let rg = r.baseload.flatMap { b in r.glpsol.map { b.s / $0.s } }
  let rh = r.baseload.flatMap { b in r.highs.map { b.s / $0.s } }
  let gNote =
    r.glpsol.map { $0.note == "optimal" ? fmt($0.s) : "≥ \(fmt($0.s)) (\($0.note))" } ?? "—"
  let hNote =
    r.highs.map { $0.note.hasPrefix("Optimal") ? fmt($0.s) : "≥ \(fmt($0.s)) (\($0.note))" } ?? "—"
  print(
    "| \(r.size) | \(r.rows > 0 ? "\(r.rows)" : "—") | \(r.placementColumns.map { "≥ \($0)" } ?? "\(r.cols)") | \(fmt(r.baseload?.s)) | \(fmt(r.baseload?.mib, 0)) | \(fmt(r.baseload?.ub)) | \(gap.map { Format.percent($0, 3) } ?? "—") | \(gNote) | \(fmt(r.glpsol?.mib, 0)) | \(hNote) | \(fmt(r.highs?.mib, 0)) | \(fmt(opt)) | \(vs.map { Format.percent($0, 3) } ?? "—") | \(fmt(rg, 4)) | \(fmt(rh, 4)) |"
  )
}

/// Baseload alone on variants of M: how time grows with hours (months), workloads and offers.
func runScaling() {
  let variants: [(String, SyntheticPlan.Size)] = [
    ("hours ×1 (1 month)", .init(name: "h1", workloads: 100, offers: 24, months: 1)),
    ("hours ×3 (3 months)", .init(name: "h3", workloads: 100, offers: 24, months: 3)),
    ("hours ×6 (6 months)", .init(name: "h6", workloads: 100, offers: 24, months: 6)),
    ("hours ×12 (a year)", .init(name: "h12", workloads: 100, offers: 24, months: 12)),
    ("workloads 50", .init(name: "w50", workloads: 50, offers: 24, months: 3)),
    ("workloads 100", .init(name: "w100", workloads: 100, offers: 24, months: 3)),
    ("workloads 200", .init(name: "w200", workloads: 200, offers: 24, months: 3)),
    ("workloads 400", .init(name: "w400", workloads: 400, offers: 24, months: 3)),
    ("offers 12", .init(name: "o12", workloads: 100, offers: 12, months: 3)),
    ("offers 24", .init(name: "o24", workloads: 100, offers: 24, months: 3)),
    ("offers 48", .init(name: "o48", workloads: 100, offers: 48, months: 3)),
  ]
  print(
    "\n| variant (100 workloads, 24 offers, a quarter otherwise) | calendar hours | Baseload s | MiB | certified gap |"
  )
  print("|---|---:|---:|---:|---:|")
  for (label, size) in variants {
    let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "baseload-scaling-\(size.name)")
    try? fm.removeItem(at: dir)
    try! fm.createDirectory(
      at: dir.appendingPathComponent("input"), withIntermediateDirectories: true)
    for (name, text) in SyntheticPlan(size: size).sheets {
      try! text.write(
        to: dir.appendingPathComponent("input/\(name)"), atomically: true, encoding: .utf8)
    }
    let out = dir.appendingPathComponent("report").path
    let b = measure(
      [baseload, "plan", dir.appendingPathComponent("input").path, "--out", out, "--quiet"],
      timeout: 3600)
    var gap = "—"
    if let data = fm.contents(atPath: out + "/summary.json"),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let solver = json["solver"] as? [String: Any],
      let g = Double("\(solver["certified_gap"] ?? "")")
    {
      gap = Format.percent(g, 3)
    }
    let hours = (0..<size.months).reduce(0) { $0 + Month(year: 2027, month: 1).adding($1).hours }
    print("| \(label) | \(hours) | \(fmt(b.seconds)) | \(fmt(b.mib, 0)) | \(gap) |")
  }
}
if scaling { runScaling() }
