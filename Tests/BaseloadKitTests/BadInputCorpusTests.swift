import Foundation
import Testing

@testable import BaseloadKit

/// The generated bad-input corpus (`BadInputCorpus`): every case exits 1 from `check` and from
/// `plan`, the first diagnostic names the mutated sheet, line and column, and nothing is written.
@Suite struct BadInputCorpusTests {
  @Test func corpusIsLargeAndCoversEverySheet() {
    let cases = BadInputCorpus.all()
    print("corpus: \(cases.count) bad inputs")
    #expect(cases.count >= 150)
    let sheets = Set(cases.map(\.file))
    #expect(sheets.isSuperset(of: InputLoader.knownSheets))
  }

  @Test func everyBadInputIsRefusedAtItsCellAndNothingIsWritten() throws {
    var failures: [String] = []
    for bad in BadInputCorpus.all() {
      let dir = try bad.write()
      defer {
        if let (sheet, _) = bad.replacement { chmod(dir + "/" + sheet, 0o644) }
        try? FileManager.default.removeItem(atPath: dir)
      }
      let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
      let place = "\(bad.file):\(bad.line):\(bad.column): "
      let check = Captured()
      let checkCode = BaseloadCLI.run(["check", dir], io: check.io)
      let first = check.stderr.split(separator: "\n").first.map(String.init) ?? ""
      if checkCode != .badInput || !first.hasPrefix(place) {
        failures.append("\(bad.name): check exit \(checkCode.rawValue), first line: \(first)")
        continue
      }
      let out = dir + "-report"
      let plan = Captured()
      let planCode = BaseloadCLI.run(["plan", dir, "--out", out, "--quiet"], io: plan.io)
      let planFirst = plan.stderr.split(separator: "\n").first.map(String.init) ?? ""
      if planCode != .badInput || !planFirst.hasPrefix(place) {
        failures.append("\(bad.name): plan exit \(planCode.rawValue), first line: \(planFirst)")
      }
      if FileManager.default.fileExists(atPath: out) {
        failures.append("\(bad.name): plan wrote \(out)")
        try? FileManager.default.removeItem(atPath: out)
      }
      let after = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
      if after != before { failures.append("\(bad.name): the input folder changed: \(after)") }
      for (sheet, data) in bad.sheets where bad.replacement?.sheet != sheet {
        if FileManager.default.contents(atPath: dir + "/" + sheet) != data {
          failures.append("\(bad.name): \(sheet) was changed")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) cases:\n\(failures.joined(separator: "\n"))")
  }
}
