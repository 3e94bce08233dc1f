import Foundation
import Testing

/// The project's shared data (`../shared` next to the package root: seed articles, data sets).
/// It is not part of the repository, so tests that need it skip with a notice when it is absent,
/// unless `KHABAR_REQUIRE_SHARED=1` is set (CI), in which case a missing folder fails the test.
enum SharedData {
    /// The package root, derived from this file's location (Tests/KhabarTests/SharedData.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // KhabarTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // package root
        .standardizedFileURL

    /// `../shared` relative to the package root.
    /// Built by path, not standardised: standardising resolves a symlinked `shared` elsewhere.
    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// True when the environment asks for missing shared data to fail tests.
    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["KHABAR_REQUIRE_SHARED"] == "1"
    }

    /// The URL of `relativePath` under `../shared` when it exists. When it does not: with
    /// `required` (default: `KHABAR_REQUIRE_SHARED=1`) an issue is recorded, failing the test;
    /// otherwise a "skipping" notice is printed. Either way nil is returned so the caller returns early:
    ///
    ///     guard let seeds = SharedData.locate("seeds") else { return }
    static func locate(_ relativePath: String, required: Bool = SharedData.isRequired,
                       sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let url = root.appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let shown = "../shared/\(relativePath)"
        if required {
            Issue.record("\(shown) not found at \(url.path) (KHABAR_REQUIRE_SHARED=1)", sourceLocation: sourceLocation)
        } else {
            print("skipping: \(shown) not found")
        }
        return nil
    }

    /// The five seed articles (`../shared/seeds`), or nil after the notice / recorded issue.
    static func seedsFolder(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        locate("seeds", sourceLocation: sourceLocation)
    }
}

@Suite("Shared data helper")
struct SharedDataTests {
    @Test func rootIsSharedNextToPackage() {
        #expect(SharedData.root.lastPathComponent == "shared")
        #expect(SharedData.root.deletingLastPathComponent().path
                == SharedData.packageRoot.deletingLastPathComponent().path)
        #expect(FileManager.default.fileExists(atPath: SharedData.packageRoot.appendingPathComponent("Package.swift").path))
    }

    @Test func missingDataIsSkippedWhenNotRequired() {
        #expect(SharedData.locate("no-such-folder-\(UUID().uuidString)", required: false) == nil)
    }

    @Test func missingDataFailsWhenRequired() {
        withKnownIssue("a missing folder must record an issue under KHABAR_REQUIRE_SHARED=1") {
            _ = SharedData.locate("no-such-folder-\(UUID().uuidString)", required: true)
        }
    }
}
