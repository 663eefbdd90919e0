import ArgumentParser

/// An option whose value is one of an enum's raw values (`--kind safety|behavioral`).
///
/// ArgumentParser's own defaults for such enums build each value's text with
/// `String(describing:)`, which costs the runtime a search of every protocol conformance in
/// the binary the first time each type is described — on every run of every command that
/// declares such an option, for help text nobody asked for. These give the same strings
/// straight from the raw values: the `--help` of every command and the whole
/// `--experimental-dump-help` were byte-identical before and after (Benchmarks/RESULTS.md,
/// "Issue 21, fifth pass: start-up").
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceArgument {
    /// Every value as typed, in declaration order.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// None: a raw value is its own description.
    public static var allValueDescriptions: [String: String] { [:] }
    /// The value as typed.
    public var defaultValueDescription: String { rawValue }
}
