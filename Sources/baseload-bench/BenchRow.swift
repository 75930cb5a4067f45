import BaseloadKit
import BaseloadTestSupport
import Foundation

/// One instance's measurements.
struct BenchRow {
  var name: String
  var about: String
  /// Rows and columns of the exact week model (glpsol's count).
  var rows = 0
  var columns = 0
  var baseload: (s: Double, mib: Double, ub: Double, lb: Double, path: String, status: String)?
  var peers: [String: (s: Double, mib: Double, obj: Double?, note: String)] = [:]
  /// Gap the peers were given (the plan's optimality_gap).
  var gap = 0.001

  var bestPeer: Double? { peers.values.compactMap(\.obj).min() }

  static func table(_ rows: [BenchRow]) -> String {
    var t =
      "| instance | week model rows × cols | Baseload s | MiB | path | plan $ | certified gap | glpsol s | HiGHS s | HiGHS MiB | best peer $ | plan vs best peer | Baseload ÷ HiGHS | Baseload ÷ glpsol |"
    if rows.contains(where: { $0.peers["HiGHS hourly"] != nil }) { t += " HiGHS hourly s |" }
    t += "\n|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    if rows.contains(where: { $0.peers["HiGHS hourly"] != nil }) { t += "---:|" }
    for r in rows {
      let b = r.baseload
      let gap = b.map { ($0.ub - $0.lb) / $0.ub }
      func peer(_ k: String) -> String {
        guard let p = r.peers[k] else { return "—" }
        return p.obj != nil && p.note == "solved" ? fmt(p.s) : "≥ \(fmt(p.s)) (\(p.note))"
      }
      func ratio(_ k: String) -> String {
        guard let b, let p = r.peers[k] else { return "—" }
        return (p.obj != nil && p.note == "solved" ? "" : "≤ ") + fmt(b.s / p.s, 3)
      }
      let vs = r.bestPeer.flatMap { o in b.map { Format.percent(($0.ub - o) / o, 3) } } ?? "—"
      t +=
        "\n| \(r.name) | \(r.rows > 0 ? "\(r.rows) × \(r.columns)" : "not written (peers not run)") | \(fmt(b?.s)) | \(fmt(b?.mib, 0)) | \(b?.path ?? "failed")\(stopNote(b?.status)) | \(fmt(b?.ub)) | \(gap.map { Format.percent($0, 3) } ?? "—") | \(peer("glpsol")) | \(peer("HiGHS")) | \(fmt(r.peers["HiGHS"]?.mib, 0)) | \(fmt(r.bestPeer)) | \(vs) | \(ratio("HiGHS")) | \(ratio("glpsol")) |"
      if r.peers["HiGHS hourly"] != nil { t += " \(peer("HiGHS hourly")) |" }
    }
    return t
  }

  static func scalingTable(_ rows: [BenchRow]) -> String {
    var t = "| variant | Baseload s | MiB | path | certified gap |\n|---|---:|---:|---|---:|"
    for r in rows {
      let b = r.baseload
      t +=
        "\n| \(r.name) | \(fmt(b?.s)) | \(fmt(b?.mib, 0)) | \(b?.path ?? "failed")\(stopNote(b?.status)) | \(b.map { Format.percent(($0.ub - $0.lb) / $0.ub, 3) } ?? "—") |"
    }
    return t
  }
}

/// Baseload end to end on `instance`, then (with `peers`) glpsol and HiGHS on the week model it wrote.
@MainActor func runInstance(_ instance: Instance, in dir: URL, peers runPeers: Bool) -> BenchRow {
  var row = BenchRow(name: instance.name, about: instance.about)
  let inputs = dir.appendingPathComponent("input")
  try? fm.removeItem(at: dir)
  writeSheets(instance.sheets, to: inputs)
  let out = dir.appendingPathComponent("report").path
  let b = measure([baseload, "plan", inputs.path, "--out", out, "--quiet"], timeout: 3600)
  if [0, 4].contains(b.status), let data = fm.contents(atPath: out + "/summary.json"),
    let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    // A plan for several futures is certified by its outlook solve; the plan's own solver line is its
    // capacity dispatched on the sheets as they are.
    let solver = (json["outlook"] as? [String: Any])?["solver"] as? [String: Any]
      ?? json["solver"] as? [String: Any]
  {
    let ub = Double("\(solver["upper_bound"] ?? "")") ?? .nan
    let lb = Double("\(solver["lower_bound"] ?? "")") ?? .nan
    row.baseload = (
      b.seconds, b.mib, ub, lb, "\(solver["path"] ?? "?")", "\(solver["status"] ?? "?")"
    )
    say(
      "  baseload: \(fmt(b.seconds)) s, \(fmt(b.mib, 0)) MiB, \(solver["path"] ?? "?"), plan \(fmt(ub)), lower bound \(fmt(lb)), status \(solver["status"] ?? "?")"
    )
  } else {
    say("  baseload failed (exit \(b.status))")
  }
  guard runPeers, let glpsol, fm.fileExists(atPath: out + "/placement.dat") else { return row }
  let input = try! InputLoader.load(folder: inputs.path)
  let weekData = PlacementData(input: input)
  let columns = weekData.pairs.count * weekData.slices.slices.count
  guard columns <= peerMaxColumns else {
    say(
      "  peers not run: the exact week model has \(columns) placement columns (--peer-max-columns \(peerMaxColumns))"
    )
    row.columns = columns
    return row
  }
  row.gap = input.settings.optimalityGap
  let week = dir.appendingPathComponent("week.dat").path
  try! fm.copyItem(atPath: out + "/placement.dat", toPath: week)
  let (mps, size) = writeMPS(glpsol, data: week, dir: dir, name: "week")
  (row.rows, row.columns) = size
  say("  exact week model: \(size.rows) rows, \(size.columns) columns")
  row.peers["glpsol"] = runGLPSOL(glpsol, data: week, dir: dir, gap: row.gap)
  row.peers["HiGHS"] = runHiGHS(mps: mps, dir: dir, name: "week", gap: row.gap)
  if hourly {
    var h = input
    h.settings.resolution = .hour
    let dat = dir.appendingPathComponent("hourly.dat").path
    try! PlacementData(input: h).mathProgData().write(
      toFile: dat, atomically: true, encoding: .utf8)
    let (hmps, _) = writeMPS(glpsol, data: dat, dir: dir, name: "hourly")
    row.peers["HiGHS hourly"] = runHiGHS(mps: hmps, dir: dir, name: "hourly", gap: row.gap)
  }
  return row
}

