// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Khabar",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Khabar", targets: ["Khabar"]),
        .library(name: "KhabarText", targets: ["KhabarText"]),
        .executable(name: "khabar", targets: ["KhabarCLI"]),
        .executable(name: "khabar-bench", targets: ["KhabarBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The desk: SQLite store (FTS5), HTTP server, feed fetching.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The desk's store on PostgreSQL (several workers on one database), and its /metrics.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Arabic text core: normalisation, tokens, sentences, stems, stop words. No dependencies.
        .target(name: "KhabarText"),
        // System libraries: libxml2's HTML parser, zlib (gzip) and liblzma (xz).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "liblzma-dev"])]),
        // The pipeline: read → clean → … ; one folder per stage.
        .target(name: "Khabar", dependencies: [
            "KhabarText", "CLibXML2", "CCompression",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [
            // Learnt models: background document frequencies (see Analyse/BackgroundFrequencies.swift).
            .copy("Resources/background-df.bin"),
            // The entity tagger (see Extract/Entities/EntityModel.swift; khabar-bench train-ner).
            .copy("Resources/ner-model.bin"),
            // The entity tagger's word classes (Extract/Entities/WordClusters.swift; build-word-clusters).
            .copy("Resources/word-clusters.bin"),
            // The relation judge of `khabar compare` (Dedupe/Relation/RelationModel.swift; train-relation).
            .copy("Resources/relation-model.tsv"),
        ]),
        // The desk's store in one SQLite file (GRDB; FTS5 with Khabar's tokenizer). Its own target:
        // GRDB's SQL operator overloads would slow type-checking across the whole library.
        .target(name: "KhabarSQLite", dependencies: [
            "Khabar", "KhabarText",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The desk's store on PostgreSQL: the same schema and search as SQLite (search terms in a
        // tsvector under a GIN index), plus the queue and lease that let several workers share it.
        .target(name: "KhabarPostgres", dependencies: [
            "Khabar", "KhabarText",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The story desk's HTTP side only: routes, pages, middleware, the feed poller over the library.
        .target(name: "KhabarServer", dependencies: [
            "Khabar", "KhabarSQLite",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [
            // The API's OpenAPI 3.1 document, served at /api/openapi.json (a test checks it against the routes).
            .copy("Resources/openapi.json"),
        ]),
        .executableTarget(name: "KhabarCLI", dependencies: [
            "Khabar", "KhabarServer", "KhabarSQLite", "KhabarPostgres",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "KhabarBench", dependencies: ["Khabar", "KhabarText"]),
        // Every parser that takes outside bytes as a fuzz target (scripts/fuzz.sh; the tests replay
        // the seeds and past findings in Fuzz/ through the same code).
        .target(name: "KhabarFuzzTargets", dependencies: ["Khabar", "KhabarSQLite"]),
        .testTarget(name: "KhabarTextTests", dependencies: ["KhabarText"]),
        .testTarget(name: "KhabarTests", dependencies: ["Khabar", "KhabarSQLite", "KhabarFuzzTargets"]),
        .testTarget(name: "KhabarSQLiteTests", dependencies: ["KhabarSQLite", "KhabarPostgres", "Khabar", "KhabarText"]),
        .testTarget(name: "KhabarServerTests", dependencies: [
            "KhabarServer", "Khabar", "KhabarSQLite", "KhabarText",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
    ]
)

// The fuzz targets (issue 14), only when scripts/fuzz.sh builds them with libFuzzer, which
// supplies `main`: an ordinary `swift build` would fail to link them.
if Context.environment["KHABAR_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "KhabarFuzz", dependencies: ["KhabarFuzzTargets"]))
    package.products.append(.executable(name: "khabar-fuzz", targets: ["KhabarFuzz"]))
}
