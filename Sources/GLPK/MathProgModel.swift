import CGLPK
import Foundation

/// A GNU MathProg model and its data files, translated in-process with `glp_mpl_*`.
public struct MathProgModel: Sendable {
  public var modelPath: String
  public var dataPaths: [String]

  public init(modelPath: String, dataPaths: [String] = []) {
    self.modelPath = modelPath
    self.dataPaths = dataPaths
  }

  /// Translates, generates, solves, runs postsolve (display/printf), and deletes everything, in one scope.
  public func solve(options: SolverOptions = SolverOptions()) throws(GLPKError) -> MathProgSolution
  {
    try translate { tran, problem, buffer throws(GLPKError) in
      let start = Date()
      let r = problem.solve(options)
      let seconds = Date().timeIntervalSince(start)
      let before = buffer.text.count
      let status = problem.isMIP ? glp_mip_status(problem.pointer) : glp_get_status(problem.pointer)
      if status == GLP_OPT || status == GLP_FEAS {
        let values = problem.isMIP && !r.polished ? GLP_MIP : GLP_SOL
        if glp_mpl_postsolve(tran, problem.pointer, values) != 0 {
          throw .postsolve(
            message: Self.firstError(buffer.text) ?? "postsolve failed", output: buffer.text)
        }
      }
      let display = String(buffer.text.dropFirst(before))
      let solution = problem.read(r, output: buffer.text, seconds: seconds)
      return MathProgSolution(solution: solution, displayOutput: display)
    }
  }

  /// Translates and generates the model, returning it as values (names kept), e.g. to export for other solvers.
  public func generate() throws(GLPKError) -> LinearProgram {
    try translate { _, problem, _ in problem.linearProgram() }
  }

  /// Writes the generated problem in free MPS format.
  public func writeMPS(to path: String) throws(GLPKError) {
    try translate { _, problem, buffer throws(GLPKError) in
      if glp_write_mps(problem.pointer, GLP_MPS_FILE, nil, path) != 0 {
        throw .solverFailed(stop: .other(1), output: buffer.text)
      }
    }
  }

  /// Runs `body` with the translator workspace and the built problem; frees both afterwards.
  func translate<R>(_ body: (OpaquePointer, Problem, TerminalBuffer) throws(GLPKError) -> R)
    throws(GLPKError) -> R
  {
    for path in [modelPath] + dataPaths where !FileManager.default.fileExists(atPath: path) {
      throw .translation(message: "cannot open \(path)", line: nil, output: "")
    }
    let result: Result<R, GLPKError> = TerminalCapture.withBuffer { buffer in
      let tran = glp_mpl_alloc_wksp()!
      defer { glp_mpl_free_wksp(tran) }
      if glp_mpl_read_model(tran, modelPath, dataPaths.isEmpty ? 0 : 1) != 0 {
        return .failure(
          .translation(
            message: Self.firstError(buffer.text) ?? "cannot read model",
            line: Self.errorLine(buffer.text), output: buffer.text))
      }
      for d in dataPaths where glp_mpl_read_data(tran, d) != 0 {
        return .failure(
          .data(
            message: Self.firstError(buffer.text) ?? "cannot read data",
            line: Self.errorLine(buffer.text), output: buffer.text))
      }
      if glp_mpl_generate(tran, nil) != 0 {
        return .failure(
          .generation(
            message: Self.firstError(buffer.text) ?? "cannot generate model", output: buffer.text))
      }
      return Problem.with { problem in
        glp_mpl_build_prob(tran, problem.pointer)
        do throws(GLPKError) {
          return .success(try body(tran, problem, buffer))
        } catch {
          return .failure(error)
        }
      }
    }
    return try result.get()
  }

  /// The first `file:line: message` line GLPK printed, without the file and line.
  static func firstError(_ output: String) -> String? {
    for line in output.split(separator: "\n") {
      if let (_, message) = locate(String(line)) { return message }
    }
    return output.split(separator: "\n").first {
      !$0.hasPrefix("Reading") && !$0.hasSuffix("were read")
    }.map(String.init)
  }

  /// The line number of the first `file:line: message`.
  static func errorLine(_ output: String) -> Int? {
    for line in output.split(separator: "\n") {
      if let (n, _) = locate(String(line)) { return n }
    }
    return nil
  }

  /// Splits `path:12: message` into (12, message).
  static func locate(_ line: String) -> (Int, String)? {
    let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, let n = Int(parts[1]), !parts[0].isEmpty else { return nil }
    return (n, parts[2].trimmingCharacters(in: .whitespaces))
  }
}

/// A MathProg solve: the solution and what display/printf statements wrote.
public struct MathProgSolution: Sendable {
  public var solution: Solution
  /// Text from display/printf statements during postsolve.
  public var displayOutput: String
}
