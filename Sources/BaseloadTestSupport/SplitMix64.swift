/// SplitMix64: a small, seeded pseudo-random sequence, the same on every platform. The one generator of the
/// test instances, the benchmark families and the fuzz loop, so a seed always names the same input.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [a, b).
  public mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * Double(next() >> 11) / Double((1 as UInt64) << 53)
  }
  /// Uniform in [a, b) (the same draw as `uniform`).
  public mutating func real(_ a: Double, _ b: Double) -> Double { uniform(a, b) }
  /// Uniform in a...b.
  public mutating func int(_ a: Int, _ b: Int) -> Int { a + Int(next() % UInt64(b - a + 1)) }
  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { real(0, 1) < p }
  public mutating func pick<T>(_ xs: [T]) -> T { xs[int(0, xs.count - 1)] }
  /// A random non-empty subset, in the original order.
  public mutating func subset<T>(_ xs: [T]) -> [T] {
    var out = xs.filter { _ in chance(0.5) }
    if out.isEmpty { out = [pick(xs)] }
    return out
  }
}