/// The model translated by glpsol to free MPS, and its size.
@MainActor func writeMPS(_ glpsol: String, data: String, dir: URL, name: String) -> (
  String, (rows: Int, columns: Int)
) {
  let mps = dir.appendingPathComponent("\(name).mps").path
  let gen = dir.appendingPathComponent("\(name)-generate.txt").path
  _ = measure(
    [glpsol, "-m", model, "-d", data, "--check", "--wfreemps", mps], timeout: 3600, stdoutFile: gen)
  let text = (try? String(contentsOfFile: gen, encoding: .utf8)) ?? ""
  func count(_ label: String) -> Int {
    text.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap {
      Int($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces))
    } ?? 0
  }
  return (mps, (count("Number of rows"), count("Number of columns")))
}

@MainActor func runGLPSOL(_ glpsol: String, data: String, dir: URL, gap: Double) -> (
  s: Double, mib: Double, obj: Double?, note: String
) {
  let sol = dir.appendingPathComponent("glpsol.txt").path
  let g = measure(
    [
      glpsol, "-m", model, "-d", data, "-o", sol, "--tmlim", "\(Int(peerTimeout))", "--mipgap",
      "\(gap)",
    ], timeout: peerTimeout + 60)
  var obj: Double?
  if let text = try? String(contentsOfFile: sol, encoding: .utf8),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
    let v = line.split(separator: "=").last?.split(separator: "(").first.flatMap({
      Double($0.trimmingCharacters(in: .whitespaces))
    }),
    let status = text.split(separator: "\n").first(where: { $0.hasPrefix("Status:") }),
    ["INTEGER OPTIMAL", "OPTIMAL", "INTEGER NON-OPTIMAL"].contains(
      status.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces))
  {
    obj = v
  }
  let note =
    g.timedOut || g.seconds >= peerTimeout ? "time limit" : (obj == nil ? "failed" : "solved")
  say("  glpsol: \(fmt(g.seconds)) s, \(fmt(g.mib, 0)) MiB, \(note) \(fmt(obj))")
  return (g.seconds, g.mib, obj, note)
}

@MainActor func runHiGHS(mps: String, dir: URL, name: String, gap: Double) -> (
  s: Double, mib: Double, obj: Double?, note: String
) {
  let out = dir.appendingPathComponent("highs-\(name).txt").path
  let script = peerScript("highs")
  let hs = measure(
    ["python3", "-c", script, mps, "\(peerTimeout)", "\(gap)"], timeout: peerTimeout + 120,
    stdoutFile: out)
  let last =
    ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").last ?? ""
  let parts = last.split(separator: " ")
  let obj = parts.count >= 3 && parts[0].hasPrefix("Optimal") ? Double(parts[parts.count - 2]) : nil
  let note =
    hs.timedOut || (parts.first.map { $0.hasPrefix("Time") } ?? false)
    ? "time limit" : (obj == nil ? "failed" : "solved")
  say(
    "  HiGHS (\(name)): \(fmt(hs.seconds)) s incl. reading the MPS, \(fmt(hs.mib, 0)) MiB, \(note) \(fmt(obj))"
  )
  return (hs.seconds, hs.mib, obj, note)
}

/// The solve status of summary.json as a table note: nothing when optimal, else " (time limit)" and the like.
func stopNote(_ status: String?) -> String {
  guard let status, status != "optimal" else { return "" }
  return " (\(status.replacingOccurrences(of: "_", with: " ")))"
}
