import Foundation
import Testing

@testable import BaseloadKit

/// The input defects of issue 12 (points 2, 3, 4, 6 and the input parts of 7), one test each.
@Suite struct InputHardeningTests {
  let wh = TestFolder.workloadHeader
  let capHeader =
    "id,vendor,tiers,usd_per_unit_hour,billing,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit"

  /// A workload row with `users`, `input_tokens_per_call` and `profile` as given.
  func workload(users: String = "10", input: String = "1000", profile: String = "flat") -> String {
    wh + "\nw1,mid,standard,\(users),1,1,1,\(input),100,\(profile)\n"
  }

  /// A valid folder with `bytes` written over (or beside) its sheets.
  func folder(_ sheets: [String: String] = [:], bytes: [String: Data] = [:]) -> String {
    let dir = TestFolder.make(sheets)
    for (name, data) in bytes {
      _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: data)
    }
    return dir
  }

  func problems(_ dir: String) -> [String] {
    do {
      _ = try InputLoader.load(folder: dir)
      return []
    } catch {
      return error.items.map(\.description)
    }
  }

  // MARK: 2. Inputs that crashed GLPK are refused at their cell.

  @Test func hugeTokensPerCallIsRefusedAtItsCell() {
    #expect(
      TestFolder.problems(["workloads.csv": workload(input: "1e308")]) == [
        "workloads.csv:2:26: input_tokens_per_call 1e308 is out of range; numbers in sheets are at most 1e12 in magnitude"
      ])
  }

  @Test func tinyAPIPricesAreRefusedAtTheirCells() {
    for tiny in ["1e-200", "1e-300"] {
      let p = TestFolder.problems([
        "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,\(tiny),\(tiny)\n"
      ])
      #expect(
        p == [
          "apis.csv:2:12: usd_per_mtok_input \(tiny) is out of range; a number other than 0 must be at least 1e-9 in magnitude",
          "apis.csv:2:\(13 + tiny.count): usd_per_mtok_output \(tiny) is out of range; a number other than 0 must be at least 1e-9 in magnitude",
        ])
    }
  }

  /// Cells in range whose product is not: blamed on the cell that pushed it furthest.
  @Test func derivedParametersOutOfRangeNameTheCellThatMadeThem() {
    let demand = TestFolder.problems([
      "workloads.csv": wh + "\nw1,mid,standard,1e12,1000,1,1,1000,100,flat\n"
    ])
    #expect(
      demand == [
        "workloads.csv:2:17: users 1e12 makes the calls per hour of 'w1' in its busiest hour 4.17e13; at most 1e9"
      ])
    let cost = TestFolder.problems([
      "workloads.csv": wh + "\nw1,mid,standard,10,1,1,1,1e-6,0,flat\n",
      "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,1e-9,2\n",
    ])
    #expect(
      cost == [
        "apis.csv:2:12: usd_per_mtok_input 1e-9 makes the usage cost per call of 'w1' on 'api1' ($) 1e-21; other than 0 it must be at least 1e-12"
      ])
    let scenario = TestFolder.problems([
      "scenarios.csv": "scenario,target,field,op,value\nbig,w1,users,scale,1e11\n"
    ])
    #expect(
      scenario == [
        "scenarios.csv:2:20: scale 1e11 on users (scenario 'big') makes the calls per hour of 'w1' in its busiest hour 4.17e10; at most 1e9"
      ])
  }

  /// A plan that must bill more than $1e12 is refused (a double no longer carries the cents of such sums): one
  /// flat workload at $1,000 a call over January's 31 days bills 31,000 × users at the least.
  @Test func aBillBeyondWhatPrintsToTheCentIsRefusedAtItsDemand() {
    func sheets(users: String) -> [String: String] {
      [
        "workloads.csv": wh + "\nw1,mid,standard,\(users),1,1,1,1000000,0,flat\n",
        "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,1000,1000\n",
      ]
    }
    #expect(
      TestFolder.problems(sheets(users: "4e7")) == [
        "workloads.csv:2:17: users 4e7 makes the least any plan can bill over the horizon ($) 1.24e12; at most 1e12"
      ])
    #expect(TestFolder.problems(sheets(users: "3e7")).isEmpty)
    // Signed fees alone: $2e9 an hour for January's 744 hours, blamed on the contract.
    func signed(_ perHour: String) -> [String: String] {
      [
        "commitments.csv": "id,vendor,applies_to,discount_pct,term_months\nk,V,api1,20,1\n",
        "contracts.csv": "offer,units,usd_per_hour,start,end\nk,,\(perHour),2027-01,2027-01\n",
      ]
    }
    #expect(
      TestFolder.problems(signed("2e9")) == [
        "contracts.csv:2:4: usd_per_hour 2e9 makes the least any plan can bill over the horizon ($) 1.49e12; at most 1e12"
      ])
    #expect(TestFolder.problems(signed("1e9")).isEmpty)
  }

  // MARK: 3. Bad input that was accepted silently.

  @Test func nulInsideANumberIsRefused() {
    #expect(
      TestFolder.problems(["workloads.csv": workload(users: "12\u{0}00")]) == [
        "workloads.csv:2:19: control character U+0000 (NUL) in the sheet; cells hold plain text"
      ])
    #expect(
      TestFolder.problems(["plan.csv": "key,value\nstart,2027-01\nmonths,1\u{0}2\n"]) == [
        "plan.csv:3:9: control character U+0000 (NUL) in the sheet; cells hold plain text"
      ])
    #expect(
      TestFolder.problems(["profiles.csv": "profile,day,hour,weight\nflat,all,*,1\u{0}0\n"]) == [
        "profiles.csv:2:13: control character U+0000 (NUL) in the sheet; cells hold plain text"
      ])
  }

  @Test func anOptionalSheetThatCannotBeReadIsAnError() throws {
    let dangling = folder()
    try FileManager.default.createSymbolicLink(
      atPath: dangling + "/quality.csv", withDestinationPath: "gone.csv")
    #expect(
      problems(dangling) == [
        "quality.csv:1:1: the sheet is a symbolic link to nothing (a dangling link)"
      ])
    let loop = folder()
    try FileManager.default.createSymbolicLink(
      atPath: loop + "/commitments.csv", withDestinationPath: "commitments.csv")
    #expect(problems(loop) == ["commitments.csv:1:1: the sheet is a symbolic link loop"])
    let directory = folder()
    try FileManager.default.createDirectory(
      atPath: directory + "/contracts.csv", withIntermediateDirectories: false)
    #expect(
      problems(directory) == [
        "contracts.csv:1:1: a folder is in the sheet's place; expected a CSV file"
      ])
  }

  @Test func profileWeightsThatOverflowAreRefused() {
    let p = TestFolder.problems([
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\nflat,mon,3,1e308\nflat,mon,4,1e308\n"
    ])
    #expect(
      p == [
        "profiles.csv:3:12: weight 1e308 is out of range; numbers in sheets are at most 1e12 in magnitude",
        "profiles.csv:4:12: weight 1e308 is out of range; numbers in sheets are at most 1e12 in magnitude",
      ])
  }

  @Test func hexAndSeparatedDigitsAreNotNumbers() {
    for text in ["0x10", "0x1p4", "1_000", "0X10", "Infinity", "nan"] {
      #expect(
        TestFolder.problems(["workloads.csv": workload(users: text)]) == [
          "workloads.csv:2:17: '\(text)' is not a number (column 'users')"
        ])
    }
  }

  @Test func plainDecimalsStillRead() throws {
    for (text, value) in [(".5", 0.5), ("5.", 5), ("+3", 3), ("2.5e6", 2.5e6), ("1E-3", 0.001)] {
      let input = try TestFolder.load(["workloads.csv": workload(users: text)])
      #expect(input.workloads[0].users == value)
    }
  }

  @Test func rowsWiderThanTheHeaderAndEmptyHeaderNamesAreRefused() throws {
    #expect(
      TestFolder.problems([
        "workloads.csv": wh + ",\nw1,mid,standard,10,1,1,1,1000,100,flat,lost\n"
      ]) == [
        "workloads.csv:2:40: cell 'lost' is past the last column; the header names 10 columns"
      ])
    #expect(
      TestFolder.problems([
        "apis.csv": "id,,tiers,usd_per_mtok_input,usd_per_mtok_output\na,V,mid,1,2\n"
      ])
        == ["apis.csv:1:4: empty column name in the header"])
    // Trailing commas with nothing after them hold no data and stay accepted.
    let input = try TestFolder.load([
      "workloads.csv": wh + ",,\nw1,mid,standard,10,1,1,1,1000,100,flat,,\n"
    ])
    #expect(input.workloads.count == 1)
  }

  @Test func zeroWorkloadsIsAnError() {
    #expect(
      TestFolder.problems(["workloads.csv": wh + "\n"]) == [
        "workloads.csv:1:1: no workloads: the sheet has a header but no rows"
      ])
  }

  @Test func forecastOverflowIsALocatedErrorAndWritesNothing() {
    let dir = TestFolder.make([
      "workloads.csv": wh + "\nw1,mid,standard,1e12,1e12,1e12,1e12,1000,100,flat\n"
    ])
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(BaseloadCLI.run(["forecast", dir, "--out", out], io: c.io) == .badInput)
    #expect(
      c.stderr.hasPrefix(
        "workloads.csv:2:17: users 1e12 makes the calls per hour of 'w1' in its busiest hour"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  // MARK: 4. What MathProg would refuse is refused first, at the cell.

  @Test func anIDInBothOfferSheetsIsRefused() {
    #expect(
      TestFolder.problems([
        "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,1,2\n",
        "capacity.csv": capHeader + "\napi1,V,mid,2,reserved,,1000,100\n",
      ]) == [
        "capacity.csv:2:1: offer id 'api1' is also in apis.csv (line 2); an id names one offer across apis.csv and capacity.csv"
      ])
  }

  @Test func contractUnitsAboveMaxUnitsAreRefused() {
    #expect(
      TestFolder.problems([
        "capacity.csv": capHeader + "\ngpu,V,mid,2,reserved,8,1000,100\n",
        "contracts.csv": "offer,units,start,end\ngpu,6,2027-01,2027-01\ngpu,6,2027-01,2027-01\n",
      ]) == [
        "contracts.csv:3:5: contracts hold 12 units of 'gpu' in 2027-01, above its max_units 8 (capacity.csv line 2)"
      ])
  }

  @Test func idsTooLongOrHoldingControlCharactersAreRefused() {
    let long = String(repeating: "x", count: 101)
    #expect(
      TestFolder.problems(["apis.csv": TestFolder.apiHeader + "\n\(long),V,mid,1,2\n"]) == [
        "apis.csv:2:1: id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is too long (101 characters); at most 64 characters and 96 bytes of UTF-8"
      ])
    // Too many bytes, not characters: the message names the bytes (it said "49 characters").
    #expect(
      IDRules.problem(String(repeating: "é", count: 49))
        == "is too long (98 bytes of UTF-8); at most 64 characters and 96 bytes of UTF-8")
    #expect(
      IDRules.problem(String(repeating: "'", count: 49))
        == "is too long (98 bytes of UTF-8, a ' counted twice); at most 64 characters and 96 bytes of UTF-8"
    )
    #expect(
      TestFolder.problems(["apis.csv": TestFolder.apiHeader + "\n\"a\nb\",V,mid,1,2\n"]) == [
        "apis.csv:2:1: line break inside a quoted cell; a cell holds one line of text"
      ])
    #expect(
      TestFolder.problems(["apis.csv": TestFolder.apiHeader + "\na\u{0}b,V,mid,1,2\n"]) == [
        "apis.csv:2:2: control character U+0000 (NUL) in the sheet; cells hold plain text"
      ])
  }

  @Test func aScenarioNameTooLongForAFileNameIsRefused() {
    let name = String(repeating: "s", count: 500)
    #expect(
      TestFolder.problems([
        "scenarios.csv": "scenario,target,field,op,value\n\(name),w1,users,scale,2\n"
      ]) == [
        "scenarios.csv:2:1: scenario name 'ssssssssssssssssssssssssssssssssssssssss…' is too long (500 characters); at most 64"
      ])
  }

  // MARK: 6. Diagnostics that tell the truth.

  /// Whatever makes workloads.csv unusable is reported there, without `unknown workload` in
  /// quality.csv for the workloads it would have defined.
  @Test func aBrokenWorkloadSheetDrawsNoFollowOnErrors() throws {
    let quality = "workload,offer,success_rate\nw1,api1,0.9\n"
    let missingColumn = TestFolder.problems([
      "workloads.csv": "id,tier,latency\nw1,mid,standard\n", "quality.csv": quality,
    ])
    #expect(missingColumn.first?.hasPrefix("workloads.csv:1:1: missing required column") == true)
    #expect(!missingColumn.contains { $0.hasPrefix("quality.csv") })
    let strayQuote = TestFolder.problems([
      "workloads.csv": wh + "\nw1,mid,stan\"dard,10,1,1,1,1000,100,flat\n", "quality.csv": quality,
    ])
    #expect(
      strayQuote == [
        "workloads.csv:2:12: stray quote inside an unquoted cell; quote the whole cell and double the quote"
      ])
    var bytes = Data(wh.utf8) + Data("\nw1,mi".utf8) + Data([0xFF])
    bytes += Data("d,standard,10,1,1,1,1000,100,flat\n".utf8)
    let badUTF8 = problems(folder(["quality.csv": quality], bytes: ["workloads.csv": bytes]))
    #expect(
      badUTF8 == [
        "workloads.csv:2:6: a byte here is not UTF-8 text; save the sheet as UTF-8 (CSV UTF-8)"
      ])
    let utf16 = Data([0xFF, 0xFE]) + workload().data(using: .utf16LittleEndian)!
    #expect(
      problems(folder(["quality.csv": quality], bytes: ["workloads.csv": utf16])) == [
        "workloads.csv:1:1: the sheet is UTF-16 text; save it as UTF-8 (CSV UTF-8)"
      ])
    let directory = folder(["quality.csv": quality])
    try FileManager.default.removeItem(atPath: directory + "/workloads.csv")
    try FileManager.default.createDirectory(
      atPath: directory + "/workloads.csv", withIntermediateDirectories: false)
    #expect(
      problems(directory) == [
        "workloads.csv:1:1: a folder is in the sheet's place; expected a CSV file"
      ])
  }

  @Test func aNegativeProfileWeightIsTheOnlyProblemReported() {
    #expect(
      TestFolder.problems(["profiles.csv": "profile,day,hour,weight\nflat,all,*,-1\n"]) == [
        "profiles.csv:2:12: weight must be >= 0, got -1"
      ])
  }

  @Test func aHugeCellIsEchoedShort() {
    let huge = String(repeating: "9", count: 100_000) + "x"
    let p = TestFolder.problems(["workloads.csv": workload(users: huge)])
    #expect(
      p == [
        "workloads.csv:2:17: '\(String(repeating: "9", count: 40))…' is not a number (column 'users')"
      ])
  }

  // MARK: 7. Ids against the list syntax, control characters.

  @Test func listSyntaxInIDsIsRefused() {
    #expect(
      TestFolder.problems(["workloads.csv": wh + "\n*,mid,standard,10,1,1,1,1000,100,flat\n"]) == [
        "workloads.csv:2:1: id '*' is the list wildcard; '*' means every id and cannot be one"
      ])
    #expect(
      TestFolder.problems(["apis.csv": TestFolder.apiHeader + "\na;b,V,mid,1,2\n"]) == [
        "apis.csv:2:1: id 'a;b' holds ';', which separates the items of a list"
      ])
  }

  @Test func escapeCharactersInNamesAreRefused() {
    #expect(
      TestFolder.problems([
        "workloads.csv": wh + ",name\nw1,mid,standard,10,1,1,1,1000,100,flat,\u{1B}[31mred\n"
      ]) == [
        "workloads.csv:2:40: control character U+001B (ESC) in the sheet; cells hold plain text"
      ])
  }

  @Test func successRateZeroStaysValid() throws {
    let input = try TestFolder.load([
      "workloads.csv": wh + ",success_rate\nw1,mid,standard,10,1,1,1,1000,100,flat,0\n"
    ])
    #expect(input.workloads[0].successRate == 0)
  }
}

