import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

/// A deterministic mutation fuzzer for the CSV reader and the sheet loader. Each iteration takes
/// one sheet of an example folder, mutates its bytes (flips, inserts of delimiters, quotes, line
/// ends, control characters, broken UTF-8, extreme numbers and list syntax, deletions, repeated
/// lines, truncation) and reads it: the CSV reader must return or throw located diagnostics, the
/// loader must refuse it with located diagnostics or accept an input whose forecast and model
/// parameters are all within `NumericLimits`. A crash ends the test process; the input being tried
/// is the sheet left in the folder printed at the start.
///
/// CI runs 200 iterations. Run longer, or another sequence, with
/// `BASELOAD_FUZZ_ITERATIONS=20000 BASELOAD_FUZZ_SEED=7 swift test --filter SheetFuzzTests`.
@Suite struct SheetFuzzTests {
  /// SplitMix64: a small, fixed pseudo-random sequence, the same on every platform.
  typealias Sequence = SplitMix64

  static let tokens: [[UInt8]] =
    [
      ",", "\"", "\n", "\r", "\r\n", "\u{0}", "\u{1B}", "\u{7F}", "#", "*", ";", "é", "\u{FEFF}",
      ",,,,", "\"\"", "nan", "inf", "-inf", "1e308", "-1e308", "1e-300", "1e400", "0x10", "1_000",
      "99999999999999999999", "-0", "1e12", "1e-9", "2027-13", " ", "\t",
      String(repeating: "z", count: 300),
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFE, 0xFF]]

  /// One to four mutations of `bytes`.
  static func mutate(_ bytes: [UInt8], _ g: inout Sequence) -> [UInt8] {
    var b = bytes
    for _ in 0..<Int.random(in: 1...4, using: &g) {
      let at = b.isEmpty ? 0 : Int.random(in: 0...b.count, using: &g)
      switch Int.random(in: 0..<6, using: &g) {
      case 0 where !b.isEmpty: b[min(at, b.count - 1)] = UInt8.random(in: 0...255, using: &g)
      case 1, 2: b.insert(contentsOf: tokens.randomElement(using: &g)!, at: at)
      case 3 where !b.isEmpty:
        let end = min(b.count, at + Int.random(in: 1...40, using: &g))
        b.removeSubrange(min(at, end)..<end)
      case 4:
        let lines = b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if let line = lines.randomElement(using: &g) { b.insert(contentsOf: line + [10], at: at) }
      default: b.removeSubrange(min(at, b.count)...)
      }
    }
    return b
  }

  /// Located diagnostics only: a known sheet, a line and column from 1, a message of bounded length
  /// (cell text is echoed up to 40 characters; a message may list every offer of the folder).
  static func located(_ list: DiagnosticList, sheets: [String]) -> String? {
    if list.isEmpty { return "an empty diagnostic list was thrown" }
    for d in list.items {
      if !sheets.contains(d.file) || d.line < 1 || d.column < 1 || d.message.count > 2000 {
        return "badly located: \(d.description.prefix(700))"
      }
    }
    return nil
  }

  /// What is out of range in an accepted input (nothing, if the loader did its job).
  static func outOfRange(_ input: PlanInput) -> String? {
    let variants = [input] + input.scenarioNames.map { input.applying(scenario: $0) }
    for v in variants {
      let data = PlacementData(input: v)
      for rates in data.forecast.callsPerHour.joined() {
        if let x = rates.first(where: { !$0.isFinite || $0 > NumericLimits.mostCallsPerHour }) {
          return "calls per hour \(x)"
        }
      }
      func bad(_ x: Double) -> Bool {
        !x.isFinite || abs(x) > NumericLimits.largest
          || (x != 0 && abs(x) < NumericLimits.smallestCoefficient)
      }
      for p in data.pairs where bad(p.usageCost) || bad(p.failCost) || bad(p.load) {
        return "pair parameters \(p)"
      }
      for w in v.workloads where bad(w.tokensPerCall) {
        return "tokens per call \(w.tokensPerCall)"
      }
      if let u = data.maxUnits.values.first(where: bad) { return "max units \(u)" }
    }
    return nil
  }

  @Test func mutatedSheetsNeverCrashHangOrPassOutOfRange() throws {
    let env = ProcessInfo.processInfo.environment
    let iterations = env["BASELOAD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 200
    var g = Sequence(state: env["BASELOAD_FUZZ_SEED"].flatMap { UInt64($0) } ?? 12)
    let examples = ["enterprise-quarter", "eight-gpus", "support-triage", "ptu-step-down"]
    var folders: [(path: String, sheets: [String: [UInt8]])] = []
    for name in examples {
      let source = TestFolder.repoRoot.appendingPathComponent("Inputs/\(name)").path
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
        "baseload-fuzz-\(name)-\(UUID().uuidString)"
      ).path
      try FileManager.default.copyItem(atPath: source, toPath: dir)
      var sheets: [String: [UInt8]] = [:]
      for file in try FileManager.default.contentsOfDirectory(atPath: dir)
      where file.hasSuffix(".csv") {
        sheets[file] = Array(FileManager.default.contents(atPath: dir + "/" + file)!)
      }
      folders.append((dir, sheets))
    }
    print("fuzz: \(iterations) iterations; the input being tried is left in \(folders.map(\.path))")
    var failures: [String] = []
    var accepted = 0
    var longest = Duration.zero
    let clock = ContinuousClock()
    for i in 0..<iterations {
      let f = folders.randomElement(using: &g)!
      let sheet = f.sheets.keys.sorted().randomElement(using: &g)!
      let bytes = Self.mutate(f.sheets[sheet]!, &g)
      let path = f.path + "/" + sheet
      BadInput.put(Data(bytes), path)
      let took = clock.measure {
        do throws(DiagnosticList) {
          _ = try CSVParser.table(
            in: try CSVParser.decode(Data(bytes), fileName: sheet), fileName: sheet)
        } catch {
          if let why = Self.located(error, sheets: [sheet]) {
            failures.append("\(i) \(sheet) reader: \(why)")
          }
        }
        do throws(DiagnosticList) {
          let input = try InputLoader.load(folder: f.path)
          accepted += 1
          if let why = Self.outOfRange(input) { failures.append("\(i) \(sheet) accepted \(why)") }
        } catch {
          if let why = Self.located(error, sheets: InputLoader.knownSheets) {
            failures.append("\(i) \(sheet) loader: \(why)")
          }
        }
      }
      longest = max(longest, took)
      if took > .seconds(10) { failures.append("\(i) \(sheet) took \(took)") }
      BadInput.put(Data(f.sheets[sheet]!), path)
    }
    print("fuzz: \(iterations) iterations, \(accepted) accepted, longest \(longest)")
    for f in folders { try? FileManager.default.removeItem(atPath: f.path) }
    #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
  }
}
