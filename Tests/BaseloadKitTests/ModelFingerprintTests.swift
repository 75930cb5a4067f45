import Foundation
import Testing

/// Issue 11 item 3: two copies of the math must not drift unseen. The dispatch LP (`HourlyDispatch`) and the
/// Benders capacity master (`BendersSolver+Master`) restate families of `Models/placement.mod` in Swift. This
/// test fingerprints, on both sides, the text of every restated family (whitespace normalised): a change to
/// either side turns it red until the other side has been checked and the fingerprints re-recorded with
/// `BASELOAD_RECORD=1 swift test --filter ModelFingerprintTests`
/// (`Tests/BaseloadKitTests/Fixtures/model-fingerprints.txt`).
@Suite struct ModelFingerprintTests {
  /// Swift code that restates placement.mod, and the families it restates. A Swift function is fingerprinted
  /// whole (rows, bounds set per slice and objective coefficients all live in it).
  static let swiftCopies: [(file: String, function: String, families: [String])] = [
    (
      "Sources/BaseloadKit/Decomposition/HourlyDispatch.swift", "func template(",
      [
        "TotalCost", "Serve", "NoServeBeforeArrival", "ServeWithinWindow", "ServeByEndOfDay",
        "ReservedCapacity", "OnDemandCapacity", "RateLimit", "CoverWithinLevel", "CoverWithinUsage",
      ]
    ),
    (
      "Sources/BaseloadKit/Decomposition/HourlyDispatch.swift", "func solve(",
      [
        "ReservedCapacity", "CoverWithinLevel", "CoverWithinUsage", "Serve", "NoServeBeforeArrival",
        "ServeWithinWindow", "ServeByEndOfDay",
      ]
    ),
    (
      "Sources/BaseloadKit/Decomposition/HourlyDispatch.swift", "public var fixedCost",
      ["TotalCost"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/BendersSolver+Master.swift", "func masterProgram(",
      ["TotalCost", "UnitsActive", "MinUnitsWhenActive", "ActiveWhenUsed", "LevelActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/BendersSolver+Master.swift", "func rounded(",
      ["UnitsActive", "MinUnitsWhenActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/BendersSolver+Master.swift", "func active(",
      ["UnitsActive", "LevelActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/CapacitySearch+Neighbours.swift",
      "func cheapestNeighbour(",
      ["TotalCost", "UnitsActive", "MinUnitsWhenActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/CapacitySearch.swift", "private func solution(",
      ["UnitsActive", "MinUnitsWhenActive", "ActiveWhenUsed", "LevelActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/CapacitySearch+MonthBound.swift",
      "private func monthLeast(",
      ["TotalCost", "UnitsActive", "MinUnitsWhenActive", "ActiveWhenUsed", "LevelActive"]
    ),
    (
      "Sources/BaseloadKit/Decomposition/CapacitySearch+MonthBound.swift", "func covering(",
      ["UnitsActive", "LevelActive"]
    ),
  ]

  static var root: URL { TestFolder.repoRoot }
  static var recordPath: String {
    root.appendingPathComponent("Tests/BaseloadKitTests/Fixtures/model-fingerprints.txt").path
  }

  /// FNV-1a, 64 bits, of the text with runs of whitespace folded to one space.
  static func fingerprint(_ text: String) -> String {
    let normal = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in normal.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01B3
    }
    return String(h, radix: 16)
  }

  /// Every `s.t. Name…;` and `minimize Name…;` statement of placement.mod by name (comments dropped).
  static func modelFamilies() throws -> [String: String] {
    var text = try String(
      contentsOf: root.appendingPathComponent("Models/placement.mod"), encoding: .utf8)
    while let open = text.range(of: "/*"),
      let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)
    {
      text.replaceSubrange(open.lowerBound..<close.upperBound, with: " ")
    }
    var out: [String: String] = [:]
    for statement in text.split(separator: ";") {
      let s = statement.trimmingCharacters(in: .whitespacesAndNewlines)
      for keyword in ["s.t. ", "minimize "] where s.hasPrefix(keyword) {
        let name = s.dropFirst(keyword.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        out[String(name)] = s
      }
    }
    return out
  }

  /// The body of the Swift function starting at `signature`, braces balanced.
  static func swiftFunction(_ file: String, _ signature: String) throws -> String? {
    let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    guard let start = text.range(of: signature) else { return nil }
    var depth = 0
    var seenBrace = false
    var i = start.lowerBound
    while i < text.endIndex {
      let c = text[i]
      if c == "{" {
        depth += 1
        seenBrace = true
      } else if c == "}" {
        depth -= 1
        if seenBrace && depth == 0 { return String(text[start.lowerBound...i]) }
      }
      i = text.index(after: i)
    }
    return nil
  }

  /// Current fingerprints: `model <Family> <hash>` and `swift <file>#<function> <hash> <families>`.
  static func current() throws -> [String] {
    let families = try modelFamilies()
    var lines: [String] = []
    for name in families.keys.sorted() {
      lines.append("model \(name) \(fingerprint(families[name]!))")
    }
    for copy in swiftCopies {
      let body = try swiftFunction(copy.file, copy.function) ?? ""
      lines.append(
        "swift \(copy.file)#\(copy.function.replacingOccurrences(of: " ", with: "_")) \(fingerprint(body)) \(copy.families.joined(separator: ","))"
      )
    }
    return lines
  }

  @Test func everyRestatedFamilyExistsInTheModel() throws {
    let families = try Self.modelFamilies()
    // The 20 constraint families (TailExcess: the outlook's CVaR rows) and the objective.
    #expect(families.count == 21, "\(families.keys.sorted())")
    for copy in Self.swiftCopies {
      #expect(try Self.swiftFunction(copy.file, copy.function) != nil, "\(copy.function) not found")
      for f in copy.families {
        #expect(families[f] != nil, "\(f) is not a family of placement.mod")
      }
    }
    // A Swift row named after a family (`"UnitsActive[…]"`) names one that exists; `Cut` rows are Benders' own.
    for file in Set(Self.swiftCopies.map(\.file)) {
      let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
      let names = try Regex(#"addRow\(\s*"([A-Z][A-Za-z]*)"#)
      for match in text.matches(of: names) {
        guard let name = match.output[1].substring.map(String.init), name != "Cut" else { continue }
        #expect(families[name] != nil, "\(file): row \(name) names no family of placement.mod")
      }
    }
  }

  /// A change to a restated family on either side must be mirrored on the other, then re-recorded.
  @Test func restatedFamiliesAreUnchanged() throws {
    let now = try Self.current()
    if ProcessInfo.processInfo.environment["BASELOAD_RECORD"] == "1" {
      try (now.joined(separator: "\n") + "\n").write(
        toFile: Self.recordPath, atomically: true, encoding: .utf8)
    }
    let recorded = try String(contentsOfFile: Self.recordPath, encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let restated = Set(Self.swiftCopies.flatMap(\.families))
    for line in now where !recorded.contains(line) {
      let parts = line.split(separator: " ")
      if parts[0] == "model" {
        let copies = Self.swiftCopies.filter { $0.families.contains(String(parts[1])) }
        if restated.contains(String(parts[1])) {
          Issue.record(
            "placement.mod family \(parts[1]) changed; its Swift copies (\(copies.map { "\($0.file) \($0.function)" }.joined(separator: "; "))) must say the same, then re-record with BASELOAD_RECORD=1"
          )
        } else {
          Issue.record(
            "placement.mod family \(parts[1]) changed (not restated in Swift); re-record with BASELOAD_RECORD=1"
          )
        }
      } else {
        Issue.record(
          "\(parts[1]) changed; it restates placement.mod's \(parts.count > 3 ? String(parts[3]) : "") — check them against Models/placement.mod, then re-record with BASELOAD_RECORD=1"
        )
      }
    }
    for line in recorded where !now.contains(line) && !line.isEmpty {
      let name = line.split(separator: " ").dropFirst().first.map(String.init) ?? line
      if !now.contains(where: {
        $0.split(separator: " ").dropFirst().first.map(String.init) == name
      }) {
        Issue.record("\(name) is recorded but no longer exists; re-record with BASELOAD_RECORD=1")
      }
    }
  }
}
