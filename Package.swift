// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Baseload",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "baseload", targets: ["baseload"]),
    .executable(name: "baseload-bench", targets: ["baseload-bench"]),
    .executable(name: "baseload-tracegen", targets: ["baseload-tracegen"]),
    .library(name: "BaseloadKit", targets: ["BaseloadKit"]),
    .library(name: "BaseloadTestSupport", targets: ["BaseloadTestSupport"]),
  ],
  targets: [
    // GLPK from Debian's libglpk-dev; only the GLPK module imports it.
    .systemLibrary(
      name: "CGLPK",
      providers: [.apt(["libglpk-dev"])]
    ),
    // A small, safe Swift layer over GLPK's C API.
    .target(name: "GLPK", dependencies: ["CGLPK"]),
    // Sheets, forecast, placement model, reports: everything but the command line.
    .target(name: "BaseloadKit", dependencies: ["GLPK"]),
    // Input folders for tests and the benchmark: SyntheticPlan (named sizes) and RandomPlan (seeded
    // random small instances across every feature, for the differential property test).
    .target(name: "BaseloadTestSupport", dependencies: ["BaseloadKit"]),
    // The thin command-line front end.
    .executableTarget(name: "baseload", dependencies: ["BaseloadKit"]),
    // The benchmark: synthetic sheets at named sizes, Baseload against glpsol and HiGHS on the same model.
    .executableTarget(
      name: "baseload-bench", dependencies: ["BaseloadKit", "BaseloadTestSupport", "GLPK"],
      resources: [.copy("Peers")]),
    // Synthetic OpenTelemetry GenAI traces for `baseload calibrate` (examples, round trip, benchmark).
    .executableTarget(
      name: "baseload-tracegen", dependencies: ["BaseloadKit", "BaseloadTestSupport"]),
    .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
    .testTarget(
      name: "BaseloadKitTests",
      dependencies: ["BaseloadKit", "BaseloadTestSupport", "GLPK"],
      resources: [.copy("Fixtures")]
    ),
  ]
)
