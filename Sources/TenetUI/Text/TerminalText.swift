// The workbench draws with the same terminal-safe text and widths as the command line;
// they live in TenetSpec, the lowest module every output path reaches.
@_exported import enum TenetSpec.SafeText
@_exported import enum TenetSpec.DisplayWidth
