import Testing

@testable import BaseloadKit

@Suite struct ValidationTests {
  let wh = TestFolder.workloadHeader

  @Test func validMinimalFolderLoads() throws {
    let input = try TestFolder.load([:])
    #expect(input.workloads.map(\.id) == ["w1"])
    #expect(input.settings.resolution == .auto)
    #expect(input.settings.utilisationCap[.interactive] == 0.6)
    #expect(input.apis[0].usdPerMtokCachedInput == 1)
  }

  /// Signed units below min_units are a fact, not a contradiction: the minimum binds only units bought on top
  /// of them (the plan is `PlacementOptimaTests.signedUnitsBelowTheMinimumStayAlone`). These sheets were refused
  /// ("cannot reach min_units within max_units") before buying nothing counted as a plan.
  @Test func signedUnitsBelowMinUnitsLoad() {
    let capacity =
      "id,vendor,tiers,unit,usd_per_unit_hour,billing,min_units,unit_step,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit\n"
    let p = TestFolder.problems([
      "capacity.csv": capacity + "res2,V,mid,GPU,1,reserved,7,2,7,1000,100\n",
      "contracts.csv": "offer,units,usd_per_hour,start,end\nres2,2,,2027-01,2027-01\n",
    ])
    #expect(p.isEmpty, "\(p)")
  }

