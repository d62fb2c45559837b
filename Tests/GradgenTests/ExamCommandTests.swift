import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `gradgen exam`: every file of the folder, checked against `gradgen eval` and parsed as
/// the tools that read it would; the same bytes from separate processes; bad requests
/// refused at once with nothing written.
@Suite("gradgen exam")
struct ExamCommandTests {
    static let arguments = ["exam", "--variants", "2", "--seed", "2026", "-o", "exam"]

    /// Runs `gradgen exam` in a fresh folder; returns the folder.
    func exam(_ arguments: [String] = ExamCommandTests.arguments) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let run = try CommandRun.gradgen(arguments, in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        return folder
    }

    func text(_ folder: TemporaryFolder, _ name: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent("exam/" + name), encoding: .utf8)
    }

    @Test func writesEveryFile() throws {
        let folder = try exam()
        defer { folder.remove() }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("exam").path).sorted()
        #expect(files == ["answer-key.csv", "answer-key.json", "quiz.xml",
                          "variant-01-solution.tex", "variant-01.json", "variant-01.tex",
                          "variant-02-solution.tex", "variant-02.json", "variant-02.tex"])
        // No staging folder is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["exam"])
        let sheet = try text(folder, "variant-01.tex")
        #expect(sheet.contains("exam (seed 2026), variant 1 of 2"))
        #expect(sheet.contains("\\answercell{"))
        #expect(!sheet.contains("Check against"))
    }

    /// Every entry of the answer key is what `gradgen eval` computes from that variant's spec.
    @Test func answerKeyAgreesWithEval() throws {
        let folder = try exam()
        defer { folder.remove() }
        let key = try #require(try JSONSerialization.jsonObject(with: Data(text(folder, "answer-key.json").utf8)) as? [[String: Any]])
        let csv = try text(folder, "answer-key.csv").split(separator: "\n")
        #expect(csv.first == "variant,parameter,entry,exact,decimal")
        #expect(csv.count == key.count + 1)
        var variants: [String] = []
        for variant in 1...2 {
            let spec = folder.url.appendingPathComponent("exam/variant-0\(variant).json").path
            variants.append(try String(contentsOfFile: spec, encoding: .utf8))
            let run = try CommandRun.gradgen(["eval", spec, "--format", "json", "--digits", "12"])
            #expect(run.status == 0, "\(run.standardError)")
            let eval = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let gradients = try #require(eval["gradients"] as? [String: Any])
            let rows = key.filter { ($0["variant"] as? Int) == variant }
            let entries = 1 + 6 + 2 + 4 + 2
            #expect(rows.count == entries)
            for row in rows {
                let parameter = try #require(row["parameter"] as? String)
                let entry = try #require(row["entry"] as? String)
                let expected: [String: Any]
                if parameter == "L" {
                    expected = try #require(eval["loss"] as? [String: Any])
                } else {
                    let indices = entry.drop { $0 != "[" }.dropFirst().dropLast().split(separator: ",").map { Int($0)! - 1 }
                    if parameter.hasPrefix("W") {
                        let matrix = try #require(gradients[parameter] as? [[[String: Any]]])
                        expected = matrix[indices[0]][indices[1]]
                    } else {
                        let vector = try #require(gradients[parameter] as? [[String: Any]])
                        expected = vector[indices[0]]
                    }
                }
                #expect(row["exact"] as? String == expected["exact"] as? String, "variant \(variant) \(entry)")
                #expect(row["decimal"] as? String == expected["decimal"] as? String, "variant \(variant) \(entry)")
                // Nice: bounded, and denominators of at most 10 (these networks are rational).
                let exact = try #require(row["exact"] as? String)
                let parts = exact.split(separator: "/").map { Double($0)! }
                let denominator = parts.count > 1 ? parts[1] : 1
                #expect(abs(parts[0] / denominator) <= 100)
                #expect(denominator <= 10)
            }
        }
        #expect(variants[0] != variants[1])
    }

    /// The quiz is well-formed XML; every numerical question has a name, a text, an answer
    /// and a tolerance.
    @Test func moodleQuizIsWellFormed() throws {
        let folder = try exam()
        defer { folder.remove() }
        let data = Data(try text(folder, "quiz.xml").utf8)
        let reader = QuizReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(reader.root == "quiz")
        #expect(reader.questions.count == 2 * (1 + 4))
        for question in reader.questions {
            #expect(!question.name.isEmpty && !question.text.isEmpty)
            #expect(Double(question.answer) != nil, "\(question.name): answer \(question.answer)")
            #expect((Double(question.tolerance) ?? 0) > 0, "\(question.name): tolerance \(question.tolerance)")
        }
    }

    @Test func separateProcessesWriteIdenticalBytes() throws {
        let (a, b) = (try exam(), try exam())
        defer { a.remove(); b.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: a.url.appendingPathComponent("exam").path) {
            #expect(try text(a, name) == text(b, name), "\(name) differs")
        }
    }

    @Test(arguments: [
        (["--variants", "0", "--seed", "1"], "Error: --variants: expected 1 to 60, got 0"),
        (["--variants", "61", "--seed", "1"], "Error: --variants: expected 1 to 60, got 61"),
        // One hidden ReLU unit is never both active and inactive.
        (["--variants", "2", "--seed", "1", "--sizes", "3,1,2"],
         "Error: no nice variant 1 in 400 draws for sizes 3,1,2: 217 of them had a parameter whose gradient is all zero"),
        (["--variants", "2", "--seed", "1", "--hidden", "cosine"], "Error: --hidden: unknown activation \"cosine\""),
    ])
    func badRequestsWriteNothing(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["exam"] + arguments + ["-o", "exam"], in: folder.url)
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix(message), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("exam"), withIntermediateDirectories: false)
        _ = try folder.write("exam/notes.txt", "mine")
        let run = try CommandRun.gradgen(ExamCommandTests.arguments, in: folder.url)
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("Error: -o: exam exists and is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("exam").path) == ["notes.txt"])
    }
}

/// Collects the numerical questions of a Moodle XML quiz.
final class QuizReader: NSObject, XMLParserDelegate {
    struct Question {
        var name = ""
        var text = ""
        var answer = ""
        var tolerance = ""
    }

    var root = ""
    var questions: [Question] = []
    private var path: [String] = []
    private var current: Question?
    private var characters = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if path.isEmpty { root = element }
        path.append(element)
        characters = ""
        if element == "question", attributes["type"] == "numerical" { current = Question() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { characters += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.dropLast().last ?? ""
        let grandparent = path.dropLast(2).last ?? ""
        let text = characters.trimmingCharacters(in: .whitespacesAndNewlines)
        if current != nil, element == "text" {
            switch parent {
            case "name": current!.name = text
            case "questiontext": current!.text = text
            case "answer" where grandparent == "question": current!.answer = text
            default: break
            }
        }
        if current != nil, element == "tolerance" { current!.tolerance = text }
        if element == "question", let question = current {
            questions.append(question)
            current = nil
        }
        path.removeLast()
        characters = ""
    }
}
