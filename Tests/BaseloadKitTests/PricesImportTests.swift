import Foundation
import Testing

@testable import BaseloadKit

/// `baseload prices import` on a trimmed copy of LiteLLM's model price map: eight real entries copied
/// unchanged from model_prices_and_context_window.json (mirror Wei-Shaw/model-price-repo at f9ff147, synced
/// from BerriAI/litellm on 2026-07-24), LiteLLM's `sample_spec`, and four entries named `test-*` broken on
/// purpose.
@Suite struct PricesImportTests {
  static let fixture = TestFolder.repoRoot.appendingPathComponent(
    "Tests/BaseloadKitTests/Fixtures/litellm-model-prices-trimmed.json"
  ).path

  static func run(_ extra: [String]) -> (ExitCode, Captured, String) {
    let out = ReportFolderTests.tempDir().path
    let c = Captured()
    let code = BaseloadCLI.run(["prices", "import", fixture, "--out", out] + extra, io: c.io)
    return (code, c, out)
  }

  /// Rows to the cent ($/Mtok = per-token × 10⁶): gpt-4o 2.5e-06 → 2.5, batches 1.25e-06 → 50% off;
  /// the embedding and image entries are skipped; the broken ones are listed by key.
  @Test func importsTheTrimmedMapToTheCent() throws {
    let (code, c, out) = Self.run(["--as-of", "2026-07-24", "--tier", "gpt-4o-mini=mid"])
    #expect(code == .ok)
    let csv = try String(contentsOfFile: out + "/apis.csv", encoding: .utf8)
    let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(
      rows == [
        "id,vendor,model,tiers,regions,latency,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct",
        "claude-sonnet-4-20250514,anthropic,claude-sonnet-4-20250514,?,*,*,3,0.3,15,0",
        "gemini-2.5-flash,vertex_ai-language-models,gemini-2.5-flash,?,*,*,0.3,0.03,2.5,0",
        "gemini-2.5-pro,vertex_ai-language-models,gemini-2.5-pro,?,*,*,1.25,0.125,10,0",
        "gpt-3.5-turbo-instruct,text-completion-openai,gpt-3.5-turbo-instruct,?,*,*,1.5,,2,0",
        "gpt-4o,openai,gpt-4o,?,*,*,2.5,1.25,10,50",
        "gpt-4o-mini,openai,gpt-4o-mini,mid,*,*,0.15,0.075,0.6,50",
      ])
    #expect(csv.contains("# Prices as of 2026-07-24 (--as-of).\n"))
    #expect(csv.contains("from litellm-model-prices-trimmed.json (LiteLLM model price map)"))
    #expect(
      c.stdout.contains(
        "  claude-sonnet-4-20250514: prompts above 200k input tokens cost cached input $0.6/Mtok, input $6/Mtok, output $22.5/Mtok; the row keeps the base prices (prompts up to 200k tokens)\n"
      ))
    #expect(
      c.stdout.contains("skipped (not chat or completion): 1 embedding, 1 image_generation\n"))
    #expect(
      c.stdout.contains(
        """
        malformed entries (not imported):
          test-bool-price: input_cost_per_token is true, not a price >= 0
          test-broken-price: input_cost_per_token is "free", not a price >= 0
          test-no-output-price: no output_cost_per_token
          test-not-an-object: not an object

        """))
    // The folder is Baseload's: a second import replaces it.
    #expect(FileManager.default.fileExists(atPath: out + "/.baseload-report"))
    let again = Captured()
    #expect(
      BaseloadCLI.run(
        ["prices", "import", Self.fixture, "--out", out, "--model", "gpt-4o"], io: again.io) == .ok)
    #expect(
      try String(contentsOfFile: out + "/apis.csv", encoding: .utf8).split(separator: "\n").filter {
        !$0.hasPrefix("#")
      }.count == 2)
  }

  /// A price below what six decimals of $/Mtok hold is written as 0 with a note, not silently (nor as 1e-14).
  @Test func aPriceTooSmallForTheSheetIsNoted() throws {
    let entry: [String: JSONValue] = [
      "litellm_provider": .string("p"), "input_cost_per_token": .double(1e-20),
      "output_cost_per_token": .double(2e-6),
    ]
    let row = try LiteLLMImport.row(key: "tiny", entry: entry, options: .init()).get()
    #expect(LiteLLMImport.mtok(row.input) == "0")
    #expect(
      row.notes == ["input listed at $1e-20 a token, below $0.000001/Mtok; the row bills it at 0"])
    #expect(LiteLLMImport.mtok(row.output) == "2")
  }

  /// A price written too small for a double (`1e-400`) is not a free model: it gets the same note (it was imported
  /// as 0, silently; found by an independent tester). A model key's control characters are written visibly (a
  /// newline in one made an apis.csv that `check` refused).
  @Test func anUnderflowingPriceIsNotedAndAKeyIsWrittenVisibly() throws {
    let json = JSONValue.parse(Array(#"{"a": 1e-400, "b": -1e-400, "c": 0e-400}"#.utf8))
    guard case .object(let members) = json else {
      Issue.record("not an object")
      return
    }
    let values = members.map { $0.value.number ?? -1 }
    #expect(values[0] > 0 && values[1] < 0 && values[2] == 0)
    let entry: [String: JSONValue] = [
      "litellm_provider": .string("p"), "input_cost_per_token": members[0].value,
      "output_cost_per_token": .double(2e-6),
    ]
    let row = try LiteLLMImport.row(key: "line\nbreak\u{0}x", entry: entry, options: .init()).get()
    #expect(LiteLLMImport.mtok(row.input) == "0")
    #expect(row.notes.first?.hasSuffix("below $0.000001/Mtok; the row bills it at 0") == true)
    #expect(row.model == "line\\x0abreak\\x00x")
  }

  /// A price above what a sheet holds is not imported (1e300 a token was written as a 301-digit number that
  /// `check` then refused; found by an independent tester).
  @Test func aPriceTooLargeForTheSheetIsNotImported() {
    let entry: [String: JSONValue] = [
      "litellm_provider": .string("p"), "input_cost_per_token": .double(1e300),
      "output_cost_per_token": .double(2e-6),
    ]
    guard case .failure(let why) = LiteLLMImport.row(key: "huge", entry: entry, options: .init())
    else {
      Issue.record("imported")
      return
    }
    #expect(
      why.description == "input_cost_per_token is $1e+300 a token, above the sheets' $1e12/Mtok")
  }

  /// Ids follow the README's rule, and none starts with `-`, which the CSV writer would turn into `'-…`.
  @Test func idsFromModelKeys() {
    #expect(LiteLLMImport.identifier("openai/gpt-4o:2024") == "openai-gpt-4o-2024")
    #expect(LiteLLMImport.identifier("=cmd") == "_cmd")
    #expect(LiteLLMImport.identifier("-x") == "_x")
    #expect(CSVWriter.cell(.text(LiteLLMImport.identifier("=cmd"))) == "_cmd")
  }

  /// --provider and --model may be given more than once; `*` matches any characters; first --tier wins.
  @Test func filtersAndTierMaps() throws {
    let (code, _, out) = Self.run([
      "--provider", "openai", "--provider", "anthropic", "--model", "gpt-4o*", "--model",
      "claude-*",
      "--tier", "gpt-4o-mini=small", "--tier", "*=frontier;mid",
    ])
    #expect(code == .ok)
    let csv = try String(contentsOfFile: out + "/apis.csv", encoding: .utf8)
    #expect(csv.contains("# Prices as of: not given"))
    #expect(!csv.contains("placeholder"))
    #expect(
      csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map {
        $0.split(separator: ",")[0] + "," + $0.split(separator: ",")[3]
      } == ["claude-sonnet-4-20250514,frontier;mid", "gpt-4o,frontier;mid", "gpt-4o-mini,small"])
  }

  @Test func badCommandLinesAndTargetsAreUsageErrors() throws {
    #expect(Self.run(["--as-of", "2026-13-01"]).0 == .usage)
    #expect(Self.run(["--tier", "gpt-4o"]).0 == .usage)
    #expect(Self.run(["--tier", "gpt-4o=?"]).0 == .usage)
    let c = Captured()
    #expect(BaseloadCLI.run(["prices", "import", Self.fixture], io: c.io) == .usage)
    #expect(BaseloadCLI.run(["prices", "export", Self.fixture, "--out", "x"], io: c.io) == .usage)
    #expect(
      BaseloadCLI.run(["prices", "import", "/nonexistent.json", "--out", "/tmp/x"], io: c.io)
        == .usage)
    // A folder holding a file Baseload did not write is refused and left as it was.
    let foreign = ReportFolderTests.tempDir().path
    try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
    try "mine\n".write(toFile: foreign + "/apis.csv", atomically: true, encoding: .utf8)
    let f = Captured()
    #expect(
      BaseloadCLI.run(["prices", "import", Self.fixture, "--out", foreign], io: f.io) == .usage)
    #expect(f.stderr.contains("will not write to \(foreign)"))
    #expect(try String(contentsOfFile: foreign + "/apis.csv", encoding: .utf8) == "mine\n")
    // Not JSON: bad input, nothing written.
    let junkDir = ReportFolderTests.tempDir().path
    try FileManager.default.createDirectory(atPath: junkDir, withIntermediateDirectories: true)
    let junk = junkDir + "/prices.json"
    try "{\"a\": ".write(toFile: junk, atomically: true, encoding: .utf8)
    let out = ReportFolderTests.tempDir().path + "/new"
    let j = Captured()
    #expect(BaseloadCLI.run(["prices", "import", junk, "--out", out], io: j.io) == .badInput)
    #expect(j.stderr.hasPrefix("\(junk): not JSON"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// `check` rejects the placeholder tier where it stands.
  @Test func checkRejectsThePlaceholderTier() throws {
    let (_, _, out) = Self.run(["--model", "gpt-4o"])
    let apis = try String(contentsOfFile: out + "/apis.csv", encoding: .utf8)
    let line = apis.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0.hasPrefix("gpt-4o,")
    }!
    #expect(
      TestFolder.problems(["apis.csv": apis]) == [
        "apis.csv:\(line + 1):22: tier '?' is the placeholder `baseload prices import` leaves: name the tiers this model can serve"
      ])
  }

  /// A plan priced from the imported sheet reproduces the bill computed by hand. February 2027 (28 days),
  /// 3,600 calls/h flat for each workload = 2,419,200 calls; per call 500 uncached input, 500 cached input
  /// and 100 output tokens on gpt-4o-mini ($0.15, $0.075, $0.60 per Mtok): 500 × 0.15e-6 + 500 × 0.075e-6
  /// + 100 × 0.6e-6 = $0.0001725. Standard: $417.312; batch at 50% off: $208.656; total $625.968.
  @Test func aPlanPricedFromTheImportReproducesTheHandBill() throws {
    let (code, _, out) = Self.run([
      "--model", "gpt-4o*", "--as-of", "2026-07-24", "--tier", "gpt-4o-mini=mid", "--tier",
      "gpt-4o=frontier",
    ])
    #expect(code == .ok)
    let input = try TestFolder.load([
      "plan.csv": "key,value\nname,imported\nstart,2027-02\nmonths,1\nmip_gap,0\n",
      "workloads.csv":
        "id,tier,latency,users,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,cache_hit_rate,profile\n"
        + "chat,mid,standard,86400,1,1,1,1000,100,0.5,flat\n"
        + "nightly,mid,batch,86400,1,1,1,1000,100,0.5,flat\n",
      "apis.csv": try String(contentsOfFile: out + "/apis.csv", encoding: .utf8),
    ])
    let a = PlanAnalysis(
      try PlacementSolver.solve(PlacementData(input: input), modelPath: TestFolder.modelPath))
    #expect(abs(a.invoice.total - 625.968) < 1e-6)
    #expect(
      a.invoice.lines.map { "\($0.offer) \($0.description) \(Format.fixed($0.billedCost, 3))" } == [
        "gpt-4o-mini gpt-4o-mini input tokens 181.440",
        "gpt-4o-mini gpt-4o-mini input tokens (batch) 90.720",
        "gpt-4o-mini gpt-4o-mini cached input tokens 90.720",
        "gpt-4o-mini gpt-4o-mini cached input tokens (batch) 45.360",
        "gpt-4o-mini gpt-4o-mini output tokens 145.152",
        "gpt-4o-mini gpt-4o-mini output tokens (batch) 72.576",
      ])
  }
}

