import Foundation
import Testing

@testable import GLPK

/// Branch and cut with the caller's hooks (`BranchAndCut`): rows only the caller knows, solutions only the
/// caller finds, and GLPK's own heuristics kept from accepting a solution the caller has not seen.
@Suite struct BranchAndCutTests {
  /// max 5x + 4y s.t. x + 2y ≤ 6, integer in [0, 10]; the row 6x + 4y ≤ 24 is known only to the hooks, which
  /// return it whenever a node's solution violates it (at any node: GLPK drops a lazy row outside the subtree
  /// that added it). Without it the optimum is 30 at (6, 0); with it 20 at (4, 0).
  final class LazyKnapsack: BranchAndCut {
    var integralCalls = 0
    var added = 0
    /// Solves a small LP inside the callback, as the Benders search dispatches inside its master's search.
    var nestedSolve = false
    var nestedOutput = ""

    func lazyRows(at x: [Double], integral: Bool, node: Int) -> [LinearProgram.Row] {
      if integral { integralCalls += 1 }
      if nestedSolve, nestedOutput.isEmpty {
        var lp = LinearProgram(sense: .maximize)
        let z = lp.addColumn("z", bounds: .range(0, 1), objective: 1)
        lp.addRow("one", bounds: .upper(1), coefficients: [(z, 1)])
        nestedOutput =
          (try? GLPKSolver.solve(lp, options: SolverOptions(presolve: false)))?
          .terminalOutput ?? "failed"
      }
      guard 6 * x[0] + 4 * x[1] > 24 + 1e-9 else { return [] }
      added += 1
      return [.init(name: "a", bounds: .upper(24), coefficients: [(0, 6), (1, 4)])]
    }
    func heuristic(near x: [Double]) -> [Double]? { nil }
    var shouldStop: Bool { false }
  }

  static func knapsack() -> LinearProgram {
    var lp = LinearProgram(sense: .maximize)
    let x = lp.addColumn("x", kind: .integer, bounds: .range(0, 10), objective: 5)
    let y = lp.addColumn("y", kind: .integer, bounds: .range(0, 10), objective: 4)
    lp.addRow("b", bounds: .upper(6), coefficients: [(x, 1), (y, 2)])
    return lp
  }

  @Test func lazyRowsCutOffWhatTheProgramAloneAllows() throws {
    let plain = try GLPKSolver.solve(Self.knapsack())
    #expect(abs(plain.objective - 30) < 1e-9)
    let hooks = LazyKnapsack()
    let s = try GLPKSolver.solve(Self.knapsack(), hooks: hooks)
    #expect(s.status == .optimal)
    #expect(abs(s.objective - 20) < 1e-9)
    #expect(abs(s.columnValues[0] - 4) < 1e-9 && abs(s.columnValues[1]) < 1e-9)
    #expect(hooks.added >= 1)
    #expect(hooks.integralCalls >= 1)
  }

  /// A solve inside the callback captures its own output and hands the hook back: the outer search's output,
  /// to its last line, stays in the outer solution (and nothing reaches the terminal).
  @Test func aSolveInsideTheSearchKeepsBothOutputs() throws {
    let hooks = LazyKnapsack()
    hooks.nestedSolve = true
    let s = try GLPKSolver.solve(Self.knapsack(), hooks: hooks)
    #expect(abs(s.objective - 20) < 1e-9)
    #expect(hooks.nestedOutput.contains("obj =   1.000000000e+00"))
    #expect(!hooks.nestedOutput.contains("mip ="))
    // The search's last line, printed after the nested solve returned.
    #expect(s.terminalOutput.hasSuffix("tree is empty   0.0% (0; 5)\n"))
    #expect(!s.terminalOutput.contains("obj =   1.000000000e+00"))
  }

  /// max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6: the root relaxation (3, 1.5) is fractional, so the search asks
  /// the heuristic, which returns (4, 0); the hooks then end the search, and that solution is the incumbent.
  final class GivesOptimum: BranchAndCut {
    var given = false
    func lazyRows(at x: [Double], integral: Bool, node: Int) -> [LinearProgram.Row] { [] }
    func heuristic(near x: [Double]) -> [Double]? {
      given = true
      return [4, 0]
    }
    var shouldStop: Bool { given }
  }

  @Test func aHeuristicSolutionBecomesTheIncumbent() throws {
    var lp = Self.knapsack()
    lp.addRow("a", bounds: .upper(24), coefficients: [(0, 6), (1, 4)])
    let hooks = GivesOptimum()
    let s = try GLPKSolver.solve(lp, hooks: hooks)
    #expect(hooks.given)
    #expect(s.status == .feasible)
    #expect(abs(s.objective - 20) < 1e-9)
    #expect(s.columnValues == [4, 0])
  }
}
