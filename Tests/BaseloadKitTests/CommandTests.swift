import Foundation
import Testing

@testable import BaseloadKit

@Suite struct CommandTests {
  @Test func usageErrorsExitTwo() {
    let c = Captured()
    #expect(BaseloadCLI.run([], io: c.io) == .usage)
    #expect(BaseloadCLI.run(["frobnicate"], io: c.io) == .usage)
    #expect(c.stderr.contains("unknown command 'frobnicate'"))
    #expect(BaseloadCLI.run(["plan", "x", "--colour", "red"], io: c.io) == .usage)
    #expect(c.stderr.contains("unknown option --colour"))
  }

  @Test func everyCommandHasHelp() {
    for command in BaseloadCLI.commands {
      let c = Captured()
      #expect(BaseloadCLI.run([command.name, "--help"], io: c.io) == .ok)
      #expect(c.stdout.hasPrefix("usage: baseload \(command.name)"))
    }
  }

  /// init writes a template that check accepts and forecast runs on.
  @Test func initTemplateChecksAndForecasts() throws {
    let dir = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(BaseloadCLI.run(["init", dir], io: c.io) == .ok)
    #expect(BaseloadCLI.run(["check", dir], io: c.io) == .ok)
    #expect(c.stdout.contains("ok: the sheets are valid"))
    let out = ReportFolderTests.tempDir().path
    #expect(BaseloadCLI.run(["forecast", dir, "--out", out, "--quiet"], io: c.io) == .ok)
    let csv = try String(contentsOfFile: out + "/forecast.csv", encoding: .utf8)
    #expect(csv.hasPrefix("workload,month,slice,hours,sessions_per_hour"))
    #expect(csv.split(separator: "\n").count == 1 + 2 * 3 * 168)
    // init refuses a folder that is not empty.
    #expect(BaseloadCLI.run(["init", dir], io: c.io) == .usage)
  }

