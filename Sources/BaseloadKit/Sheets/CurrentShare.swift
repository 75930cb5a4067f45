/// `current.csv`: today's routing share of a workload on an offer.
public struct CurrentShare: Sendable, Equatable {
  public var workload: String
  public var offer: String
  public var share: Double
}
