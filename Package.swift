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
        ]),
        .executableTarget(name: "KhabarCLI", dependencies: [
            "Khabar",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "KhabarBench", dependencies: ["Khabar", "KhabarText"]),
        .testTarget(name: "KhabarTextTests", dependencies: ["KhabarText"]),
        .testTarget(name: "KhabarTests", dependencies: ["Khabar"]),
    ]
)
