import BaseloadKit
import BaseloadTestSupport
import Foundation

/// Wall seconds and peak RSS of one child process, from a tiny Python wrapper (getrusage of children).
struct Measured {
  var seconds: Double
  var mib: Double
  var status: Int32
  var timedOut: Bool
}

/// Runs `argv` with a timeout; stdout to `stdoutFile` (default /dev/null).
func measure(_ argv: [String], timeout: Double, stdoutFile: String? = nil) -> Measured {
  let script = peerScript("measure")
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
  guard f.count == 4 else { return Measured(seconds: -1, mib: -1, status: -1, timedOut: false) }
  return Measured(seconds: f[0], mib: f[1], status: Int32(f[2]), timedOut: f[3] == 1)
}

func fmt(_ v: Double?, _ d: Int = 2) -> String { v.map { Format.fixed($0, d) } ?? "—" }

/// Writes `sheets` into a fresh folder.
func writeSheets(_ sheets: [String: String], to dir: URL) {
  try? FileManager.default.removeItem(at: dir)
  try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  for (name, text) in sheets {
    try! text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
}

/// A line on stdout, written at once (a redirected `print` is buffered until exit, so a long run shows
/// nothing while it works).
func say(_ s: String) {
  FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

/// The text of a peer script shipped with the benchmark (`Peers/NAME.py`).
func peerScript(_ name: String) -> String {
  guard let url = Bundle.module.url(forResource: "Peers/\(name)", withExtension: "py"),
    let text = try? String(contentsOf: url, encoding: .utf8)
  else { fatalError("baseload-bench: Peers/\(name).py is missing from the bundle") }
  return text
}
