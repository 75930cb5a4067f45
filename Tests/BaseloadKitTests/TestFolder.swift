import Foundation

@testable import BaseloadKit

/// Writes small input folders into a temporary directory for tests.
enum TestFolder {
  static let plan = "key,value\nname,t\nstart,2027-01\nmonths,1\n"
  static let profiles = "profile,day,hour,weight\nflat,all,*,1\n"
  static let workloadHeader =
    "id,tier,latency,users,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,profile"
  static let apiHeader = "id,vendor,tiers,usd_per_mtok_input,usd_per_mtok_output"

  /// A folder holding `sheets` (file name → text); missing base sheets are filled from a valid default unless `bare`.
  static func make(_ sheets: [String: String], bare: Bool = false) -> String {
    var all = sheets
    if !bare {
      if all["plan.csv"] == nil { all["plan.csv"] = plan }
      if all["profiles.csv"] == nil { all["profiles.csv"] = profiles }
      if all["workloads.csv"] == nil {
        all["workloads.csv"] = workloadHeader + "\nw1,mid,standard,10,1,1,1,1000,100,flat\n"
      }
      if all["apis.csv"] == nil && all["capacity.csv"] == nil {
        all["apis.csv"] = apiHeader + "\napi1,V,mid,1,2\n"
      }
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseload-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in all {
      try! text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir.path
  }

  /// Loads a folder, returning its diagnostics as strings (empty when valid).
  static func problems(_ sheets: [String: String], bare: Bool = false) -> [String] {
    do {
      _ = try InputLoader.load(folder: make(sheets, bare: bare))
      return []
    } catch {
      return error.items.map(\.description)
    }
  }

  /// Loads a folder that must be valid.
  /// An input folder kept under `Fixtures/instances/` (sheets an independent tester or a soak wrote, as they
  /// wrote them).
  static func instance(_ name: String) throws -> PlanInput {
    try InputLoader.load(
      folder: repoRoot.appendingPathComponent("Tests/BaseloadKitTests/Fixtures/instances/\(name)")
        .path)
  }

  static func load(_ sheets: [String: String]) throws -> PlanInput {
    try InputLoader.load(folder: make(sheets))
  }

  /// The repository root (for Models/ and Inputs/).
  static var repoRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static var modelPath: String { repoRoot.appendingPathComponent("Models/placement.mod").path }
}