  @Test func unknownAndMissingColumns() {
    let p = TestFolder.problems([
      "apis.csv": "id,vendor,tiers,usd_per_mtok_input,colour\na,V,mid,1,red\n"
    ])
    #expect(p.contains("apis.csv:1:1: missing required column 'usd_per_mtok_output'"))
    #expect(
      p.contains {
        $0.hasPrefix("apis.csv:1:36: unknown column 'colour' (known columns: id, vendor,")
      })
  }

  @Test func notANumberNegativePriceAndRateOutsideUnit() {
    let p = TestFolder.problems([
      "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,-1,abc\n",
      "workloads.csv": wh + ",cache_hit_rate\nw1,mid,standard,10,1,1,1,1000,100,flat,1.5\n",
    ])
    #expect(p.contains("apis.csv:2:12: usd_per_mtok_input must be a price >= 0, got -1"))
    #expect(p.contains("apis.csv:2:15: 'abc' is not a number (column 'usd_per_mtok_output')"))
    #expect(p.contains("workloads.csv:2:40: cache_hit_rate must be between 0 and 1, got 1.5"))
  }

  @Test func unknownProfileAndDuplicateID() {
    let p = TestFolder.problems([
      "workloads.csv": wh
        + "\nw1,mid,standard,10,1,1,1,1000,100,nope\nw1,mid,standard,10,1,1,1,1000,100,flat\n"
    ])
    #expect(p.contains("workloads.csv:2:35: unknown profile 'nope' (profiles.csv defines: flat)"))
    #expect(p.contains("workloads.csv:3:1: duplicate id 'w1' (first defined on line 2)"))
  }

  @Test func contractEndBeforeStartAndUnknownOffer() {
    let cap =
      "id,vendor,tiers,usd_per_unit_hour,billing,input_tok_per_s_per_unit,output_tok_per_s_per_unit\ngpu,V,mid,2,reserved,1000,100\n"
    let p = TestFolder.problems([
      "capacity.csv": cap,
      "contracts.csv": "offer,units,start,end\ngpu,8,2027-03,2027-01\nnothere,1,2027-01,2027-02\n",
    ])
    #expect(p.contains("contracts.csv:2:15: end 2027-01 is before start 2027-03"))
    #expect(
      p.contains(
        "contracts.csv:3:1: unknown offer 'nothere' (not a capacity offer in capacity.csv or a commitment in commitments.csv)"
      ))
  }

  @Test func workloadNoOfferCanServeNamesEachExclusion() {
    let p = TestFolder.problems([
      "workloads.csv": wh + ",region\nw1,frontier,interactive,10,1,1,1,1000,100,flat,eu\n",
      "apis.csv":
        "id,vendor,tiers,regions,latency,usd_per_mtok_input,usd_per_mtok_output\nsmall,V,small,*,*,1,2\nus-only,V,frontier,us,*,1,2\nbatchy,V,frontier,*,batch,1,2\n",
    ])
    #expect(
      p == [
        "workloads.csv:2:1: workload 'w1' has no compatible offer: small (tier 'frontier' not in 'small'), us-only (region 'eu' not in 'us'), batchy (latency 'interactive' not in 'batch')"
      ])
  }

  @Test func requiredSheetsAndPlanKeys() {
    let p = TestFolder.problems(["plan.csv": "key,value\nstart,2027-13\nmonths,40\ncolour,red\n"])
    #expect(
      p.contains(
        "plan.csv:2:7: '2027-13' is not a month; write YYYY-MM, a year from 1970 to 9000 (column 'value')"
      ))
    #expect(p.contains("plan.csv:3:8: value must be a whole number of months from 1 to 36, got 40"))
    #expect(p.contains { $0.hasPrefix("plan.csv:4:1: unknown plan key 'colour'") })
    let missing = TestFolder.problems(["plan.csv": TestFolder.plan], bare: true)
    #expect(missing.contains { $0.hasPrefix("workloads.csv:1:1: required sheet is missing") })
    #expect(missing.contains("apis.csv:1:1: no offers: the folder needs apis.csv or capacity.csv"))
  }

  /// A month is four digits, a hyphen and two digits: a sign anywhere is refused, as is a year past 9000
  /// (`-2027-02` and `2027-+2` were read as 2027-02, and `9999-12` ran the invoice into year 10000; found by an
  /// independent tester).
  @Test func monthsAreFourDigitsAHyphenAndTwo() {
    for bad in [
      "-2027-02", "2027-+2", "+2027-02", "2027--2", "2027-2", "9999-12", "1969-12", "２０２７-02",
    ] {
      #expect(Month(bad) == nil, "\(bad)")
      let p = TestFolder.problems(["plan.csv": "key,value\nstart,\(bad)\nmonths,1\n"])
      #expect(
        p.contains { $0.hasPrefix("plan.csv:2:7: ") && $0.contains("is not a month") }, "\(bad)")
    }
    #expect(Month("2027-02") == Month(year: 2027, month: 2))
    #expect(Month("9000-12") == Month(year: 9000, month: 12))
  }

  @Test func profileWithNoWeight() {
    let p = TestFolder.problems([
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\nzero,mon,3,0\n"
    ])
    #expect(p.contains("profiles.csv:3:1: profile 'zero' has no weight: every hour is 0"))
  }

  @Test func everyProblemIsReportedAtOnceInFileOrder() {
    let p = TestFolder.problems([
      "apis.csv": TestFolder.apiHeader + "\napi1,V,mid,-1,2\n",
      "workloads.csv": wh + "\nw1,mid,standard,-5,1,1,1,1000,100,flat\n",
    ])
    #expect(p == p.sorted())
    #expect(p.count == 2)
  }

  @Test func scenarioErrorsBeforeSolving() throws {
    let p = TestFolder.problems([
      "scenarios.csv":
        "scenario,target,field,op,value\ns1,ghost,users,scale,2\ns1,w1,colour,set,1\ns1,w1,success_rate,add,0.5\ns1,*,input_tokens_per_call,add,-5000\n"
    ])
    #expect(
      p.contains(
        "scenarios.csv:2:4: unknown target 'ghost': field 'users' needs a workload id or '*'"))
    #expect(p.contains { $0.hasPrefix("scenarios.csv:3:7: unknown field 'colour'") })
    // A term is named as one (an independent tester read the README's "a numeric column" as including them).
    #expect(
      TestFolder.problems([
        "scenarios.csv": "scenario,target,field,op,value\ns1,*,max_units,set,3\n"
      ]) == [
        "scenarios.csv:2:6: 'max_units' is a term of the offer or workload, not a scenario field: a locked what-if holds the plan's purchases under the terms they were bought on; compare a copy of the folder with the new terms instead"
      ])
    // The README's list of scenario fields is the list the parser knows.
    let readme = try String(
      contentsOf: TestFolder.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let row = try #require(
      readme.split(separator: "\n").first { $0.hasPrefix("| `scenarios.csv`") })
    let listed = row.components(separatedBy: "The terms of an offer")[0]
      .components(separatedBy: "workloads:")[1].matches(of: /`([a-z_]+)`/).map { String($0.1) }
    #expect(listed == ScenarioField.all.map(\.name))
    let terms = row.components(separatedBy: "The terms of an offer")[1].components(
      separatedBy: "not scenario fields")[0].matches(of: /`([a-z_]+)`/).map { String($0.1) }
    #expect(Set(terms) == ScenarioField.terms)
    #expect(
      p.contains(
        "scenarios.csv:4:24: add 0.5 makes success_rate of 'w1' 1.5; it must be between 0 and 1"))
    #expect(
      p.contains(
        "scenarios.csv:5:32: add -5000 makes input_tokens_per_call of 'w1' -4000; it must be >= 0"))
  }
}
