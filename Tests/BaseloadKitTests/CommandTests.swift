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
    #expect(BaseloadCLI.run(["forecast", dir, "--out", out], io: c.io) == .ok)
    let csv = try String(contentsOfFile: out + "/forecast.csv", encoding: .utf8)
    #expect(csv.hasPrefix("workload,month,slice,hours,sessions_per_hour"))
    #expect(csv.split(separator: "\n").count == 1 + 2 * 3 * 168)
    // init refuses a folder that is not empty.
    #expect(BaseloadCLI.run(["init", dir], io: c.io) == .usage)
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
