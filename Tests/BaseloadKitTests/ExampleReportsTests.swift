import Foundation
import Testing

@testable import BaseloadKit

/// The committed reports under Reports/ are what the code produces from Inputs/, byte for byte.
/// Re-record with `BASELOAD_RECORD=1 swift test --filter ExampleReportsTests`.
@Suite(.serialized) struct ExampleReportsTests {
  static var examples: [String] {
    let dir = TestFolder.repoRoot.appendingPathComponent("Inputs")
    let items = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return items.filter {
      FileManager.default.fileExists(
        atPath: dir.appendingPathComponent($0).appendingPathComponent("plan.csv").path)
    }
    .sorted()
  }

  static let recording = ProcessInfo.processInfo.environment["BASELOAD_RECORD"] == "1"

  static func folder(_ name: String) throws -> ReportFolder {
    let input = try InputLoader.load(
      folder: TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path)
    return PlanReport.folder(try PlanRun.solve(input, modelPath: TestFolder.modelPath))
  }

  @Test(arguments: examples) func reportMatchesTheCommittedSnapshot(_ name: String) throws {
    let folder = try Self.folder(name)
    let target = TestFolder.repoRoot.appendingPathComponent("Reports/\(name)")
    if Self.recording {
      try folder.write(to: target.path)
      return
    }
    for file in folder.filesWithMarker {
      let path = target.appendingPathComponent(file.path).path
      guard let committed = FileManager.default.contents(atPath: path) else {
        Issue.record(
          "Reports/\(name)/\(file.path) is not committed; re-record with BASELOAD_RECORD=1")
        continue
      }
      if committed != file.data {
        let a = String(decoding: committed, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: file.data, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record(
          "Reports/\(name)/\(file.path) differs from what the code produces, first at line \(line + 1):\n- \(line < a.count ? a[line] : "")\n+ \(line < b.count ? b[line] : "")"
        )
      }
    }
    let committedFiles = Set(
      FileManager.default.subpaths(atPath: target.path)?.filter { !$0.hasSuffix("/") } ?? []
    )
    .filter { path in
      var isDir: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: target.appendingPathComponent(path).path, isDirectory: &isDir)
      return !isDir.boolValue
    }
    let produced = Set(folder.filesWithMarker.map(\.path))
    #expect(
      committedFiles.subtracting(produced).isEmpty,
      "stale files in Reports/\(name): \(committedFiles.subtracting(produced).sorted())")
  }

  /// `Reports/index.csv` and `index.html` are what `baseload plan Inputs/*` writes beside the folders.
  @Test func batchIndexMatchesTheCommittedSnapshot() throws {
    let entries = try Self.examples.map { name in
      let input = try InputLoader.load(
        folder: TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path)
      return BatchEntry(
        folder: name, run: try PlanRun.solve(input, modelPath: TestFolder.modelPath))
    }
    for (file, text) in [
      ("index.csv", BatchIndex.csv(entries)), ("index.html", BatchIndex.html(entries)),
      (
        ReportFolder.indexMarkerName,
        ReportFolder.indexMarkerText(["index.csv", "index.html"])
      ),
    ] {
      let path = TestFolder.repoRoot.appendingPathComponent("Reports/\(file)").path
      if Self.recording {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        continue
      }
      let committed = try #require(
        try? String(contentsOfFile: path, encoding: .utf8),
        "Reports/\(file) is not committed; re-record with BASELOAD_RECORD=1")
      #expect(committed == text, "Reports/\(file) differs from what the code produces")
    }
  }

  /// glpsol on the written placement.dat reaches the same optimum as the in-process solve.
  @Test(arguments: examples) func glpsolReproducesTheOptimum(_ name: String) throws {
    guard TestFolder.glpsolPath != nil else {
      Issue.record("glpsol is not installed (apt-get install glpk-utils)")
      return
    }
    let input = try InputLoader.load(
      folder: TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path)
    let data = PlacementData(input: input)
    let result = try PlacementSolver.solve(data, modelPath: TestFolder.modelPath)
    let dat = FileManager.default.temporaryDirectory.appendingPathComponent(
      "glpsol-\(UUID().uuidString).dat"
    ).path
    defer { try? FileManager.default.removeItem(atPath: dat) }
    try data.mathProgData().write(toFile: dat, atomically: true, encoding: .utf8)
    let report = try #require(try TestFolder.glpsol(data: dat, mipGap: input.settings.mipGap))
    // "Objective:  TotalCost = 73416.9 (MINimum)"
    let value = try #require(TestFolder.glpsolObjective(report))
    let tolerance =
      max(1e-6 * abs(result.objective), 0.01) + input.settings.mipGap * abs(result.objective)
    #expect(
      abs(value - result.objective) <= tolerance, "glpsol \(value) vs Baseload \(result.objective)")
  }
}
