import Foundation
import Testing

@testable import BaseloadKit

/// Where `baseload` finds its model: `BASELOAD_MODELS` first and only, else `Models/` in a start folder or
/// one of its parents.
@Suite struct ModelLocatorTests {
  /// A fresh folder holding `Models/<file>` `levels` folders above the returned start folder.
  static func tree(modelAbove levels: Int, file: String) throws -> (root: URL, start: URL) {
    let root = ReportFolderTests.tempDir()
    let fm = FileManager.default
    try fm.createDirectory(
      at: root.appendingPathComponent("Models"), withIntermediateDirectories: true)
    try "# model\n".write(
      to: root.appendingPathComponent("Models/\(file)"), atomically: true, encoding: .utf8)
    var start = root
    for i in 0..<levels { start.appendPathComponent("d\(i)") }
    try fm.createDirectory(at: start, withIntermediateDirectories: true)
    return (root, start)
  }

  @Test func environmentFolderWinsAndIsTheOnlyPlaceLooked() throws {
    let (root, start) = try Self.tree(modelAbove: 0, file: "locator.mod")
    defer { try? FileManager.default.removeItem(at: root) }
    let models = root.appendingPathComponent("Models").path
    #expect(
      ModelLocator.path(
        "locator.mod", environment: ["BASELOAD_MODELS": models], searchingFrom: [start])
        == models + "/locator.mod")
    // Set but without the file: nil, even though the start folder's Models/ has it.
    #expect(
      ModelLocator.path(
        "locator.mod", environment: ["BASELOAD_MODELS": root.path], searchingFrom: [start])
        == nil)
  }

  @Test func parentFoldersAreSearchedUpToTheDepth() throws {
    let deepest = ModelLocator.searchDepth - 1
    let (root, start) = try Self.tree(modelAbove: deepest, file: "parent.mod")
    defer { try? FileManager.default.removeItem(at: root) }
    let found = ModelLocator.path("parent.mod", environment: [:], searchingFrom: [start])
    #expect(found == root.standardizedFileURL.appendingPathComponent("Models/parent.mod").path)
    // One folder deeper is out of reach; a later start folder is still searched.
    let tooDeep = start.appendingPathComponent("one-more")
    try FileManager.default.createDirectory(at: tooDeep, withIntermediateDirectories: true)
    #expect(ModelLocator.path("parent.mod", environment: [:], searchingFrom: [tooDeep]) == nil)
    #expect(
      ModelLocator.path("parent.mod", environment: [:], searchingFrom: [tooDeep, root]) == found)
  }

  /// The test runs from the package root, whose Models/ holds placement.mod.
  @Test func defaultFindsTheRepositoryModel() {
    #expect(ModelLocator.path().map { $0.hasSuffix("Models/placement.mod") } == true)
  }
}
