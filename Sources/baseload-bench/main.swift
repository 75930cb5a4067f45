import BaseloadKit
import BaseloadTestSupport
import Foundation

// baseload-bench: times `baseload plan` end to end on named instances, and solves the SAME model Baseload
// certifies — the exact week model it writes (`placement.dat` of the report) — with glpsol and HiGHS at the
// SAME relative gap (plan.csv's optimality_gap). `--hourly` adds the monolithic hourly model as a second column.
let usage = """
  usage: baseload-bench [INSTANCE ...] [--peer-timeout S] [--peer-max-columns N] [--no-peers] [--hourly]
                        [--scaling] [--keep DIR]
         baseload-bench --write-portfolio W,O,M,SEED,DIR[,GROWTH_LO,GROWTH_HI[,TERM;TERM…]]
  instances: S M L XL (SyntheticPlan), \(Families.named.keys.sorted().joined(separator: " ")) (PortfolioPlan)
  """

var names: [String] = []
var peerTimeout = 600.0
var peerMaxColumns = 400_000
var peers = true
var hourly = false
var keep: String?
var scaling = false
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
  let a = args.removeFirst()
  switch a {
  case "--peer-timeout": peerTimeout = Double(args.removeFirst()) ?? peerTimeout
  case "--no-peers": peers = false
  case "--peer-max-columns": peerMaxColumns = Int(args.removeFirst()) ?? peerMaxColumns
  case "--hourly": hourly = true
  case "--keep": keep = args.removeFirst()
  case "--scaling": scaling = true
  case "--write-portfolio":
    let f = args.removeFirst().split(separator: ",").map(String.init)
    var p = PortfolioPlan(
      workloads: Int(f[0])!, offers: Int(f[1])!, months: Int(f[2])!, seed: UInt64(f[3])!)
    if f.count >= 7 { p.growth = Double(f[5])!...Double(f[6])! }
    if f.count >= 8 { p.terms = f[7].split(separator: ";").map { Int($0)! } }
    writeSheets(p.sheets, to: URL(fileURLWithPath: f[4]))
    exit(0)
  case "-h", "--help":
    say(usage)
    exit(0)
  default:
    guard Families.instance(a) != nil else {
      FileHandle.standardError.write(Data("unknown instance \(a)\n\(usage)\n".utf8))
      exit(2)
    }
    names.append(a)
  }
}
if names.isEmpty && !scaling { names = ["S", "M", "P50"] }

let fm = FileManager.default
let exeDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  .deletingLastPathComponent()
let baseload = exeDir.appendingPathComponent("baseload").path
guard fm.isExecutableFile(atPath: baseload) else {
  say("build the tool first: swift build -c release   (looked for \(baseload))")
  exit(2)
}
let model = ModelLocator.path() ?? ""
guard !model.isEmpty else {
  say("run from the Baseload folder (Models/placement.mod not found)")
  exit(2)
}
let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { fm.isExecutableFile(atPath: $0) }
let root = URL(fileURLWithPath: keep ?? NSTemporaryDirectory())

say(
  "Baseload benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores; peers solve the exact week model Baseload writes, at its optimality gap (timeout \(Int(peerTimeout)) s)\n"
)
var rows: [BenchRow] = []
for name in names {
  let instance = Families.instance(name)!
  say("[\(instance.name)] \(instance.about)")
  let row = runInstance(
    instance, in: root.appendingPathComponent("baseload-bench-\(instance.name)"), peers: peers)
  rows.append(row)
}
if !rows.isEmpty { say("\n" + BenchRow.table(rows)) }
if scaling {
  var scaled: [BenchRow] = []
  for instance in Families.scaling {
    say("[scaling] \(instance.about)")
    scaled.append(
      runInstance(
        instance, in: root.appendingPathComponent("baseload-scaling-\(instance.name)"),
        peers: false))
  }
  say("\n" + BenchRow.scalingTable(scaled))
}