/// `baseload init DIR --prices Inputs/prices` starts a plan from the dated price book.
@Suite struct PriceBookTests {
  static let book = TestFolder.repoRoot.appendingPathComponent("Inputs/prices").path

  @Test func initStartsFromThePriceBook() throws {
    let dir = ReportFolderTests.tempDir().path
    let c = Captured()
    #expect(BaseloadCLI.run(["init", dir, "--prices", Self.book], io: c.io) == .ok)
    for name in ["apis.csv", "capacity.csv", "workloads.csv", "profiles.csv"] {
      #expect(
        try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
          == String(contentsOfFile: Self.book + "/" + name, encoding: .utf8), "\(name)")
    }
    #expect(BaseloadCLI.run(["check", dir], io: c.io) == .ok)
    // The GPU rows come along: rented H100/H200/B200 serving Llama 3.1 8B and Llama 3.3 70B, on demand and
    // reserved, with their measured rates.
    let started = try InputLoader.load(folder: dir)
    #expect(
      started.capacity.filter { $0.unit == "GPU" }.map {
        "\($0.id) \($0.billing.rawValue) \(Format.plain($0.usdPerUnitHour)) \(Format.plain($0.inputTokPerSecPerUnit))/\(Format.plain($0.outputTokPerSecPerUnit))"
      } == [
        "runpod-h100-llama-3.1-8b on_demand 2.79 41940/19738",
        "runpod-h100-llama-3.3-70b on_demand 2.79 5287/2979",
        "lambda-h100-llama-3.1-8b reserved 1.85 41940/19738",
        "lambda-h100-llama-3.3-70b reserved 1.85 5287/2979",
        "packet-h200-llama-3.1-8b on_demand 2.25 46845/23359",
        "packet-h200-llama-3.3-70b on_demand 2.25 6526/4265",
        "aws-h200-llama-3.1-8b reserved 5.408 46845/23359",
        "aws-h200-llama-3.3-70b reserved 5.408 6526/4265",
        "packet-b200-llama-3.3-70b on_demand 3.75 17518/8729",
      ])
    let missing = ReportFolderTests.tempDir().path
    #expect(
      BaseloadCLI.run(["init", ReportFolderTests.tempDir().path, "--prices", missing], io: c.io)
        == .usage)
    #expect(c.stderr.contains("no apis.csv or capacity.csv in \(missing)"))
  }

  /// Every offer row of the price book has a source comment: a `#` line in its sheet's header names
  /// the source of every row, and no row is without a date in that header.
  @Test func everyBookRowIsDatedAndSourced() throws {
    for name in ["apis.csv", "capacity.csv"] {
      let text = try String(contentsOfFile: Self.book + "/" + name, encoding: .utf8)
      let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
      #expect(header.contains("2026-"), "\(name) header has no date")
      #expect(header.lowercased().contains("source"), "\(name) header names no source")
    }
    let input = try InputLoader.load(folder: Self.book)
    #expect(input.apis.count == 12 && input.capacity.count == 12)
    // The PTU rows as Azure publishes them: gpt-4.1 3,000 input TPM per PTU = 50/s, output weight 4.
    #expect(input.capacity[0].inputTokPerSecPerUnit == 50)
    #expect(input.capacity[0].outputTokPerSecPerUnit == 12.5)
  }
}
