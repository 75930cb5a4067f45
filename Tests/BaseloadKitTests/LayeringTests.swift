import Foundation
import Testing

/// Data flows one way: renderers (`Reports/`, `Charts/`) read only the analysis value, never the solver's
/// types or the model data (issue 16). A renderer that reaches back into the solution fails here.
@Suite struct LayeringTests {
  /// Words that name the solver's side: its types, the solution's calls per pair and slice, the model data.
  static let solverWords = [
    "PlacementResult", "PlacementData", "PlacementSolver", "BendersSolver", "HourlyDispatch",
    "import GLPK", ".result.", "result.flows", ".flows[", "data.pairs", "data.slices", "a.data",
    "analysis.data", "run.plan.data", "import CGLPK",
  ]

  @Test(arguments: ["Sources/BaseloadKit/Reports", "Sources/BaseloadKit/Charts"])
  func renderersReadOnlyTheAnalysis(folder: String) throws {
    let dir = TestFolder.repoRoot.appendingPathComponent(folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".swift")
    }
    #expect(!files.isEmpty)
    for file in files {
      let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.trimmingCharacters(in: .whitespaces)
        guard !code.hasPrefix("//") else { continue }
        for word in Self.solverWords where code.contains(word) {
          Issue.record("\(folder)/\(file):\(n + 1): a renderer reads the solver (\(word)): \(code)")
        }
      }
    }
  }
}