extension InputHardeningTests {
  /// A scenario change that is not itself a factor of the value it pushes out of range (here the
  /// cache hit rate moving every input token to a nearly free cached price) is blamed at its cell.
  @Test func aScenarioPushingAValueOutOfRangeIsBlamedAtItsChange() {
    let p = TestFolder.problems([
      "workloads.csv": workload(input: "100"),
      "apis.csv":
        "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output\napi1,V,mid,1,1e-9,0\n",
      "scenarios.csv": "scenario,target,field,op,value\ns,w1,cache_hit_rate,set,1\n",
    ])
    #expect(
      p == [
        "scenarios.csv:2:25: scenario 's' makes the usage cost per call of 'w1' on 'api1' ($) 1e-13; other than 0 it must be at least 1e-12"
      ])
  }
}

extension InputHardeningTests {
  /// The plan name heads placement.dat inside a MathProg comment: `*/` in it made `plan` fail
  /// with `data error at line 1: syntax error in data section` after `check` passed.
  @Test func aPlanNameThatWouldEndTheDataCommentIsRefused() {
    #expect(
      TestFolder.problems(["plan.csv": "key,value\nname,evil */ set W;\nstart,2027-01\nmonths,1\n"])
        == [
          "plan.csv:2:6: plan name 'evil */ set W;' holds '*/', which would end the comment that names the plan in placement.dat"
        ])
  }

  /// Ids at the limits (64 characters; 96 bytes with a doubled quote, 100 with MathProg's quotes)
  /// still plan: the limits refuse nothing GLPK accepts.
  @Test func idsAtTheLimitsStillPlan() throws {
    let wide = String(repeating: "x", count: 64)
    let bytes = String(repeating: "é", count: 47) + "'"
    let dir = TestFolder.make([
      "workloads.csv": wh + "\n\(wide),mid,standard,10,1,1,1,1000,100,flat\n",
      "apis.csv": TestFolder.apiHeader + "\n\"\(bytes)\",V,mid,1,2\n",
    ])
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(
      BaseloadCLI.run(["plan", dir, "--out", out, "--quiet"], io: c.io) == .ok, "\(c.stderr)")
    let dat = try String(contentsOfFile: out + "/placement.dat", encoding: .utf8)
    #expect(dat.contains("set W := '\(wide)';"))
    #expect(dat.contains("set A := '\(bytes.replacingOccurrences(of: "'", with: "''"))';"))
  }
}
