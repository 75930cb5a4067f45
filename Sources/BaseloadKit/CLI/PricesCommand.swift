import Foundation

/// `baseload prices import FILE --out DIR`: LiteLLM's model price map → `apis.csv` in $/Mtok.
struct PricesCommand: Command {
  let name = "prices"
  let summary = "import token API list prices (LiteLLM's price map) into apis.csv"
  let help = """
    usage: baseload prices import FILE --out DIR [--provider P]... [--model M]...
                                       [--as-of YYYY-MM-DD] [--tier PATTERN=TIER[;TIER]]...

    Reads LiteLLM's model_prices_and_context_window.json and writes DIR/apis.csv: one
    row per chat or completion model, prices in $/Mtok (per-token USD × 1,000,000),
    cached input from cache_read_input_token_cost, batch_discount_pct from the
    *_batches prices, the file and --as-of date in a header comment. --provider keeps
    those litellm_provider values, --model those keys (`*` matches any characters);
    both may be given more than once. tiers is left as '?', which `baseload check`
    rejects, unless a --tier PATTERN=TIERS matches the model key (first match wins).
    Tiered prices (*_above_200k_tokens) are reported with the rule used (the row keeps
    the base prices); entries that cannot be read are listed by key; other fields and
    modes are ignored. DIR follows the report folder rules (see README, Safety):
    absent, empty, or a folder this command wrote before.

    """
  let valued: Set<String> = ["out", "as-of"]
  let repeatable: Set<String> = ["provider", "model", "tier"]

  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode {
    guard args.positional.count == 2, args.positional[0] == "import" else {
      io.err("baseload prices: expected `import FILE`\n\n" + help)
      return .usage
    }
    let file = args.positional[1]
    guard let out = args.options["out"] else {
      io.err("baseload prices import: --out DIR is required\n\n" + help)
      return .usage
    }
    var options = LiteLLMImport.Options()
    options.providers = args.lists["provider"] ?? []
    options.models = args.lists["model"] ?? []
    if let d = args.options["as-of"] {
      guard d.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/) != nil else {
        io.err("baseload prices import: --as-of \(d) is not a date YYYY-MM-DD\n")
        return .usage
      }
      options.asOf = d
    }
    for t in args.lists["tier"] ?? [] {
      let parts = t.split(separator: "=", maxSplits: 1).map(String.init)
      let tiers = parts.count == 2 ? parts[1].split(separator: ";").map(String.init) : []
      guard parts.count == 2, !parts[0].isEmpty, !tiers.isEmpty,
        tiers.allSatisfy({ IDRules.problem($0) == nil && $0 != LiteLLMImport.tierPlaceholder })
      else {
        io.err("baseload prices import: --tier \(t) is not PATTERN=TIER[;TIER]\n")
        return .usage
      }
      options.tiers.append((parts[0], tiers))
    }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue,
      let data = FileManager.default.contents(atPath: file)
    else {
      io.err("baseload prices import: no readable price file at \(file)\n")
      return .usage
    }
    guard mayWrite(out, input: file, io) else { return .usage }
    let result: LiteLLMImport
    do throws(LiteLLMImport.FileError) {
      result = try LiteLLMImport(json: data, options: options)
    } catch {
      io.err("\(file): \(error)\n")
      return .badInput
    }
    guard !result.rows.isEmpty else {
      io.err(
        "\(file): no chat or completion model matched\(result.malformed.isEmpty ? "" : "; malformed entries:\n" + result.malformed.map { "  \($0)\n" }.joined())\n"
      )
      return .badInput
    }
    var folder = ReportFolder()
    folder.add(
      "apis.csv",
      result.apisCSV(source: (file as NSString).lastPathComponent, options: options))
    do throws(ReportFolder.WriteError) {
      try folder.write(to: out, kind: .report, protecting: [file])
    } catch {
      return failed(error, io)
    }
    io.out(result.summary + "wrote \(out)/apis.csv\n")
    return .ok
  }
}
