import Foundation
import Testing
import TestSupport

/// The handout as a student gets it: the reference numbers on the page, golden files,
/// identical bytes from separate processes, and errors that leave nothing behind.
@Suite("gradgen handout")
struct HandoutCommandTests {
    /// Runs `gradgen handout … -o name` in a fresh folder and returns the file's text.
    func handout(_ arguments: [String], name: String = "handout.tex") throws -> (text: String, run: CommandRun, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let run = try CommandRun.gradgen(["handout"] + arguments + ["-o", name], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let text = try String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8)
        return (text, run, folder)
    }

    @Test func referenceReLUShowsTheNotebookNumbers() throws {
        let (text, _, folder) = try handout(["--example", "reference-relu"])
        defer { folder.remove() }
        // L = 29/2, the vec row of W1 before re-shaping, and every gradient in its shape.
        #expect(text.contains("L &= \\tfrac{1}{2}\\left\\lVert t - x_{3}\\right\\rVert^2 &\\qquad &= \\frac{29}{2}"))
        #expect(text.contains("\\frac{\\partial L}{\\partial \\operatorname{vec}\\left(W_{1}\\right)} &= \\begin{bmatrix} 0 & 0 & 13 & -1 & 26 & -2 \\end{bmatrix}"))
        #expect(text.contains("\\right)^{\\!\\top}\\right) &= \\begin{bmatrix} 0 & 13 & 26 \\\\ 0 & -1 & -2 \\end{bmatrix}"))
        #expect(text.contains("= \\begin{bmatrix} -4 & -4 \\\\ -10 & -10 \\end{bmatrix} && \\text{(R8, R11)}"))
        // Equation 23 of the notebook, with the Kronecker factor in block form, and the check.
        #expect(text.contains("&= -\\left(t - x_{3}\\right)^\\top\\,W_{2}\\,\\operatorname{diag}\\left(\\operatorname{relu}'\\left(z_{1}\\right)\\right)\\,\\left(x_{1}^\\top \\otimes I_{2}\\right)"))
        #expect(text.contains("&= \\begin{bmatrix} 0\\, I_{2} & I_{2} & 2\\, I_{2} \\end{bmatrix}"))
        #expect(text.contains("identical to the derivation's, exactly"))
    }

