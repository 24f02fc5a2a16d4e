import Foundation

/// vlmbot's fuzz target. Built by `scripts/fuzz` with libFuzzer (`-sanitize=fuzzer
/// -DFUZZING`), it hands its arguments to libFuzzer's driver, which calls `FuzzChecks` on
/// every input it makes; built normally, it replays inputs: `vlmbot-fuzz FILE...` runs each
/// through `FuzzChecks` and exits 1 when a property fails, so every past finding stays a
/// regression test.
@main
enum FuzzEntry {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { start, count in
            let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
            let problems = FuzzChecks.violations(of: bytes)
            // libFuzzer keeps the input of a crash: a failed property is one.
            if !problems.isEmpty { fatalError(problems.joined(separator: "; ")) }
            return 0
        })
        #else
        var failed = false
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("vlmbot-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            let problems = FuzzChecks.violations(of: Array(data))
            for problem in problems { print("\(path): \(problem)") }
            failed = failed || !problems.isEmpty
        }
        exit(failed ? 1 : 0)
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver (compiler-rt's FuzzerDriver), for a program with a main of its own.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
