#!/usr/bin/env bash
# The review screen's line diff (TenetUI/Text/LineDiff.swift) against the quadratic LCS
# table it replaced (commit 3c8b604), on answers of 250 to 128,000 lines with three edits.
# Compiles both files and a driver with `swiftc -O` in a scratch folder; prints the best
# of 5 CPU times per size (CPU, not wall: it reads the same on a loaded machine).
#   Benchmarks/line-diff-scaling.sh            (from the package root)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip_public() { sed 's/^public enum LineDiff {/enum LineDiff {/; s/^    public enum Line:/    enum Line:/; s/^    public static func/    static func/'; }
{
  strip_public < Sources/TenetUI/Text/LineDiff.swift
  git show 3c8b604:Sources/TenetUI/Text/LineDiff.swift | strip_public | sed 's/^enum LineDiff {/enum OldLineDiff {/'
  cat <<'SWIFT'
import Foundation
func texts(_ n: Int) -> (String, String) {
    let old = (0..<n).map { "line \($0) of the answer" }
    var new = old
    new[n / 10] = "changed"; new.insert("inserted", at: n / 2); new.remove(at: n - n / 10)
    return (old.joined(separator: "\n"), new.joined(separator: "\n"))
}
func cpuMilliseconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<5 { let t = clock(); body(); best = min(best, Double(clock() - t) / Double(CLOCKS_PER_SEC)) }
    return best * 1000
}
for n in [250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000] {
    let (a, b) = texts(n)
    let new = cpuMilliseconds { _ = LineDiff.lines(a, b) }
    var line = String(format: "%7d lines, 3 edits: difference(from:) %8.2f ms", n, new)
    if n <= 1000 {
        let old = cpuMilliseconds { _ = OldLineDiff.lines(a, b) }
        let same = "\(LineDiff.lines(a, b)!)" == "\(OldLineDiff.lines(a, b)!)".replacingOccurrences(of: "OldLineDiff", with: "LineDiff")
        line += String(format: "   LCS table %8.2f ms (%.1f×)  %@", old, old / new, same ? "same lines" : "DIFFERENT LINES")
    } else {
        line += "   LCS table: no diff (over its million line pairs)"
    }
    print(line)
}
SWIFT
} > "$work/main.swift"
swiftc -O "$work/main.swift" -o "$work/line-diff-scaling"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/line-diff-scaling"