    /// Each δ is defined once, from the last layer down, before any gradient uses it; every
    /// gradient is δ_l x_lᵀ or δ_l, and the bias gradient is a column.
    @Test func oneBackwardPass() throws {
        let (text, _, folder) = try handout(["--example", "reference-relu"])
        defer { folder.remove() }
        let definitions = ["\\delta_{2} &= \\left(\\frac{\\partial L}{\\partial x_{3}}\\right)^{\\!\\top} = -\\left(t - x_{3}\\right) = \\begin{bmatrix} -2 \\\\ -5 \\end{bmatrix}",
                           "\\delta_{1} &= \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix} \\odot \\begin{bmatrix} 13 \\\\ -1 \\end{bmatrix} = \\begin{bmatrix} 13 \\\\ -1 \\end{bmatrix}"]
        let positions = try definitions.map { try #require(text.range(of: $0)).lowerBound }
        #expect(positions[0] < positions[1])
        for definition in definitions { #expect(text.components(separatedBy: definition).count == 2, "defined more than once: \(definition)") }
        let firstUse = try #require(text.range(of: "&= \\delta_{1}\\, x_{1}^\\top")).lowerBound
        #expect(positions[1] < firstUse)
        #expect(text.contains("\\frac{\\partial L}{\\partial b_{1}} &= \\delta_{1} = \\begin{bmatrix} 13 \\\\ -1 \\end{bmatrix}"))
        #expect(!text.contains("g_{1}"))
        // The walk-through is W1's alone by default.
        #expect(text.contains("\\heading{The Kronecker walk-through: $W_{1}$}"))
        #expect(!text.contains("\\partial \\operatorname{vec}\\left(W_{2}\\right)"))
    }

    @Test func walkthroughOptionChoosesTheWeights() throws {
        let (all, _, a) = try handout(["--example", "reference-relu", "--walkthrough", "all"])
        let (none, _, b) = try handout(["--example", "reference-relu", "--walkthrough", "none"])
        defer { a.remove(); b.remove() }
        #expect(all.contains("\\partial \\operatorname{vec}\\left(W_{2}\\right)"))
        #expect(all.contains("\\partial \\operatorname{vec}\\left(W_{1}\\right)"))
        #expect(!none.contains("\\operatorname{vec}\\left(W_{"))
        #expect(!none.contains("Kronecker walk-through"))
        let missing = try CommandRun.gradgen(["handout", "--example", "reference-relu", "--walkthrough", "W3", "-o", "h.tex"])
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("--walkthrough: the network has 2 layers, so there is no W3"))
        let bad = try CommandRun.gradgen(["handout", "--walkthrough", "b1", "-o", "h.tex"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--walkthrough: expected all, none or a weight such as W1, got \"b1\""))
    }

    /// Rules are numbered R1, R2, … without gaps; only the network's own loss rule and
    /// activation remarks appear.
    @Test func rulesAndRemarksFitTheNetwork() throws {
        let (tanh, _, folder) = try handout(["--random", "3", "--sizes", "3,4,2", "--hidden", "tanh"])
        defer { folder.remove() }
        let labels = tanh.components(separatedBy: "\n").filter { $0.hasPrefix("(R") }.map { $0.prefix { $0 != ")" } }
        #expect(labels == (1...labels.count).map { "(R\($0)" }[...].map { Substring($0) })
        #expect(!tanh.contains("relu'(0)") && !tanh.contains("operatorname{relu}'(0)"))
        #expect(tanh.contains("$\\tanh'(z) = 1 - \\tanh\\left(z\\right)^{2}$"))
        #expect(tanh.contains("\\emph{Drawn at random:} seed 3; 3-4-2; hidden activations drawn from \\{tanh\\}: tanh; output identity"))
        #expect(!tanh.contains("squared-error loss") || !tanh.contains("softmax cross-entropy."))
    }

    @Test func referenceSigmoidHasExactFormsAndDecimals() throws {
        let (text, _, folder) = try handout(["--example", "reference-sigmoid", "--digits", "8"])
        defer { folder.remove() }
        #expect(text.contains("L &= \\frac{10 e^{4} + 6 e^{2} + 1}{2 \\left(e^{2} + 1\\right)^{2}} \\approx 4.2011029"))
        #expect(text.contains("0.77737097"))
        #expect(text.contains("The exact value of every entry that is not rational"))
        // Every decimal keeps its requested digits: −1 to 8 digits is −1.0000000.
        #expect(text.contains("-1.0000000"))
        #expect(text.range(of: "[0-9]e-?[0-9]", options: .regularExpression) == nil)
        #expect(text.contains("Each of the 15 values lies within the rounding-error bound computed beside it (largest error "))
    }

    /// Tiny values print as m × 10⁻ⁿ with every requested digit, never in e-notation, and
    /// always after ≈; the drawn activations are stated.
    @Test func decimalsAreTypesetNotEscaped() throws {
        let (text, _, folder) = try handout(["--random", "11", "--sizes", "4,5,4,3", "--hidden", "relu,tanh"])
        defer { folder.remove() }
        #expect(text.contains("1.40694 \\times 10^{-15}"))
        #expect(text.range(of: "[0-9]e-?[0-9]", options: .regularExpression) == nil)
        #expect(text.range(of: "[^x]= -?[0-9]+\\.[0-9]", options: .regularExpression) == nil, "a decimal after =")
        #expect(text.contains("hidden activations drawn from \\{relu, tanh\\}: tanh, tanh"))
        #expect(!text.contains("relu'(0)"))
    }

    /// The appendix is generic; the course notebook's own names appear only on request.
    @Test func notebookRemarksAreOptional() throws {
        let (plain, _, a) = try handout(["--example", "reference-relu"])
        let (remarks, _, b) = try handout(["--example", "reference-relu", "--notebook-remarks"])
        defer { a.remove(); b.remove() }
        #expect(plain.contains("\\heading{Appendix: checking with NumPy or PyTorch}"))
        #expect(plain.contains("\\texttt{row.reshape(W.shape, order='F')}"))
        #expect(!plain.contains("dL\\_dW1") && !plain.contains("the notebook"))
        #expect(remarks.contains("\\texttt{dL\\_dW1.reshape(W1.shape[1], W1.shape[0])}"))
    }

    @Test func noValuesIsSymbolic() throws {
        let (text, _, folder) = try handout(["--example", "reference-relu", "--no-values"])
        defer { folder.remove() }
        #expect(text.contains("x_{1}^\\top \\otimes I_{2}"))
        #expect(!text.contains("Given"))
        #expect(!text.contains("29"))
        #expect(!text.contains("Check against"))
    }

    /// A 6×3 weight: its 1×18 row is cut into balanced blocks of whole columns of the
    /// weight only because it does not fit on one line.
    @Test func wideRowsAreSplitIntoBalancedBlocks() throws {
        let (text, _, folder) = try handout(["--random", "7", "--sizes", "3,6,3"])
        defer { folder.remove() }
        let head = "\\frac{\\partial L}{\\partial \\operatorname{vec}\\left(W_{1}\\right)} &= \\begin{aligned}"
        let start = try #require(text.range(of: head, options: .backwards))
        let end = try #require(text.range(of: "\\end{aligned}", range: start.upperBound..<text.endIndex))
        let row = text[start.lowerBound..<end.lowerBound]
        #expect(row.contains("\\text{\\footnotesize columns 1--6:}") || row.contains("\\text{\\footnotesize columns 1--12:}"))
        #expect(!row.contains("--5:}") && !row.contains("column 18:"))
    }

    /// The exercise sheet has blank cells sized to every quantity, gives only the rules to
    /// start with, and assumes no library; its solution is the same pages filled in.
    @Test func exerciseSheetHasBlanksAndItsSolutionFillsThem() throws {
        let (solution, run, folder) = try handout(["--example", "reference-relu", "--exercise"], name: "sheet.tex")
        defer { folder.remove() }
        #expect(run.standardOutput == "wrote sheet.tex\nwrote sheet-exercise.tex\nwrote sheet-exercise-solution.tex\n")
        let exercise = try String(contentsOf: folder.url.appendingPathComponent("sheet-exercise.tex"), encoding: .utf8)
        let filled = try String(contentsOf: folder.url.appendingPathComponent("sheet-exercise-solution.tex"), encoding: .utf8)
        #expect(solution.contains("\\frac{29}{2}"))
        #expect(exercise.contains("W_{1} &= \\begin{bmatrix} 3 & -1 & 1 \\\\ -5 & 2 & -1 \\end{bmatrix}"))
        for answer in ["\\frac{29}{2}", "{$13$}", "{$26$}", "x_{1}^\\top \\otimes I_{2}$", "Check against", "backward recursion", "Kronecker product and vec",
                       "gradient in the parameter's shape", "np.", "numpy", "torch"] {
            #expect(!exercise.contains(answer), "the exercise shows \(answer)")
        }
        // Blank cells: the forward pass (2+2+2+2 and L), 5 factor rows × 3 text cells, the
        // values of the factors (2 + 4 + 2 + 3), the row (6) and W1 (6), δ2 and δ1 (4), L
        // and every gradient (1 + 6 + 2 + 4 + 2).
        let blanks = exercise.components(separatedBy: "\\answercell{").count - 1
        #expect(blanks == 9 + 15 + 11 + 12 + 4 + 15)
        #expect(!exercise.contains("\\answercell{2.4em}{$"))
        // The solution has the same cells, filled, and the same page breaks.
        #expect(filled.components(separatedBy: "\\answercell{").count - 1 == blanks)
        #expect(filled.components(separatedBy: "\\clearpage").count == exercise.components(separatedBy: "\\clearpage").count)
        #expect(filled.contains("{$\\frac{29}{2}$}"))
        #expect(filled.contains("{$13$}") && filled.contains("{$-2$}"))
        #expect(filled.contains("{$x_{1}^\\top \\otimes I_{2}$}"))
    }

    @Test func separateProcessesWriteIdenticalBytes() throws {
        let arguments = ["--random", "3", "--sizes", "3,4,3,2", "--hidden", "tanh,sigmoid", "--exercise"]
        let (first, _, a) = try handout(arguments)
        let (second, _, b) = try handout(arguments)
        defer { a.remove(); b.remove() }
        #expect(first == second)
        let exercises = try [a, b].map { try Data(contentsOf: $0.url.appendingPathComponent("handout-exercise.tex")) }
        #expect(exercises[0] == exercises[1])
    }
}

/// The reference handouts byte for byte. Re-record with `GRADGEN_RECORD=1 swift test
/// --filter HandoutGoldenTests` after an intended change, and read the diff.
@Suite("gradgen handout golden files")
struct HandoutGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["GRADGEN_RECORD"] == "1" }

    @Test(arguments: ["reference-relu", "reference-sigmoid"])
    func matchesGolden(example: String) throws {
        try compare(["handout", "--example", example, "-o", "\(example).tex", "--exercise"],
                    files: ["\(example).tex"] + (example == "reference-relu" ? ["\(example)-exercise.tex", "\(example)-exercise-solution.tex"] : []))
    }

    /// A 2-variant exam: every file of its folder.
    @Test func examMatchesGolden() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["exam", "--variants", "2", "--seed", "2026", "-o", "exam"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let exam = folder.url.appendingPathComponent("exam")
        for name in try FileManager.default.contentsOfDirectory(atPath: exam.path).sorted() {
            try compareFile(exam.appendingPathComponent(name), golden: "exam/" + name)
        }
    }

    /// Runs gradgen in a fresh folder and compares each named file with Golden/.
    func compare(_ arguments: [String], files: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(arguments, in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        for name in files {
            try compareFile(folder.url.appendingPathComponent(name), golden: name)
        }
    }

    func compareFile(_ file: URL, golden name: String) throws {
        let produced = try Data(contentsOf: file)
        let golden = Self.folder.appendingPathComponent(name)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try produced.write(to: golden)
            return
        }
        let expected = try Data(contentsOf: golden)
        #expect(produced == expected, "differs from Golden/\(name); GRADGEN_RECORD=1 re-records it")
    }
}

/// Bad input: one line naming the place, a non-zero exit, and no file left behind.
@Suite("gradgen handout on bad input")
struct HandoutErrorTests {
    @Test func outputMustBeTeX() throws {
        let run = try CommandRun.gradgen(["handout", "-o", "handout.pdf"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Error: -o: expected a file name ending in .tex, got \"handout.pdf\""))
    }

    @Test func missingFolderIsNamed() throws {
        let run = try CommandRun.gradgen(["handout", "-o", "/nonexistent/folder/h.tex"])
        #expect(run.status == 1)
        #expect(run.standardError == "Error: /nonexistent/folder/h.tex: no such folder: /nonexistent/folder\n")
    }

    @Test func missingValuesWriteNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spec = try folder.write("spec.json", """
            {"input": 2, "layers": [{"size": 1, "activation": "identity"}]}
            """)
        let run = try CommandRun.gradgen(["handout", spec, "-o", "h.tex", "--exercise"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("Error: missing values: W1 (layers[0].W), b1 (layers[0].b), x, t"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["spec.json"])
        let symbolic = try CommandRun.gradgen(["handout", spec, "-o", "h.tex", "--no-values"], in: folder.url)
        #expect(symbolic.status == 0)
    }
}
