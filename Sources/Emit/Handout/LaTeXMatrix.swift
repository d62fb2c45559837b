/// A matrix of LaTeX cells laid out to fit the page: as one `bmatrix` when it fits, or cut
/// into blocks of columns, one under the other, each labelled with its columns. The 1×18
/// row of a 6×3 weight becomes three labelled blocks of 6 (one per column of the weight).
///
/// Widths are estimated in digit widths from the cells' visible characters, against a
/// budget that leaves room for the left side of an equation on a page with 1 in margins.
struct LaTeXMatrix {
    let cells: [[String]]
    /// Blocks prefer to hold whole groups of this many columns (the rows of a weight, for
    /// a vec row); 1 for no preference.
    var group = 1
    /// The widest block, in digit widths.
    var budget = LaTeXMatrix.pageBudget

    /// What a display beside a short left side holds, in digit widths (11 pt, 0.75 in margins).
    static let pageBudget = 72.0

    var rowCount: Int { cells.count }
    var columnCount: Int { cells.first?.count ?? 0 }

    /// The LaTeX (math mode).
    var latex: String {
        let blocks = columnBlocks()
        if blocks.count == 1 { return bmatrix(blocks[0]) }
        let lines = blocks.map { block in
            let label = block.count == 1 ? "column \(block.lowerBound + 1)" : "columns \(block.lowerBound + 1)--\(block.upperBound)"
            return "\\text{\\footnotesize \(label):}\\ \(bmatrix(block))"
        }
        return "\\begin{aligned}[t]&" + lines.joined(separator: "\\\\[3pt]\n&") + "\\end{aligned}"
    }

    /// Fractions get taller rows, so that numerators and denominators of neighbouring rows
    /// do not touch.
    private func bmatrix(_ columns: Range<Int>) -> String {
        let rows = cells.map { $0[columns].joined(separator: " & ") }
        let spec = columns.count > 10 ? "\\setcounter{MaxMatrixCols}{\(columns.count)}" : ""
        let body = spec + "\\begin{bmatrix} " + rows.joined(separator: " \\\\ ") + " \\end{bmatrix}"
        let hasFractions = cells.contains { row in row[columns].contains { $0.contains("\\frac") } }
        return hasFractions && rowCount > 1 ? "{\\renewcommand{\\arraystretch}{1.45}" + body + "}" : body
    }

    /// Ranges of columns: all of them when they fit; otherwise the fewest blocks that fit,
    /// balanced (their sizes differ by at most one group), whole groups where a group fits.
    func columnBlocks() -> [Range<Int>] {
        let widths = (0..<columnCount).map { j in cells.map { Self.width($0[j]) }.max() ?? 1 }
        func width(_ block: Range<Int>) -> Double { widths[block].reduce(0) { $0 + $1 + Self.separation } }
        if width(0..<columnCount) <= budget || columnCount <= 1 { return [0..<columnCount] }
        // Split blocks carry a label ("columns 6--10:") of about this many digit widths.
        let budget = budget - Self.labelWidth
        let groupSize = max(1, group)
        let groupWidth = stride(from: 0, to: columnCount, by: groupSize).map { width($0..<min($0 + groupSize, columnCount)) }.max() ?? 0
        let unit = groupWidth <= budget ? groupSize : 1
        let units = (columnCount + unit - 1) / unit
        for blockCount in 2...max(2, units) {
            // Units shared out as evenly as possible: the first blocks take one more.
            var blocks: [Range<Int>] = []
            var start = 0
            for index in 0..<blockCount {
                let count = units / blockCount + (index < units % blockCount ? 1 : 0)
                let end = min(start + count * unit, columnCount)
                if end > start { blocks.append(start..<end) }
                start = end
            }
            if blocks.allSatisfy({ width($0) <= budget }) || blockCount == units { return blocks }
        }
        return [0..<columnCount]
    }

    /// The width of a block's label, in digit widths.
    static let labelWidth = 9.0

    /// Space between columns, in digit widths.
    static let separation = 2.0

    /// The visible width of a cell in digit widths: a `\frac` counts as its wider part (it
    /// prints in text style inside a matrix), a command as one character, braces and
    /// scripts as nothing.
    static func width(_ latex: String) -> Double {
        if let (numerator, denominator) = simpleFraction(latex) {
            return (latex.hasPrefix("-") ? 1 : 0) + 0.8 * Double(max(numerator.count, denominator.count))
        }
        var text = latex
        for invisible in ["\\left", "\\right", "\\,", "\\!"] {
            text = text.replacingOccurrences(of: invisible, with: "")
        }
        text = text.replacingOccurrences(of: "\\\\(begin|end)\\{[a-z*]+\\}(\\[t\\])?", with: "", options: .regularExpression)
        // Superscripts and subscripts print smaller: 0.7 of a digit per character.
        var count = 0.0
        var inCommand = false
        var scriptDepth = 0
        var braceDepth = 0
        var scriptOpens: [Int] = []
        var pendingScript = false
        for character in text {
            let scale = scriptDepth > 0 ? 0.7 : 1
            switch character {
            case "^", "_":
                pendingScript = true
                inCommand = false
            case "{":
                braceDepth += 1
                if pendingScript { scriptOpens.append(braceDepth); scriptDepth += 1 }
                pendingScript = false
                inCommand = false
            case "}":
                if scriptOpens.last == braceDepth { scriptOpens.removeLast(); scriptDepth -= 1 }
                braceDepth -= 1
                inCommand = false
            case "\\":
                inCommand = true
                count += scale
                pendingScript = false
            default:
                if inCommand, character.isLetter { continue }
                inCommand = false
                count += (character == " " ? 0.3 : 1) * (pendingScript ? 0.7 : scale)
                pendingScript = false
            }
        }
        return count
    }

    /// Numerator and denominator of `\frac{a}{b}` or `-\frac{a}{b}` with plain a and b.
    private static func simpleFraction(_ latex: String) -> (Substring, Substring)? {
        var rest = latex.hasPrefix("-") ? latex.dropFirst() : latex[...]
        guard rest.hasPrefix("\\frac{") else { return nil }
        rest = rest.dropFirst("\\frac{".count)
        guard let close = rest.firstIndex(of: "}") else { return nil }
        let numerator = rest[..<close]
        rest = rest[rest.index(after: close)...]
        guard rest.hasPrefix("{"), rest.hasSuffix("}") else { return nil }
        let denominator = rest.dropFirst().dropLast()
        guard !numerator.contains("\\"), !denominator.contains("\\"), !denominator.contains("{") else { return nil }
        return (numerator, denominator)
    }
}
