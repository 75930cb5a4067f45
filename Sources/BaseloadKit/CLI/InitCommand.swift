/// `baseload init DIR`: a commented, runnable template input folder.
struct InitCommand: Command {
  let name = "init"
  let summary = "write a commented, runnable template input folder"
  let help = """
    usage: baseload init DIR

    Writes a small, commented input folder (plan, workloads, profiles, apis, capacity)
    that `baseload check`, `forecast` and `plan` accept. DIR must not exist or be empty.

    """

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard args.positional.count == 1 else {
      io.err("baseload init: expected one folder\n\n" + help)
      return .usage
    }
    let dir = args.positional[0]
    var folder = ReportFolder()
    for f in Template.files { folder.add(f.name, f.text) }
    do throws(ReportFolder.WriteError) {
      // An input folder, not a report: no marker, and only into an absent path or an empty folder.
      try folder.write(to: dir, kind: .newFolder)
    } catch {
      return failed(error, io)
    }
    io.out(
      "wrote \(Template.files.count) sheets to \(dir)\nnext: baseload check \(dir) && baseload plan \(dir)\n"
    )
    return .ok
  }
}
