import Foundation

/// One verb of the command line.
public protocol Command: Sendable {
  /// The verb, e.g. `plan`.
  var name: String { get }
  /// One line for the command list.
  var summary: String { get }
  /// Full `--help` text.
  var help: String { get }
  /// Options that take a value.
  var valued: Set<String> { get }
  /// Options that take none (`help` is always allowed).
  var flags: Set<String> { get }
  /// Options that take a value and may be given more than once.
  var repeatable: Set<String> { get }
  /// Runs with parsed arguments.
  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode
}

extension Command {
  public var valued: Set<String> { [] }
  public var flags: Set<String> { [] }
  public var repeatable: Set<String> { [] }

  /// The input folder of a one-folder command, or nil after printing the usage error (none, several, or
  /// not a folder).
  func oneFolder(_ args: Arguments, _ io: CommandIO) -> String? {
    guard args.positional.count == 1 else {
      io.err("baseload \(name): expected one input folder\n\n" + help)
      return nil
    }
    let dir = args.positional[0]
    if let problem = inputFolderProblem(dir) {
      io.err("baseload \(name): \(problem)\n")
      return nil
    }
    return dir
  }

  /// Refuses a target before any work is done: prints why and returns false.
  func mayWrite(_ out: String, input: String, _ io: CommandIO) -> Bool {
    guard let reason = ReportFolder.refusal(out, kind: .report, inputs: [input]) else {
      return true
    }
    io.err(
      "baseload \(name): " + ReportFolder.WriteError.refused(path: out, reason: reason).description
        + "\n")
    return false
  }

  /// Prints a write error and returns its exit code (2 for a refused target, 5 for a failed write).
  func failed(_ error: ReportFolder.WriteError, _ io: CommandIO) -> ExitCode {
    io.err("baseload \(name): \(error)\n")
    return error.exitCode
  }
}

/// Why `dir` cannot be an input folder (absent, or not a folder), or nil.
func inputFolderProblem(_ dir: String) -> String? {
  var isDir: ObjCBool = false
  guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) else {
    return "no input folder at \(dir)"
  }
  return isDir.boolValue ? nil : "\(dir) is a file, not an input folder"
}

/// The command table and dispatcher.
public enum BaseloadCLI {
  public static let commands: [any Command] = [
    InitCommand(), CheckCommand(), ForecastCommand(), PlanCommand(), QuoteCommand(),
    WhatIfCommand(), PricesCommand(), CalibrateCommand(),
  ]

  public static let version = "0.1.0"

  static var usage: String {
    var s = "baseload \(version) — plan where AI workloads run and what that does to the bill\n\n"
    s += "usage: baseload <command> [options]\n\ncommands:\n"
    for c in commands {
      s += "  " + c.name.padding(toLength: 10, withPad: " ", startingAt: 0) + c.summary + "\n"
    }
    s +=
      "\n`baseload <command> --help` or `baseload help <command>` for details. Exit codes: 0 ok, 1 bad input,\n2 usage (or a refused --out), 3 infeasible, 4 solver limit, 5 cannot write.\n"
    return s
  }

  /// Runs a command line (without the program name); returns the exit code.
  public static func run(_ words: [String], io raw: CommandIO = .standard) -> ExitCode {
    // Names from sheets and folder names reach the terminal; control characters never do.
    let io = raw.visible
    guard let verb = words.first else {
      io.err(usage)
      return .usage
    }
    if verb == "--help" || verb == "-h" || verb == "help" {
      // `baseload help plan` is `baseload plan --help`.
      guard words.count > 1 else {
        io.out(usage)
        return .ok
      }
      guard words.count == 2, let command = commands.first(where: { $0.name == words[1] }) else {
        io.err(
          "baseload help: no command '\(words.dropFirst().joined(separator: " "))'\n\n" + usage)
        return .usage
      }
      io.out(command.help)
      return .ok
    }
    if verb == "--version" {
      io.out("baseload \(version)\n")
      return .ok
    }
    guard let command = commands.first(where: { $0.name == verb }) else {
      io.err("baseload: unknown command '\(verb)'\n\n" + usage)
      return .usage
    }
    do {
      let args = try Arguments(
        Array(words.dropFirst()), valued: command.valued, flags: command.flags.union(["help"]),
        repeatable: command.repeatable)
      if args.switches.contains("help") {
        io.out(command.help)
        return .ok
      }
      return command.run(args, io)
    } catch {
      io.err("baseload \(verb): \(error)\n\n\(command.help)")
      return .usage
    }
  }
}

extension CommandLine {
  /// Entry point for the executable.
  public static func run(_ words: [String]) -> Int32 { BaseloadCLI.run(words).rawValue }
}
