import Foundation
import Testing

@testable import GLPK

@Suite struct LinearProgramTests {
  /// max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 7, x ≤ 3  →  x = 3, y = 1, objective 11 (mix has slack).
  @Test func handCheckableLP() throws {
    var lp = LinearProgram(name: "hand", sense: .maximize)
    let x = lp.addColumn("x", objective: 3)
    let y = lp.addColumn("y", objective: 2)
    lp.addRow("sum", bounds: .upper(4), coefficients: [(x, 1), (y, 1)])
    lp.addRow("mix", bounds: .upper(7), coefficients: [(x, 1), (y, 3)])
    lp.addRow("cap", bounds: .upper(3), coefficients: [(x, 1)])
    let s = try GLPKSolver.solve(lp, options: SolverOptions(presolve: false))
    #expect(s.status == .optimal)
    #expect(abs(s.objective - 11) < 1e-9)
    #expect(abs(s.columnValues[x] - 3) < 1e-9 && abs(s.columnValues[y] - 1) < 1e-9)
    // Duals: 'sum' binds with price 2 (one more unit of x+y is worth 2 via y), 'cap' with 1, 'mix' slack.
    #expect(abs(s.rowDuals[0] - 2) < 1e-9)
    #expect(abs(s.rowDuals[1]) < 1e-9)
    #expect(abs(s.rowDuals[2] - 1) < 1e-9)
    #expect(s.reducedCosts.allSatisfy { abs($0) < 1e-9 })
    #expect(s.value(ofColumn: "y") == s.columnValues[y])
  }

  /// max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6, integer: LP optimum 21 at (3, 1.5); integer optimum 20 at (4, 0).
  @Test func mipOptimumDiffersFromRelaxation() throws {
    var lp = LinearProgram(sense: .maximize)
    let x = lp.addColumn("x", objective: 5)
    let y = lp.addColumn("y", objective: 4)
    lp.addRow("a", bounds: .upper(24), coefficients: [(x, 6), (y, 4)])
    lp.addRow("b", bounds: .upper(6), coefficients: [(x, 1), (y, 2)])
    let relaxed = try GLPKSolver.solve(lp)
    #expect(abs(relaxed.objective - 21) < 1e-9)
    var mip = LinearProgram(sense: .maximize)
    let xi = mip.addColumn("x", kind: .integer, objective: 5)
    let yi = mip.addColumn("y", kind: .integer, objective: 4)
    mip.addRow("a", bounds: .upper(24), coefficients: [(xi, 6), (yi, 4)])
    mip.addRow("b", bounds: .upper(6), coefficients: [(xi, 1), (yi, 2)])
    let s = try GLPKSolver.solve(mip)
    #expect(s.isMIP)
    #expect(s.status == .optimal)
    #expect(abs(s.objective - 20) < 1e-9)
    #expect(s.columnValues == [4, 0])
    #expect(s.mipGap == 0)
  }

  @Test func infeasibleAndUnboundedStatuses() throws {
    var bad = LinearProgram()
    let x = bad.addColumn("x", objective: 1)
    bad.addRow("low", bounds: .lower(5), coefficients: [(x, 1)])
    bad.addRow("high", bounds: .upper(3), coefficients: [(x, 1)])
    let s = try GLPKSolver.solve(bad, options: SolverOptions(presolve: false))
    #expect(s.status == .noFeasible)
    let p = try GLPKSolver.solve(bad, options: SolverOptions(presolve: true))
    #expect(p.stop == .noPrimalFeasible)

    var open = LinearProgram(sense: .maximize)
    let y = open.addColumn("y", objective: 1)
    open.addRow("r", bounds: .lower(1), coefficients: [(y, 1)])
    let u = try GLPKSolver.solve(open, options: SolverOptions(presolve: false))
    #expect(u.status == .unbounded)
  }

