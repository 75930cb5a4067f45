/// `workloads.csv`: one workflow and its demand drivers.
public struct Workload: Sendable, Equatable {
  public var id: String
  public var name: String
  public var team: String
  /// Capability the model must have; matched against an offer's tiers.
  public var tier: String
  public var latency: LatencyClass
  /// Data-residency region; nil = any.
  public var region: String?
  /// Users in the first month.
  public var users: Double
  /// Compounded monthly growth, percent.
  public var userGrowthPctPerMonth: Double
  public var sessionsPerUserPerDay: Double
  public var promptsPerSession: Double
  /// Model calls per prompt (agentic fan-out).
  public var callsPerPrompt: Double
  /// Input tokens per call (cached and uncached).
  public var inputTokensPerCall: Double
  public var outputTokensPerCall: Double
  /// Hidden reasoning tokens per call, billed as output.
  public var reasoningTokensPerCall: Double
  /// Extra calls from retries, fraction of calls.
  public var retryRate: Double
  /// Share of input tokens served from the prompt/KV cache, 0...1.
  public var cacheHitRate: Double
  /// Share of tasks completed, 0...1.
  public var successRate: Double
  /// Human cost of one failed task, currency.
  public var humanCostPerFailure: Double
  public var profile: String
  /// Batch work may be served up to this many hours later, within the same day.
  public var deferHours: Int
  /// Line in workloads.csv (for messages).
  public var line: Int = 0
}

extension Workload {
  /// Calls per task: prompts fan out and retries add calls.
  public var callsPerTask: Double { callsPerPrompt * (1 + retryRate) }
  /// Uncached input tokens per call.
  public var uncachedInputTokens: Double { inputTokensPerCall * (1 - cacheHitRate) }
  /// Cached input tokens per call.
  public var cachedInputTokens: Double { inputTokensPerCall * cacheHitRate }
  /// Output tokens per call, reasoning included.
  public var outputTokens: Double { outputTokensPerCall + reasoningTokensPerCall }
  /// All tokens per call.
  public var tokensPerCall: Double { inputTokensPerCall + outputTokens }
}
