// The libFuzzer binary (built only by scripts/fuzz.sh, with -sanitize=fuzzer,address). One binary
// holds every target; KHABAR_FUZZ_TARGET picks one, so the sanitised library is built once.
import Foundation
import KhabarFuzzTargets

nonisolated(unsafe) var selected: FuzzTarget?

/// libFuzzer's driver. SwiftPM points an executable's `main` at `KhabarFuzz_main`, so libFuzzer's
/// own `main` does not run: this one hands over to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("KhabarFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["KHABAR_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.named(name) else {
        let list = FuzzTargets.all.map { "  \($0.name): \($0.about)" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("khabar-fuzz: set KHABAR_FUZZ_TARGET to one of\n\(list)\n".utf8))
        return 2
    }
    selected = target
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzerTestOneInput)
}

/// One input; a property that does not hold stops the run (libFuzzer keeps the input as a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let target = selected else { return 0 }
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    if let failure = target.run(data) {
        FileHandle.standardError.write(Data("khabar-fuzz \(target.name): property failed: \(failure)\n".utf8))
        abort()
    }
    return 0
}