  @Test func invalidModelsAreCaughtBeforeGLPK() {
    var lp = LinearProgram()
    let x = lp.addColumn("x", bounds: .range(2, 1))
    #expect(throws: GLPKError.self) { try GLPKSolver.solve(lp) }
    var lp2 = LinearProgram()
    _ = lp2.addColumn("x")
    lp2.addRow("r", bounds: .upper(1), coefficients: [(x + 5, 1)])
    do {
      _ = try GLPKSolver.solve(lp2)
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "invalid model: row r: column index 5 out of range")
    }
  }

  @Test func terminalOutputIsCaptured() throws {
    var lp = LinearProgram()
    let x = lp.addColumn("x", objective: 1)
    lp.addRow("r", bounds: .lower(1), coefficients: [(x, 1)])
    let s = try GLPKSolver.solve(lp)
    #expect(s.terminalOutput.contains("obj ="))
  }

  @Test func progressCallbackFiresOnAMIP() throws {
    final class Count: @unchecked Sendable {
      var n = 0
      let lock = NSLock()
    }
    let count = Count()
    var lp = LinearProgram(sense: .maximize)
    var cols: [Int] = []
    for i in 0..<12 {
      cols.append(lp.addColumn("x\(i)", kind: .binary, objective: Double(7 + (i * 5) % 11)))
    }
    lp.addRow(
      "knap", bounds: .upper(25),
      coefficients: cols.enumerated().map { ($1, Double(3 + ($0 * 7) % 9)) })
    var options = SolverOptions(timeLimitSeconds: 30)
    options.progress = { _ in count.lock.withLock { count.n += 1 } }
    let s = try GLPKSolver.solve(lp, options: options)
    #expect(s.status == .optimal)
    #expect(count.n >= 1)
    #expect(options.timeLimitMilliseconds == 30000)
  }

  /// A point is checked against every column bound, integrality and row, each to a tolerance relative to its
  /// bound; the first broken one is named with the amount.
  @Test func violationNamesTheFirstBrokenBoundOrRow() {
    var lp = LinearProgram()
    let x = lp.addColumn("x", kind: .integer, bounds: .range(0, 10))
    let y = lp.addColumn("y", bounds: .lower(0))
    lp.addRow("Sum", bounds: .upper(8), coefficients: [(x, 1), (y, 2)])
    lp.addRow("Tie", bounds: .fixed(1000), coefficients: [(y, 1000)])
    #expect(lp.violation(at: [4, 1], tolerance: 1e-9) == nil)
    #expect(lp.violation(at: [4, 2.5], tolerance: 1e-9)?.name == "Sum")
    #expect(lp.violation(at: [4, 2.5], tolerance: 1e-9)?.by == 1)
    #expect(lp.violation(at: [4.5, 1], tolerance: 1e-9)?.name == "x")
    #expect(lp.violation(at: [11, 1], tolerance: 1e-9)?.name == "x")
    #expect(lp.violation(at: [4, -1e-3], tolerance: 1e-9)?.name == "y")
    // 1000.0005 against 1000: within a millionth of the bound, not within a billionth.
    #expect(lp.violation(at: [4, 1.0000005], tolerance: 1e-6) == nil)
    #expect(lp.violation(at: [4, 1.0000005], tolerance: 1e-9)?.name == "Tie")
  }

  @Test func handleWarmStartsAfterABoundChange() throws {
    var lp = LinearProgram()
    let x = lp.addColumn("x", objective: 2)
    let y = lp.addColumn("y", objective: 3)
    let r = lp.addRow("demand", bounds: .lower(10), coefficients: [(x, 1), (y, 1)])
    lp.addRow("xcap", bounds: .upper(4), coefficients: [(x, 1)])
    try LPHandle.with(lp) { h in
      let first = try h.solveSimplex(dual: false)
      #expect(first == .optimal)
      #expect(abs(h.objective - (8 + 18)) < 1e-9)
      #expect(abs(h.rowDual(r) - 3) < 1e-9)
      h.setRowBounds(r, .lower(3))
      let second = try h.solveSimplex()
      #expect(second == .optimal)
      #expect(abs(h.objective - 6) < 1e-9)
      #expect(abs(h.columnValue(x) - 3) < 1e-9)
    }
  }
}

@Suite struct MathProgTests {
  static func write(_ text: String, _ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "glpk-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func transportationThroughMathProgAndTheAPI() throws {
    let withReport = TransportationExample.model.replacingOccurrences(
      of: "\ndata;",
      with: "\nsolve;\nprintf \"shipped %g cases\\n\", sum{i in I, j in J} x[i,j];\ndata;")
    let path = Self.write(withReport, "transp.mod")
    let mp = try MathProgModel(modelPath: path).solve()
    #expect(mp.solution.status == .optimal)
    #expect(abs(mp.solution.objective - 153.675) < 1e-9)
    #expect(mp.displayOutput.contains("shipped 900 cases"))

    // The same problem built by hand: cost = 90 $/case/thousand miles × distance / 1000, in thousands of $.
    let plants = [("seattle", 350.0), ("san-diego", 600.0)]
    let markets = [("new-york", 325.0), ("chicago", 300.0), ("topeka", 275.0)]
    let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]]
    var lp = LinearProgram(name: "transp")
    var x: [[Int]] = []
    for (i, p) in plants.enumerated() {
      x.append(
        markets.enumerated().map { j, m in
          lp.addColumn("x[\(p.0),\(m.0)]", objective: 90 * distance[i][j] / 1000)
        })
    }
    for (i, p) in plants.enumerated() {
      lp.addRow("supply[\(p.0)]", bounds: .upper(p.1), coefficients: x[i].map { ($0, 1) })
    }
    for (j, m) in markets.enumerated() {
      lp.addRow("demand[\(m.0)]", bounds: .lower(m.1), coefficients: x.map { ($0[j], 1) })
    }
    let api = try GLPKSolver.solve(lp)
    #expect(abs(api.objective - 153.675) < 1e-9)
    #expect(abs(api.objective - mp.solution.objective) < 1e-12)
  }

  @Test func syntaxErrorIsThrownWithGLPKsMessageAndLine() {
    let path = Self.write("var x >= 0;\nminimize z: x;\ns.t. c: x >= 1\nend;\n", "bad.mod")
    do {
      _ = try MathProgModel(modelPath: path).solve()
      Issue.record("expected an error")
    } catch {
      guard case .translation(let message, let line, let output) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(line == 4)
      #expect(message.contains("syntax error"))
      #expect(output.contains("bad.mod:4"))
    }
  }

  @Test func failedCheckIsAGenerationError() {
    let path = Self.write(
      "param p := 3;\ncheck p <= 2;\nvar x >= 0;\nminimize z: x;\nend;\n", "check.mod")
    do {
      _ = try MathProgModel(modelPath: path).solve()
      Issue.record("expected an error")
    } catch {
      guard case .generation(let message, _) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(message.contains("check"))
    }
  }

  @Test func mpsExportSolvesToTheSameOptimumWithGlpsol() throws {
    let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    let path = Self.write(TransportationExample.model, "transp.mod")
    let mps = path + ".mps"
    try MathProgModel(modelPath: path).writeMPS(to: mps)
    let generated = try MathProgModel(modelPath: path).generate()
    #expect(generated.columnCount == 6)
    #expect(generated.rowCount == 6)  // objective row + 2 supply + 3 demand
    guard let glpsol else { return }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: glpsol)
    let out = Pipe()
    p.standardOutput = out
    p.arguments = ["--freemps", mps]
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(text.contains("obj =   1.536750000e+02"))
  }
}

