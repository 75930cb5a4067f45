/// What every offer shares: who sells it and which workloads it may serve.
public protocol OfferTerms: Sendable {
  var id: String { get }
  var vendor: String { get }
  var model: String { get }
  /// Tiers served; `*` = any.
  var tiers: [String] { get }
  /// Regions served; `*` = any.
  var regions: [String] { get }
  /// Latency classes served.
  var latencies: Set<LatencyClass> { get }
}
