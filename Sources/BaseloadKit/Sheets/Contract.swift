/// `contracts.csv`: capacity or commitment already signed.
public struct Contract: Sendable, Equatable {
  /// Capacity offer id or commitment id.
  public var offer: String
  /// Units (capacity offers).
  public var units: Double
  /// Committed USD per hour (commitments).
  public var usdPerHour: Double
  public var start: Month
  /// Last month billed, inclusive.
  public var end: Month
  public var line: Int = 0

  /// Whether the contract holds in month `m`.
  public func covers(_ m: Month) -> Bool { m >= start && m <= end }
}
