import Foundation

/// `baseload init DIR`: a commented, runnable template input folder.
struct InitCommand: Command {
  let name = "init"
  let summary = "write a commented, runnable template input folder"
  let help = """
    usage: baseload init DIR [--prices FOLDER]

    Writes a small, commented input folder (plan, workloads, profiles, apis, capacity)
    that `baseload check`, `forecast` and `plan` accept. DIR must not exist or be empty.
    --prices FOLDER takes apis.csv and capacity.csv from a price book instead of the
    template's examples: Inputs/prices holds public list prices, dated and sourced.

    """
  let valued: Set<String> = ["prices"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard args.positional.count == 1 else {
      io.err("baseload init: expected one folder\n\n" + help)
      return .usage
    }
    let dir = args.positional[0]
    var folder = ReportFolder()
    var book: [String: String] = [:]
    if let prices = args.options["prices"] {
      for name in ["apis.csv", "capacity.csv"] {
        let path = (prices as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { continue }
        guard let data = FileManager.default.contents(atPath: path) else {
          io.err("baseload init: cannot read \(path)\n")
          return .usage
        }
        book[name] = String(decoding: data, as: UTF8.self)
      }
      guard !book.isEmpty else {
        io.err("baseload init: no apis.csv or capacity.csv in \(prices)\n")
        return .usage
      }
    }
    for f in Template.files {
      if book.isEmpty || ["plan.csv", "workloads.csv", "profiles.csv"].contains(f.name) {
        folder.add(f.name, f.text)
      }
    }
    for (name, text) in book.sorted(by: { $0.key < $1.key }) { folder.add(name, text) }
    do throws(ReportFolder.WriteError) {
      // An input folder, not a report: no marker, and only into an absent path or an empty folder.
      try folder.write(to: dir, kind: .newFolder)
    } catch {
      return failed(error, io)
    }
    io.out(
      "wrote \(folder.files.count) sheets to \(dir)\nnext: baseload check \(dir) && baseload plan \(dir)\n"
    )
    return .ok
  }
}
