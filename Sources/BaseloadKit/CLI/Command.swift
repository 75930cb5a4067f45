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
  /// Runs with parsed arguments.
  func run(_ args: Arguments, _ io: CommandIO) -> ExitCode
}

extension Command {
  public var valued: Set<String> { [] }
  public var flags: Set<String> { [] }

  /// The input folder of a one-folder command, or nil after printing the usage error.
  func oneFolder(_ args: Arguments, _ io: CommandIO) -> String? {
    guard args.positional.count == 1 else {
      io.err("baseload \(name): expected one input folder\n\n" + help)
      return nil
    }
    return args.positional[0]
  }
}

/// The command table and dispatcher.
public enum BaseloadCLI {
  public static let commands: [any Command] = [
    InitCommand(), CheckCommand(), ForecastCommand(), PlanCommand(), QuoteCommand(),
    WhatIfCommand(),
  ]

  public static let version = "0.1.0"

  static var usage: String {
    var s = "baseload \(version) — plan where AI workloads run and what that does to the bill\n\n"
    s += "usage: baseload <command> [options]\n\ncommands:\n"
    for c in commands {
      s += "  " + c.name.padding(toLength: 10, withPad: " ", startingAt: 0) + c.summary + "\n"
    }
    s +=
      "\n`baseload <command> --help` for details. Exit codes: 0 ok, 1 bad input, 2 usage, 3 infeasible, 4 solver limit.\n"
    return s
  }

  /// Runs a command line (without the program name); returns the exit code.
  public static func run(_ words: [String], io: CommandIO = .standard) -> ExitCode {
    guard let verb = words.first else {
      io.err(usage)
      return .usage
    }
    if verb == "--help" || verb == "-h" || verb == "help" {
      io.out(usage)
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
        Array(words.dropFirst()), valued: command.valued, flags: command.flags.union(["help"]))
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
