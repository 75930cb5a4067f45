import Foundation

/// What `baseload calibrate` reads and how it maps attributes.
public struct CalibrationOptions: Sendable {
  /// Attribute naming the workload (root span first, then its resource).
  public var workloadAttribute = "service.name"
  /// Attribute naming the team (root span first, then its resource).
  public var teamAttribute = "team.name"
  /// Root span attribute whose value `completed` marks a completed task.
  public var outcomeAttribute = "task.outcome"
  /// First and last UTC day included (days since 1970-01-01), or nil for the whole observed period.
  public var fromDay: Int64?
  public var toDay: Int64?
  /// Prices per model name (`apis.csv` `model` column, and its `id`).
  public var prices: [String: ModelPrice] = [:]

  public init() {}
}

/// $ per million tokens of one model, from `apis.csv`.
public struct ModelPrice: Sendable, Equatable {
  public var input: Double
  public var cachedInput: Double
  public var output: Double
  /// `batch_discount_pct` of the offer, percent off every token of a batch request.
  public var batchDiscountPct = 0.0

  /// $ of a call: uncached input, cached input and output (reasoning included) at these prices, less the batch
  /// discount when the provider billed it as batch.
  func cost(input: Double, cached: Double, output: Double, batch: Bool = false) -> Double {
    let list = ((input - cached) * self.input + cached * cachedInput + output * self.output) / 1e6
    return batch ? list * (1 - batchDiscountPct / 100) : list
  }
}

/// GenAI semantic-convention attribute names calibrate reads.
enum GenAI {
  static let operation = "gen_ai.operation.name"
  static let inputTokens = "gen_ai.usage.input_tokens"
  static let cachedTokens = "gen_ai.usage.cache_read.input_tokens"
  static let outputTokens = "gen_ai.usage.output_tokens"
  static let reasoningTokens = "gen_ai.usage.reasoning.output_tokens"
  static let requestModel = "gen_ai.request.model"
  static let responseModel = "gen_ai.response.model"
  static let provider = "gen_ai.provider.name"
  static let user = "user.id"
  static let session = "session.id"
  /// Operations that are model calls.
  static let modelCalls: Set<String> = ["chat", "text_completion", "generate_content"]
  static let tokenKeys = [inputTokens, cachedTokens, outputTokens, reasoningTokens]
}