/// A solve started from an earlier basis (`SolverOptions.startBasis`): the relaxed Benders master is solved again
/// after each round of cuts from where the last round ended.
@Suite struct WarmStartTests {
  /// max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 7 (optimum 12 at x = 4), then the row x ≤ 3 appended: the optimum moves
  /// to x = 3, y = 1, 11. Started from the first solve's basis, the appended row basic, the dual simplex reaches
  /// what a solve from scratch reaches; the first basis given back unchanged is optimal at once (no iteration).
  @Test func aBasisGivenBackStartsTheSolve() throws {
    var lp = LinearProgram(name: "warm", sense: .maximize)
    let x = lp.addColumn("x", objective: 3)
    let y = lp.addColumn("y", objective: 2)
    lp.addRow("sum", bounds: .upper(4), coefficients: [(x, 1), (y, 1)])
    lp.addRow("mix", bounds: .upper(7), coefficients: [(x, 1), (y, 3)])
    var options = SolverOptions(presolve: false, messageLevel: .all)
    let first = try GLPKSolver.solve(lp, options: options)
    #expect(abs(first.objective - 12) < 1e-9)
    let basis = try #require(first.basis)
    #expect(basis.rowCount == 2)

    options.startBasis = basis
    let again = try GLPKSolver.solve(lp, options: options)
    #expect(abs(again.objective - 12) < 1e-9)
    #expect(Self.iterations(again.terminalOutput) == 0, "\(again.terminalOutput)")

    lp.addRow("cap", bounds: .upper(3), coefficients: [(x, 1)])
    let warm = try GLPKSolver.solve(lp, options: options)
    let cold = try GLPKSolver.solve(lp, options: SolverOptions(presolve: false, messageLevel: .all))
    // From the first optimum one dual step reaches the new one; from scratch takes more.
    let warmSteps = try #require(Self.iterations(warm.terminalOutput))
    let coldSteps = try #require(Self.iterations(cold.terminalOutput))
    #expect(warmSteps < coldSteps, "warm \(warmSteps), cold \(coldSteps)")
    #expect(warm.status == .optimal)
    #expect(abs(warm.objective - 11) < 1e-9 && abs(cold.objective - 11) < 1e-9)
    #expect(abs(warm.columnValues[x] - 3) < 1e-9 && abs(warm.columnValues[y] - 1) < 1e-9)
    #expect(warm.basis?.rowCount == 3)

    // A basis of another problem (as many rows, another number of columns) is not used: the solve starts from
    // scratch.
    var other = LinearProgram(name: "other", sense: .maximize)
    let z = other.addColumn("z", bounds: .range(0, 5), objective: 1)
    other.addRow("z", bounds: .upper(2), coefficients: [(z, 1)])
    other.addRow("z2", bounds: .upper(4), coefficients: [(z, 2)])
    let unrelated = try GLPKSolver.solve(other, options: options)
    #expect(unrelated.status == .optimal && abs(unrelated.objective - 2) < 1e-9)
  }

  /// The last iteration count GLPK printed ("*     2: obj = …", "#" in the dual simplex), or nil.
  static func iterations(_ output: String) -> Int? {
    output.split(separator: "\n").compactMap { line -> Int? in
      let t = line.drop { " *#".contains($0) }
      guard let colon = t.firstIndex(of: ":") else { return nil }
      return Int(t[..<colon])
    }.last
  }
}
