/// Loads a folder, printing every diagnostic on stderr when it fails.
func loadInput(_ folder: String, _ io: CommandIO) -> PlanInput? {
  do throws(DiagnosticList) {
    return try InputLoader.load(folder: folder)
  } catch {
    io.err(error.description + "\n")
    let n = error.items.count
    io.err("\(n) problem\(n == 1 ? "" : "s") in \(folder); nothing was written\n")
    return nil
  }
}
