import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// Old → new values, one field per block.
enum FieldDiffPrinter {
    static func print(_ fields: [FieldChange], style: TreeStyle, skipBulky: Bool = false) {
        for change in fields {
            if let described = ExampleChanges.lines(field: change.field, old: change.old, new: change.new), !(skipBulky && change.old == .null) {
                Output.write("  " + change.field + "\n", styled: true)
                for line in described { Output.write("    " + style.paint("~ " + short(line), "33") + "\n", styled: true) }
                continue
            }
            if skipBulky, change.old == .null {
                Output.write("  " + style.paint("+ \(change.field)", "32") + style.dim(" = ") + short(change.new.display) + "\n", styled: true)
                continue
            }
            Output.write("  " + change.field + "\n", styled: true)
            Output.write("    " + style.paint("- " + short(change.old.display), "31") + "\n", styled: true)
            Output.write("    " + style.paint("+ " + short(change.new.display), "32") + "\n", styled: true)
        }
    }

    static func short(_ text: String) -> String {
        let clean = SafeText.visible(text)
        return clean.count > 300 ? String(clean.prefix(299)) + "…" : clean
    }
}
