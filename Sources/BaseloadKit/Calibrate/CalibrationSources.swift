import Foundation

/// Everything read from the sources: the measurements and what was counted and set aside.
public struct CalibrationReading: Sendable {
  /// One row per source file: its path, format and documents (lines) read.
  public var files: [(path: String, kind: SourceKind, documents: Int)] = []
  public var groups: [GroupMeasure] = []
  public var spans = 0
  public var traces = 0
  public var tracesWithoutRoot = 0
  public var tracesOutsidePeriod = 0
  public var tracesWithoutStart = 0
  public var tracesWithExtraRoots = 0
  public var duplicateSpans = 0
  public var negativeTokenSpans = 0
  public var endBeforeStartSpans = 0
  public var reasoningAboveOutputSpans = 0
  public var bucketsOutsidePeriod = 0
  /// Export buckets straddling a bound of --from/--to, counted for their hours inside it.
  public var bucketsPartlyInPeriod = 0
}

/// Reads calibration sources: files or folders (walked in name order), the format recognised from content.
public enum CalibrationSources {
  /// Every file under `sources`, in order; a missing path is an error.
  static func files(_ sources: [String]) throws(CalibrationError) -> [String] {
    var out: [String] = []
    for source in sources {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir) else {
        throw .unreadable(path: source, reason: "no such file or folder")
      }
      if !isDir.boolValue {
        out.append(source)
        continue
      }
      guard let walker = FileManager.default.enumerator(atPath: source) else {
        throw .unreadable(path: source, reason: "the folder cannot be read")
      }
      var inside: [String] = []
      while let rel = walker.nextObject() as? String {
        let name = (rel as NSString).lastPathComponent
        if name.hasPrefix(".") { continue }
        var sub: ObjCBool = false
        let path = source + "/" + rel
        guard FileManager.default.fileExists(atPath: path, isDirectory: &sub) else { continue }
        if sub.boolValue {
          // A folder Baseload wrote (a calibrate --out inside the source, a report) is output, not a source:
          // read, it would fail the next run.
          let marker = path + "/" + ReportFolder.markerName
          if FileManager.default.fileExists(atPath: marker) { walker.skipDescendants() }
        } else {
          inside.append(path)
        }
      }
      out.append(contentsOf: inside.sorted())
    }
    return out
  }

  /// Reads every source; throws every problem found (malformed lines, wrong attribute types, unknown files).
  public static func read(_ sources: [String], options: CalibrationOptions)
    throws(CalibrationErrors) -> CalibrationReading
  {
    let paths: [String]
    do throws(CalibrationError) {
      paths = try files(sources)
    } catch {
      throw CalibrationErrors(items: [error])
    }
    var traces = TraceAggregator(options: options)
    var exports = ProviderAggregator(options: options)
    var reading = CalibrationReading()
    var problems: [CalibrationError] = []
    for path in paths {
      do throws(CalibrationError) {
        let (kind, documents) = try readFile(path, traces: &traces, exports: &exports)
        reading.files.append((path, kind, documents))
      } catch {
        problems.append(error)
      }
    }
    problems += traces.problems + exports.problems
    guard problems.isEmpty else { throw CalibrationErrors(items: problems) }
    reading.traces = traces.traces.count
    reading.groups = traces.finish() + exports.groups.keys.sorted().map { exports.groups[$0]! }
    reading.spans = traces.spans
    reading.tracesWithoutRoot = traces.tracesWithoutRoot
    reading.tracesOutsidePeriod = traces.tracesOutsidePeriod
    reading.tracesWithoutStart = traces.tracesWithoutStart
    reading.tracesWithExtraRoots = traces.tracesWithExtraRoots
    reading.duplicateSpans = traces.duplicateSpans
    reading.negativeTokenSpans = traces.negativeTokenSpans
    reading.endBeforeStartSpans = traces.endBeforeStartSpans
    reading.reasoningAboveOutputSpans = traces.reasoningAboveOutputSpans
    reading.bucketsOutsidePeriod = exports.bucketsOutsidePeriod
    reading.bucketsPartlyInPeriod = exports.bucketsPartlyInPeriod
    return reading
  }

  /// The format of one parsed document, or nil.
  static func kind(of document: JSONValue) -> SourceKind? {
    if document["resourceSpans"] != nil { return .traces }
    return ProviderAggregator.kind(of: document)
  }

  /// Streams one file: JSON Lines, one document per line, or a single JSON document spread over lines.
  static func readFile(
    _ path: String, traces: inout TraceAggregator, exports: inout ProviderAggregator
  ) throws(CalibrationError) -> (SourceKind, Int) {
    var reader = try LineReader(path: path)
    defer { reader.close() }
    var kind: SourceKind?
    var documents = 0
    while let line = try reader.next() {
      if JSONLine.isBlank(line) { continue }
      guard let document = JSONLine.object(line) else {
        if kind == nil && documents == 0 {
          // Not JSON Lines: a single document written over several lines (pretty-printed).
          reader.close()
          return try readWhole(path, traces: &traces, exports: &exports)
        }
        throw .malformed(path: path, line: reader.lineNumber, reason: "not a JSON document")
      }
      guard let k = kind ?? Self.kind(of: document) else { throw .unrecognised(path: path) }
      kind = k
      documents += 1
      dispatch(document, kind: k, path: path, line: reader.lineNumber, &traces, &exports)
    }
    guard let kind else { throw .unrecognised(path: path) }
    return (kind, documents)
  }

  /// A file holding one JSON document over several lines (at most `LineReader.maxLineBytes`).
  static func readWhole(
    _ path: String, traces: inout TraceAggregator, exports: inout ProviderAggregator
  ) throws(CalibrationError) -> (SourceKind, Int) {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= LineReader.maxLineBytes else {
      throw .malformed(path: path, line: 1, reason: "not a JSON document on this line")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "cannot be read")
    }
    guard let document = JSONValue.parse(data) else {
      // Name the first line that does not parse on its own: JSON Lines with a broken first line.
      if String(decoding: data.prefix(1), as: UTF8.self) == "{" && data.contains(0x0A) {
        throw .malformed(path: path, line: 1, reason: "not a JSON document")
      }
      throw .unrecognised(path: path)
    }
    guard let kind = kind(of: document) else { throw .unrecognised(path: path) }
    dispatch(document, kind: kind, path: path, line: 1, &traces, &exports)
    return (kind, 1)
  }

  static func dispatch(
    _ document: JSONValue, kind: SourceKind, path: String, line: Int,
    _ traces: inout TraceAggregator,
    _ exports: inout ProviderAggregator
  ) {
    switch kind {
    case .traces:
      guard document.isObject else {
        traces.problem(.malformed(path: path, line: line, reason: "not a JSON object"))
        return
      }
      traces.ingest(document: document, path: path, line: line)
    case .openAI, .anthropic:
      exports.ingest(document, kind: kind, path: path, line: line)
    }
  }
}

/// Every problem of a calibration, reported together.
public struct CalibrationErrors: Error, Sendable {
  public var items: [CalibrationError]
}
