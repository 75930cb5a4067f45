import Foundation
import Testing

@testable import BaseloadKit

@Suite struct ReportFolderTests {
  static func tempDir() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseload-report-\(UUID().uuidString)")
  }

  /// An interrupted write leaves the previous report whole and no temporary folder behind.
  @Test func failureMidWriteKeepsThePreviousReport() throws {
    let parent = Self.tempDir()
    let target = parent.appendingPathComponent("run").path
    var old = ReportFolder()
    old.add("report.md", "old report\n")
    old.add("invoice.csv", "old,invoice\n")
    try old.write(to: target)
    var new = ReportFolder()
    new.add("report.md", "new report\n")
    new.add("invoice.csv", "new,invoice\n")
    new.add("charts/dispatch.svg", "<svg/>\n")
    #expect(
      throws: ReportFolder.WriteError.cannotWrite(
        path: target + "/charts/dispatch.svg", reason: "interrupted (test)")
    ) { try new.write(to: target, failAfter: 2) }
    #expect(try String(contentsOfFile: target + "/report.md", encoding: .utf8) == "old report\n")
    #expect(try String(contentsOfFile: target + "/invoice.csv", encoding: .utf8) == "old,invoice\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["run"])
    try new.write(to: target)
    #expect(try String(contentsOfFile: target + "/report.md", encoding: .utf8) == "new report\n")
    #expect(FileManager.default.fileExists(atPath: target + "/charts/dispatch.svg"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["run"])
  }

  /// A bad sheet never produces output files.
  @Test func badInputWritesNothing() throws {
    let folder = TestFolder.make(["apis.csv": TestFolder.apiHeader + "\napi1,V,mid,-1,2\n"])
    let out = Self.tempDir().path
    let err = Captured()
    let code = BaseloadCLI.run(["plan", folder, "--out", out, "--quiet"], io: err.io)
    #expect(code == .badInput)
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(err.stderr.contains("apis.csv:2:12: usd_per_mtok_input must be a price >= 0, got -1"))
    #expect(err.stdout.isEmpty)
  }
}

/// Collects what a command writes.
final class Captured: @unchecked Sendable {
  private let lock = NSLock()
  private var out = ""
  private var err = ""
  var stdout: String { lock.withLock { out } }
  var stderr: String { lock.withLock { err } }
  var io: CommandIO {
    CommandIO(
      out: { s in self.lock.withLock { self.out += s } },
      err: { s in self.lock.withLock { self.err += s } })
  }
}
