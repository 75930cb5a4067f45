import Foundation

extension TestFolder {
  /// Where `glpsol` (Debian's glpk-utils) is installed; nil when it is not.
  static var glpsolPath: String? {
    ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs `glpsol` on `Models/placement.mod` with the data file `data` (and `--mipgap` when given) and returns
  /// its solution report (`-o`); nil when glpsol is not installed.
  static func glpsol(data: String, mipGap: Double? = nil) throws -> String? {
    guard let glpsol = glpsolPath else { return nil }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseload-glpsol-\(UUID().uuidString).txt"
    ).path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: glpsol)
    p.arguments =
      ["-m", modelPath, "-d", data, "-o", out] + (mipGap.map { ["--mipgap", "\($0)"] } ?? [])
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return try String(contentsOfFile: out, encoding: .utf8)
  }

  /// The objective of a glpsol solution report: `Objective:  TotalCost = 73416.9 (MINimum)` → 73416.9.
  static func glpsolObjective(_ report: String) -> Double? {
    report.split(separator: "\n").first { $0.hasPrefix("Objective:") }?
      .split(separator: "=").last?.split(separator: "(").first
      .flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
  }
}
