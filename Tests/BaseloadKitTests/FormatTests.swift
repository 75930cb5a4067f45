import BaseloadTestSupport
import Foundation
import Testing

@testable import BaseloadKit

/// `Format.fixed` prints what `String(format: "%.Nf")` prints (reports and golden files depend on it), through
/// its integer fast path or the fallback.
@Suite struct FormatTests {
  /// Random magnitudes from 1e-12 to 1e12, both signs, 0…9 decimals, ties and near-ties included: the fast path
  /// either declines or agrees with printf, character for character.
  @Test func fixedAgreesWithPrintf() {
    var rng = SplitMix64(state: 7)
    var quick = 0
    for i in 0..<200_000 {
      let decimals = Int(rng.next() % 10)
      let magnitude = pow(10, Double(Int(rng.next() % 25)) - 12)
      var v = Double(rng.next() % 1_000_000_007) / 1_000_000_007 * magnitude
      // Every fifth value an exact tie at its precision (x.5 in the last digit), as money often is.
      if i % 5 == 0 {
        v =
          (v * pow(10, Double(decimals))).rounded(.down) / pow(10, Double(decimals)) + 0.5
          / pow(10, Double(decimals))
      }
      if rng.next() % 2 == 0 { v = -v }
      let printf = String(format: "%.\(decimals)f", v)
      let expected =
        printf.hasPrefix("-") && printf.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
        ? String(printf.dropFirst()) : printf
      if let s = Format.quickFixed(v, decimals) {
        quick += 1
        #expect(s == expected, "\(v) with \(decimals) decimals: \(s), printf \(expected)")
      }
      #expect(Format.fixed(v, decimals) == expected)
    }
    // The fast path takes most values (it would be no faster if it declined them).
    #expect(quick > 100_000)
  }

  /// A month prints as `%04d-%02d` does, short and long years included.
  @Test func monthPrintsAsPrintf() {
    for year in [0, 7, 99, 999, 1970, 2027, 9999, 10000, 123_456] {
      for month in 1...12 {
        #expect(
          Month(year: year, month: month).description == String(format: "%04d-%02d", year, month))
      }
    }
  }

  @Test func fixedEdgeCases() {
    #expect(Format.fixed(0.125, 2) == "0.12")  // a binary tie: printf rounds half to even
    #expect(Format.fixed(0.375, 2) == "0.38")
    #expect(Format.fixed(2.675, 2) == "2.67")  // 2.67499999… in binary
    #expect(Format.fixed(-0.001, 2) == "0.00")
    #expect(Format.fixed(-0.0, 0) == "0")
    #expect(Format.fixed(-1.5e-7, 6) == "0.000000")
    #expect(Format.fixed(-2.5e-6, 6) == "-0.000003")
    #expect(Format.fixed(1e12, 2) == "1000000000000.00")
    #expect(Format.fixed(12.3456, 0) == "12")
  }
}