  /// A batch plans every folder, skips files, lists a failing folder in the index without stopping the
  /// others, and exits with the worst code seen.
  @Test func batchRunReportsEachFolderAndAFailure() throws {
    let good = ReportFolderTests.tempDir().path
    let bad = ReportFolderTests.tempDir().path
    let file = ReportFolderTests.tempDir().path + ".md"
    let reports = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(BaseloadCLI.run(["init", good], io: c.io) == .ok)
    #expect(BaseloadCLI.run(["init", bad], io: c.io) == .ok)
    try "key,value\nstart,2027-13\nmonths,1\n".write(
      toFile: bad + "/plan.csv", atomically: true, encoding: .utf8)
    try "notes\n".write(toFile: file, atomically: true, encoding: .utf8)
    let code = BaseloadCLI.run(
      ["plan", bad, file, good, "--reports", reports, "--quiet"], io: c.io)
    #expect(code == .badInput)
    #expect(c.stderr.contains("skipping \(file) (not a folder)"))
    #expect(
      c.stderr.contains("1 of 2 folders failed: \(URL(fileURLWithPath: bad).lastPathComponent)"))
    let index = try String(contentsOfFile: reports + "/index.csv", encoding: .utf8)
    let rows = index.split(separator: "\n")
    #expect(rows.count == 3)
    #expect(rows[1].hasPrefix(URL(fileURLWithPath: bad).lastPathComponent + ",,failed: bad input"))
    #expect(rows[2].contains(",ok,"))
    let goodReport = reports + "/" + URL(fileURLWithPath: good).lastPathComponent
    #expect(FileManager.default.fileExists(atPath: goodReport + "/report.html"))
    #expect(FileManager.default.fileExists(atPath: reports + "/index.html"))
  }

  /// A workload beyond every offer's capacity exits 3 with the reason in words.
  @Test func infeasiblePlanExitsThree() {
    let folder = TestFolder.make([
      "workloads.csv": PlacementOptimaTests.wh
        + "\nw,mid,standard,\(1440 * 24 * 3),1,1,1,1000,100,flat,0,0,1,0\n",
      "capacity.csv": PlacementOptimaTests.capHeader
        + "\ngpu,V,mid,1.00,reserved,1,0,1,2,1000,100\n",
    ])
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    #expect(BaseloadCLI.run(["plan", folder, "--out", out, "--quiet"], io: c.io) == .infeasible)
    #expect(c.stderr.contains("no plan can meet the demand: workload 'w' is short by"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}

/// The command line: repeated options, `help COMMAND`, `--opt=value`, `--`, unknown options, missing folders.
@Suite struct CommandLineTests {
  @Test func anOptionGivenTwiceIsAUsageError() {
    let c = Captured()
    let out = ReportFolderTests.tempDir().path
    #expect(
      BaseloadCLI.run(["plan", TestFolder.make([:]), "--out", out, "--out", out + "b"], io: c.io)
        == .usage)
    #expect(c.stderr.hasPrefix("baseload plan: --out is given twice\n"))
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(!FileManager.default.fileExists(atPath: out + "b"))
    // A flag too (`--quiet --quiet` ran; found by an independent tester).
    let q = Captured()
    #expect(
      BaseloadCLI.run(["plan", TestFolder.make([:]), "--out", out, "--quiet", "--quiet"], io: q.io)
        == .usage)
    #expect(q.stderr.hasPrefix("baseload plan: --quiet is given twice\n"))
    #expect(!FileManager.default.fileExists(atPath: out))
    // Help asked for twice is still help.
    #expect(BaseloadCLI.run(["plan", "-h", "--help"], io: Captured().io) == .ok)
  }

  @Test func helpCommandPrintsThatCommandsHelp() {
    for command in BaseloadCLI.commands {
      let c = Captured()
      #expect(BaseloadCLI.run(["help", command.name], io: c.io) == .ok)
      #expect(c.stdout == command.help)
    }
    let c = Captured()
    #expect(BaseloadCLI.run(["help", "frobnicate"], io: c.io) == .usage)
    #expect(c.stderr.hasPrefix("baseload help: no command 'frobnicate'"))
    #expect(BaseloadCLI.run(["help"], io: c.io) == .ok)
    #expect(c.stdout.hasPrefix("baseload \(BaseloadCLI.version)"))
  }

  @Test func equalsValuesAndDoubleDash() throws {
    let args = try Arguments(
      ["--out=a b", "--", "--quiet", "-h", "--out"], valued: ["out"], flags: ["quiet", "help"])
    #expect(args.options == ["out": "a b"])
    #expect(args.positional == ["--quiet", "-h", "--out"])
    #expect(args.switches.isEmpty)
    // Through a command: --out=DIR writes there; after -- a word is a folder, not an option.
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(
      BaseloadCLI.run(["forecast", "--out=" + out, "--", TestFolder.make([:])], io: c.io) == .ok)
    #expect(FileManager.default.fileExists(atPath: out + "/forecast.csv"))
    #expect(BaseloadCLI.run(["check", "--", "--quiet"], io: c.io) == .usage)
    #expect(c.stderr.contains("baseload check: no input folder at --quiet"))
  }

  @Test func unknownOptionsAndMissingValuesExitTwo() {
    let x = TestFolder.make([:])
    for words in [
      ["plan", x, "--bogus=1"], ["plan", x, "-x"], ["check", x, "--quiet"],
      ["plan", x, "--out="], ["plan", x, "--out", "--quiet"], ["plan", x, "--quiet=yes"],
      ["plan", x, "--out"], ["frobnicate", x],
    ] {
      let c = Captured()
      #expect(BaseloadCLI.run(words, io: c.io) == .usage, "\(words)")
      #expect(c.stdout.isEmpty, "\(words)")
    }
    #expect(!FileManager.default.fileExists(atPath: "--quiet"))
  }

  /// A folder that does not exist is a usage error (2), not bad input (1), for every command that reads one.
  @Test func aMissingInputFolderIsUsage() {
    let missing = ReportFolderTests.tempDir().path
    for verb in ["check", "forecast", "plan", "quote", "whatif"] {
      let c = Captured()
      let out = ReportFolderTests.tempDir().path
      let words = verb == "check" ? [verb, missing] : [verb, missing, "--out", out]
      #expect(BaseloadCLI.run(words, io: c.io) == .usage, "\(verb)")
      #expect(c.stderr.contains("baseload \(verb): no input folder at \(missing)"), "\(verb)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
  }
}
