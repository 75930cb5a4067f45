import Foundation
import Testing

@testable import BaseloadKit

/// `--out` and every other write: only an absent path, an empty folder or a report folder Baseload wrote;
/// anything else is refused with exit 2 and left exactly as it was.
@Suite struct OutputSafetyTests {
  /// Every path below `root` (and `root` itself when it is a file) with its bytes; folders map to nil.
  static func snapshot(_ root: String) -> [String: Data?] {
    var out: [String: Data?] = [:]
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir) else { return [:] }
    guard isDir.boolValue else { return ["": FileManager.default.contents(atPath: root)] }
    for path in FileManager.default.subpaths(atPath: root) ?? [] {
      let full = root + "/" + path
      let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
      out[path] = !exists || isDir.boolValue ? nil : FileManager.default.contents(atPath: full)
    }
    return out
  }

  static func plan(_ words: [String]) -> (ExitCode, Captured) {
    let c = Captured()
    return (BaseloadCLI.run(["plan"] + words + ["--quiet"], io: c.io), c)
  }

  /// `plan in --out in` used to erase the sheets.
  @Test func theInputFolderAsOutIsRefused() {
    let input = TestFolder.make([:])
    let before = Self.snapshot(input)
    let (code, c) = Self.plan([input, "--out", input])
    #expect(code == .usage)
    #expect(
      c.stderr
        == "baseload plan: will not write to \(input): it is the input folder; nothing was touched\n"
    )
    #expect(Self.snapshot(input) == before)
    #expect(c.stdout.isEmpty)
  }

  /// `--out .` used to replace the current folder; a parent of the input folder is refused too.
  @Test func theCurrentFolderAndAParentOfTheInputAreRefused() throws {
    let input = TestFolder.make([:])
    let cwd = FileManager.default.currentDirectoryPath
    let names = try FileManager.default.contentsOfDirectory(atPath: cwd).sorted()
    var (code, c) = Self.plan([input, "--out", "."])
    #expect(code == .usage)
    #expect(c.stderr.contains("will not write to .: it is the current folder; nothing was touched"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).sorted() == names)
    let parent = (input as NSString).deletingLastPathComponent
    (code, c) = Self.plan([input, "--out", parent])
    #expect(code == .usage)
    #expect(c.stderr.contains("it holds the input folder \(input); nothing was touched"))
    (code, c) = Self.plan([input, "--out", input + "/.."])
    #expect(code == .usage)
    #expect(c.stderr.contains("it holds the input folder"))
    #expect(ReportFolder.refusal("/", kind: .report, inputs: []) == "is the root folder")
    #expect(ReportFolder.refusal(NSHomeDirectory(), kind: .report, inputs: []) != nil)
    #expect(FileManager.default.fileExists(atPath: input + "/plan.csv"))
  }

  /// A plain file at `--out` used to be deleted; it is left byte for byte.
  @Test func aForeignFileIsLeftUntouched() throws {
    let file = ReportFolderTests.tempDir().path + ".xlsx"
    let bytes = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x0A])
    try bytes.write(to: URL(fileURLWithPath: file))
    let (code, c) = Self.plan([TestFolder.make([:]), "--out", file])
    #expect(code == .usage)
    #expect(c.stderr.contains("will not write to \(file): it is a file, not a report folder"))
    #expect(FileManager.default.contents(atPath: file) == bytes)
  }

  /// A folder Baseload did not write — and a report folder someone added a file to — are left as they were.
  @Test func aForeignFolderIsLeftUntouched() throws {
    let dir = ReportFolderTests.tempDir().path
    try FileManager.default.createDirectory(
      atPath: dir + "/sub", withIntermediateDirectories: true)
    try Data("budget\n".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
    try Data([0, 1, 2, 255]).write(to: URL(fileURLWithPath: dir + "/sub/data.bin"))
    let before = Self.snapshot(dir)
    var (code, c) = Self.plan([TestFolder.make([:]), "--out", dir])
    #expect(code == .usage)
    #expect(
      c.stderr.contains(
        "will not write to \(dir): it is a folder Baseload did not write (it holds notes.txt and no .baseload-report marker); nothing was touched"
      ))
    #expect(Self.snapshot(dir) == before)
    // A report folder with a file Baseload did not write in it.
    let report = ReportFolderTests.tempDir().path
    var old = ReportFolder()
    old.add("report.md", "old\n")
    try old.write(to: report)
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: report + "/charts-notes.md"))
    let reportBefore = Self.snapshot(report)
    (code, c) = Self.plan([TestFolder.make([:]), "--out", report])
    #expect(code == .usage)
    #expect(c.stderr.contains("it holds charts-notes.md, which Baseload did not write"))
    #expect(Self.snapshot(report) == reportBefore)
    // A symbolic link is not a folder Baseload wrote, even if it leads to one.
    let link = ReportFolderTests.tempDir().path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: report)
    (code, c) = Self.plan([TestFolder.make([:]), "--out", link])
    #expect(code == .usage)
    #expect(c.stderr.contains("it is a symbolic link"))
    #expect(Self.snapshot(report) == reportBefore)
  }

  /// A report folder Baseload wrote before is replaced: its old files go, the new report and marker come.
  @Test func aPreviousReportFolderIsReplaced() throws {
    let out = ReportFolderTests.tempDir().path
    var old = ReportFolder()
    old.add("report.md", "old report\n")
    old.add("charts/old.svg", "<svg/>\n")
    try old.write(to: out)
    let (code, c) = Self.plan([TestFolder.make([:]), "--out", out])
    #expect(code == .ok, "\(c.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out + "/charts/old.svg"))
    #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).hasPrefix("# t:"))
    let marker = try String(contentsOfFile: out + "/.baseload-report", encoding: .utf8)
    #expect(marker.contains("\nreport.md\n"))
    #expect(marker.contains("\nplacement.dat\n"))
    // No temporary or set-aside folder of this target is left beside it (other tests write their own
    // reports into the same parent folder at the same time, so only this target's names count).
    let name = (out as NSString).lastPathComponent
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: (out as NSString).deletingLastPathComponent
      ).filter { $0.hasPrefix(".\(name).tmp-") || $0.hasPrefix(".\(name).old-") }.isEmpty)
  }

  /// A temporary folder that a killed run left (it carries the marker) is removed by the next run into the same
  /// target; a look-alike folder without the marker is not.
  @Test func aStaleTemporaryFolderIsCleaned() throws {
    let parent = ReportFolderTests.tempDir().path
    let fm = FileManager.default
    try fm.createDirectory(
      atPath: parent + "/.run.tmp-abc/charts", withIntermediateDirectories: true)
    try Data("# marker\nreport.md\ncharts/dispatch.svg\n".utf8).write(
      to: URL(fileURLWithPath: parent + "/.run.tmp-abc/.baseload-report"))
    try Data("half\n".utf8).write(to: URL(fileURLWithPath: parent + "/.run.tmp-abc/report.md"))
    try fm.createDirectory(atPath: parent + "/.run.old-def", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: parent + "/.run.tmp-mine", withIntermediateDirectories: true)
    try Data("keep\n".utf8).write(to: URL(fileURLWithPath: parent + "/.run.tmp-mine/keep.txt"))
    try fm.createDirectory(atPath: parent + "/.other.tmp-abc", withIntermediateDirectories: true)
    // A run still writing (its process, here this one, is alive) keeps its temporary folder.
    let live = ".run.tmp-\(FileSystem.processID)-xyz"
    try fm.createDirectory(atPath: parent + "/" + live, withIntermediateDirectories: true)
    try Data("# marker\n".utf8).write(
      to: URL(fileURLWithPath: parent + "/" + live + "/.baseload-report"))
    let (code, c) = Self.plan([TestFolder.make([:]), "--out", parent + "/run"])
    #expect(code == .ok, "\(c.stderr)")
    #expect(
      try fm.contentsOfDirectory(atPath: parent).sorted()
        == [
          ".other.tmp-abc", live, ".run.tmp-mine", "run",
        ].sorted())
    #expect(fm.contents(atPath: parent + "/.run.tmp-mine/keep.txt") == Data("keep\n".utf8))
  }

  /// `init` on a file used to delete it; on a folder that is not empty it is refused, both untouched.
  @Test func initNeverOverwrites() throws {
    let file = ReportFolderTests.tempDir().path + ".csv"
    try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: file))
    let c = Captured()
    #expect(BaseloadCLI.run(["init", file], io: c.io) == .usage)
    #expect(c.stderr.contains("will not write to \(file): it is a file, not a report folder"))
    #expect(FileManager.default.contents(atPath: file) == Data("a,b\n".utf8))
    let input = TestFolder.make([:])
    let before = Self.snapshot(input)
    #expect(BaseloadCLI.run(["init", input], io: c.io) == .usage)
    #expect(c.stderr.contains("it is a folder that is not empty"))
    #expect(Self.snapshot(input) == before)
    // A report folder is not an input folder either: init does not replace it.
    let report = ReportFolderTests.tempDir().path
    var old = ReportFolder()
    old.add("report.md", "old\n")
    try old.write(to: report)
    #expect(BaseloadCLI.run(["init", report], io: c.io) == .usage)
    // And what init writes is not marked as a report, so a later --out cannot replace the user's sheets.
    let fresh = ReportFolderTests.tempDir().path
    #expect(BaseloadCLI.run(["init", fresh], io: c.io) == .ok)
    #expect(!FileManager.default.fileExists(atPath: fresh + "/.baseload-report"))
    let other = TestFolder.make([:])
    let (code, c2) = Self.plan([other, "--out", fresh])
    #expect(code == .usage)
    #expect(c2.stderr.contains("Baseload did not write"))
  }

  /// forecast and quote add their file to a report folder and keep the report's other files; a foreign folder
  /// is refused.
  @Test func forecastAddsToAReportFolderAndRefusesAForeignOne() throws {
    let input = TestFolder.make([:])
    let out = ReportFolderTests.tempDir().path
    var (code, c) = Self.plan([input, "--out", out])
    #expect(code == .ok)
    let report = FileManager.default.contents(atPath: out + "/report.md")
    let f = Captured()
    #expect(BaseloadCLI.run(["forecast", input, "--out", out], io: f.io) == .ok)
    #expect(FileManager.default.contents(atPath: out + "/report.md") == report)
    #expect(FileManager.default.fileExists(atPath: out + "/forecast.csv"))
    #expect(
      try String(contentsOfFile: out + "/.baseload-report", encoding: .utf8).contains(
        "\nforecast.csv\n"))
    // The plan replaces the folder again, forecast.csv included (Baseload wrote it).
    (code, c) = Self.plan([input, "--out", out])
    #expect(code == .ok, "\(c.stderr)")
    let foreign = ReportFolderTests.tempDir().path
    try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
    try Data("x\n".utf8).write(to: URL(fileURLWithPath: foreign + "/forecast.csv"))
    #expect(BaseloadCLI.run(["forecast", input, "--out", foreign], io: f.io) == .usage)
    #expect(FileManager.default.contents(atPath: foreign + "/forecast.csv") == Data("x\n".utf8))
    #expect(BaseloadCLI.run(["quote", input, "--out", foreign, "--quiet"], io: f.io) == .usage)
    #expect(f.stderr.contains("baseload quote: will not write to \(foreign)"))
  }

  /// Two batch inputs with the same folder name used to overwrite each other's report.
  @Test func batchInputsWithTheSameNameGetDistinctFolders() throws {
    let root = ReportFolderTests.tempDir().path
    let fm = FileManager.default
    for (parent, users) in [("a", 10), ("b", 20)] {
      try fm.createDirectory(atPath: root + "/\(parent)/x", withIntermediateDirectories: true)
      for (name, text) in [
        ("plan.csv", TestFolder.plan), ("profiles.csv", TestFolder.profiles),
        ("apis.csv", TestFolder.apiHeader + "\napi1,V,mid,1,2\n"),
        (
          "workloads.csv",
          TestFolder.workloadHeader + "\nw1,mid,standard,\(users),1,1,1,1000,100,flat\n"
        ),
      ] {
        try text.write(toFile: root + "/\(parent)/x/\(name)", atomically: true, encoding: .utf8)
      }
    }
    let reports = root + "/reports"
    let c = Captured()
    let code = BaseloadCLI.run(
      ["plan", root + "/a/x", root + "/b/x", "--reports", reports, "--quiet"], io: c.io)
    #expect(code == .ok, "\(c.stderr)")
    #expect(c.stderr.contains("its report goes to \(reports)/x-2"))
    let a = try String(contentsOfFile: reports + "/x/placement.csv", encoding: .utf8)
    let b = try String(contentsOfFile: reports + "/x-2/placement.csv", encoding: .utf8)
    #expect(a != b)
    let rows = try String(contentsOfFile: reports + "/index.csv", encoding: .utf8).split(
      separator: "\n")
    #expect(rows.count == 3)
    #expect(rows[1].hasPrefix("x,t,ok,"))
    #expect(rows[2].hasPrefix("x-2,t,ok,"))
    #expect(PlanCommand.reportNames(["a/x", "b/x", "c/x-2", "d/x"]) == ["x", "x-3", "x-2", "x-4"])
  }

  /// A `--reports` folder holding an index.csv Baseload did not write is refused before anything is planned.
  @Test func aForeignIndexIsRefusedBeforePlanning() throws {
    let reports = ReportFolderTests.tempDir().path
    try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: reports + "/index.csv"))
    let c = Captured()
    let code = BaseloadCLI.run(
      ["plan", TestFolder.make([:]), TestFolder.make([:]), "--reports", reports, "--quiet"],
      io: c.io)
    #expect(code == .usage)
    #expect(c.stderr.contains("it holds index.csv, which Baseload did not write"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: reports) == ["index.csv"])
    #expect(FileManager.default.contents(atPath: reports + "/index.csv") == Data("mine\n".utf8))
  }

  /// The committed example reports carry the marker and nothing else, so `plan Inputs/*` can rewrite them.
  @Test func theCommittedReportsAreRewritable() throws {
    let reports = TestFolder.repoRoot.appendingPathComponent("Reports").path
    for name in ExampleReportsTests.examples {
      let input = TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path
      #expect(
        ReportFolder.refusal(reports + "/" + name, kind: .report, inputs: [input]) == nil,
        "Reports/\(name)")
    }
    #expect(
      ReportFolder.rootRefusal(
        reports, files: ["index.csv", "index.html"], markerName: ReportFolder.indexMarkerName,
        inputs: []) == nil)
  }

  /// A write that fails names the path and the system's reason, exits 5 (not 1), and touches nothing.
  @Test func aWriteFailureNamesThePathAndTheReason() throws {
    let file = ReportFolderTests.tempDir().path
    try Data("keep\n".utf8).write(to: URL(fileURLWithPath: file))
    let (code, c) = Self.plan([TestFolder.make([:]), "--out", file + "/report"])
    #expect(code == .cannotWrite)
    #expect(
      c.stderr.contains("cannot write \(file): it is a file, not a folder; nothing was changed"))
    #expect(!c.stderr.contains("NSCocoaErrorDomain"))
    #expect(FileManager.default.contents(atPath: file) == Data("keep\n".utf8))
    let f = Captured()
    let input = TestFolder.make([:])
    #expect(BaseloadCLI.run(["forecast", input, "--out", file + "/f"], io: f.io) == .cannotWrite)
    #expect(
      f.stderr.contains("baseload forecast: cannot write \(file): it is a file, not a folder"))
  }
}
