import BaseloadKit
import BaseloadTestSupport
import Foundation

// baseload-tracegen INPUT_DIR --out FILE [--start YYYY-MM-DD] [--weeks N] [--seed S] [--event DAY:FACTOR[:WORKLOAD]]...
// Synthetic OpenTelemetry GenAI traces (OTLP JSON Lines) from an input folder's workloads and profiles:
// one trace per task attempt, agentic fan-out, retries, cache hits, failed tasks; events multiply a day's
// arrivals (a holiday 0.2, a launch 4). Deterministic for a seed.

let usage = """
  usage: baseload-tracegen INPUT_DIR --out FILE [--start YYYY-MM-DD] [--weeks N] [--seed S]
                           [--event YYYY-MM-DD:FACTOR[:WORKLOAD]]...

  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n" + usage).utf8))
  exit(2)
}

var words = Array(CommandLine.arguments.dropFirst())
var input: String?
var out: String?
var start = "2026-01-05"
var weeks = 8
var seed: UInt64 = 13
var events: [TraceGenerator.Event] = []
while !words.isEmpty {
  let w = words.removeFirst()
  func value() -> String {
    guard !words.isEmpty else { fail("\(w) needs a value") }
    return words.removeFirst()
  }
  switch w {
  case "--out": out = value()
  case "--start": start = value()
  case "--weeks": weeks = Int(value()) ?? { fail("--weeks must be a whole number") }()
  case "--seed": seed = UInt64(value()) ?? { fail("--seed must be a whole number") }()
  case "--event":
    let parts = value().split(separator: ":").map(String.init)
    guard parts.count >= 2, let day = Calibration.dayNumber(parts[0]), let f = Double(parts[1])
    else { fail("--event is DAY:FACTOR[:WORKLOAD]") }
    events.append(
      TraceGenerator.Event(day: day, factor: f, workloads: parts.count > 2 ? [parts[2]] : nil))
  default:
    if w.hasPrefix("-") || input != nil { fail("unexpected \(w)") }
    input = w
  }
}
guard let input, let out else { fail("an input folder and --out are required") }
guard let first = Calibration.dayNumber(start) else { fail("--start must be YYYY-MM-DD") }
let plan: PlanInput
do {
  plan = try InputLoader.load(folder: input)
} catch {
  fail("\(error)")
}
var generator = TraceGenerator(
  flows: TraceGenerator.flows(plan), firstDay: first, days: weeks * 7, seed: seed)
generator.events = events
guard FileManager.default.createFile(atPath: out, contents: nil),
  let handle = FileHandle(forWritingAtPath: out)
else { fail("cannot write \(out)") }
let totals = generator.generate { handle.write(Data($0.utf8)) }
try? handle.close()
print("wrote \(out): \(totals.traces) traces, \(totals.spans) spans, \(totals.bytes) bytes")
