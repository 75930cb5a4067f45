/// `commitments.csv`: a savings-plan style spend commitment.
public struct Commitment: Sendable, Equatable {
  public var id: String
  public var vendor: String
  /// Offer ids whose usage it covers.
  public var appliesTo: [String]
  public var discountPct: Double
  public var termMonths: Int
  public var line: Int = 0
}
