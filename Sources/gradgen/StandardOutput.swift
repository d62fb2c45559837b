#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Standard output is buffered: a write that fails (a full disk, `> /dev/full`) is only seen
/// when the buffer is flushed, so the command flushes it before exiting and checks.
enum StandardOutput {
    /// Flushes standard output; on a write error prints the reason and exits with 74 (EX_IOERR).
    static func requireWritten() {
        if fflush(stdout) == 0, ferror(stdout) == 0 { return }
        let reason = String(cString: strerror(errno))
        printToStandardError("Error: cannot write the output to standard output: \(reason)")
        exit(74)
    }
}
