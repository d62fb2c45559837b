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
        #expect(text.contains("L = \\tfrac{1}{2}\\left\\lVert t - x_{3}\\right\\rVert^2 &= \\frac{29}{2}"))
        #expect(text.contains("\\frac{\\partial L}{\\partial \\operatorname{vec}\\left(W_{1}\\right)} &= \\begin{bmatrix} 0 & 0 & 13 & -1 & 26 & -2 \\end{bmatrix}"))
        #expect(text.contains("\\right)^{\\!\\top}\\right) &= \\begin{bmatrix} 0 & 13 & 26 \\\\ 0 & -1 & -2 \\end{bmatrix}"))
        #expect(text.contains("&= \\begin{bmatrix} -4 & -4 \\\\ -10 & -10 \\end{bmatrix}"))
        #expect(text.contains("\\delta_{1} &= \\begin{bmatrix} 13 \\\\ -1 \\end{bmatrix}"))
        #expect(text.contains("\\delta_{2} &= \\begin{bmatrix} -2 \\\\ -5 \\end{bmatrix}"))
        // The notebook's row-major reshape, the transpose.
        #expect(text.contains("\\texttt{reshape}(3, 2) &= \\begin{bmatrix} 0 & 0 \\\\ 13 & -1 \\\\ 26 & -2 \\end{bmatrix}"))
        // Equation 23 of the notebook, and the check.
        #expect(text.contains("&= -\\left(t - x_{3}\\right)^\\top\\,W_{2}\\,\\operatorname{diag}\\left(\\operatorname{relu}'\\left(z_{1}\\right)\\right)\\,\\left(x_{1}^\\top \\otimes I_{2}\\right)"))
        #expect(text.contains("identical to the derivation's, exactly"))
    }

    @Test func referenceSigmoidHasExactFormsAndDecimals() throws {
        let (text, _, folder) = try handout(["--example", "reference-sigmoid", "--digits", "8"])
        defer { folder.remove() }
        #expect(text.contains("\\approx 4.2011029"))
        #expect(text.contains("\\frac{10 e^{4} + 6 e^{2} + 1}{2 \\left(e^{2} + 1\\right)^{2}}"))
        #expect(text.contains("0.77737097"))
        #expect(text.contains("Exact forms of the entries"))
        #expect(text.contains("Each of the 15 values lies within the rounding-error bound computed beside it (largest error "))
    }

    @Test func noValuesIsSymbolic() throws {
        let (text, _, folder) = try handout(["--example", "reference-relu", "--no-values"])
        defer { folder.remove() }
        #expect(text.contains("x_{1}^\\top \\otimes I_{2}"))
        #expect(!text.contains("Given values"))
        #expect(!text.contains("29"))
        #expect(!text.contains("Check against"))
    }

    @Test func exerciseSheetHasNoAnswers() throws {
        let (solution, run, folder) = try handout(["--example", "reference-relu", "--exercise"], name: "sheet.tex")
        defer { folder.remove() }
        #expect(run.standardOutput == "wrote sheet.tex\nwrote sheet-exercise.tex\n")
        let exercise = try String(contentsOf: folder.url.appendingPathComponent("sheet-exercise.tex"), encoding: .utf8)
        #expect(solution.contains("\\frac{29}{2}"))
        #expect(exercise.contains("\\section*{Tasks}"))
        #expect(exercise.contains("W_{1} &= \\begin{bmatrix} 3 & -1 & 1 \\\\ -5 & 2 & -1 \\end{bmatrix}"))
        for answer in ["\\frac{29}{2}", "13 & -1", "26", "\\otimes I_{2}\\right)", "Check against"] {
            #expect(!exercise.contains(answer), "the exercise shows \(answer)")
        }
    }

    /// A 6×3 weight: its 1×18 row and the 6×18 Kronecker factor are cut into labelled
    /// blocks of whole columns of the weight.
    @Test func wideRowsAreSplitIntoBlocks() throws {
        let (text, _, folder) = try handout(["--random", "7", "--sizes", "3,6,3"])
        defer { folder.remove() }
        // The row (the last display of ∂L/∂vec(W1) split into blocks), up to its end.
        let head = "\\frac{\\partial L}{\\partial \\operatorname{vec}\\left(W_{1}\\right)} &= \\begin{aligned}"
        let start = try #require(text.range(of: head, options: .backwards))
        let end = try #require(text.range(of: "\\end{aligned}", range: start.upperBound..<text.endIndex))
        let row = text[start.lowerBound..<end.lowerBound]
        #expect(row.contains("\\text{\\footnotesize columns 1--6:}"))
        #expect(row.contains("\\text{\\footnotesize columns 7--12:}"))
        #expect(row.contains("\\text{\\footnotesize columns 13--18:}"))
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
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let name = "\(example).tex"
        let run = try CommandRun.gradgen(["handout", "--example", example, "-o", name], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let produced = try Data(contentsOf: folder.url.appendingPathComponent(name))
        let golden = Self.folder.appendingPathComponent(name)
        if Self.recording {
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
