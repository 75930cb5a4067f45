/// Which offers may serve which workloads: tier, region and latency class.
public enum Compatibility {
  /// Nil when `offer` can serve `workload`, else the requirement that excludes it, in words.
  public static func exclusion(of offer: any OfferTerms, for workload: Workload) -> String? {
    if !offer.tiers.contains("*") && !offer.tiers.contains(workload.tier) {
      return
        "tier '\(Diagnostic.echo(workload.tier))' not in '\(Diagnostic.echo(offer.tiers.joined(separator: ";")))'"
    }
    if let region = workload.region, !offer.regions.contains("*"), !offer.regions.contains(region) {
      return
        "region '\(Diagnostic.echo(region))' not in '\(Diagnostic.echo(offer.regions.joined(separator: ";")))'"
    }
    if !offer.latencies.contains(workload.latency) {
      let served = LatencyClass.allCases.filter { offer.latencies.contains($0) }.map(\.rawValue)
      return "latency '\(workload.latency.rawValue)' not in '\(served.joined(separator: ";"))'"
    }
    return nil
  }

  /// True when `offer` can serve `workload`.
  public static func allows(_ offer: any OfferTerms, _ workload: Workload) -> Bool {
    exclusion(of: offer, for: workload) == nil
  }
}
