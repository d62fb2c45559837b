import Foundation
import Testing
import TestSupport

/// Where python3 with NumPy is, when it is installed.
enum PythonInstallation {
    static let python: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let python = folders.map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        return (try? run(python, ["-c", "import numpy"]).status) == 0 ? python : nil
    }()

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// `gradgen handout --notebook`: a valid nbformat 4 notebook whose code cells, run in
/// order, build every Jacobian with NumPy and pass every assertion against the exact answers.
@Suite("gradgen handout --notebook")
struct NotebookTests {
    /// Writes the notebook and returns its parsed JSON and the code cells joined in order.
    func notebook(_ arguments: [String]) throws -> (json: [String: Any], code: String, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let run = try CommandRun.gradgen(["handout"] + arguments + ["-o", "h.tex", "--notebook"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "wrote h.tex\nwrote h.ipynb\n")
        let data = try Data(contentsOf: folder.url.appendingPathComponent("h.ipynb"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let code = try cells.filter { $0["cell_type"] as? String == "code" }.map { cell in
            try #require(cell["source"] as? [String]).joined()
        }.joined(separator: "\n\n")
        return (json, code, folder)
    }

    @Test func isNbformat4() throws {
        let (json, code, folder) = try notebook(["--example", "reference-relu"])
        defer { folder.remove() }
        #expect(json["nbformat"] as? Int == 4)
        #expect(json["metadata"] is [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count >= 6)
        for cell in cells {
            let type = try #require(cell["cell_type"] as? String)
            #expect(type == "code" || type == "markdown")
            #expect(cell["source"] is [String] && cell["metadata"] is [String: Any])
            if type == "code" {
                #expect(cell["outputs"] is [Any])
                #expect(cell["execution_count"] is NSNull)
            }
        }
        #expect(code.contains("np.kron(x1.T, identity_matrix(2))"))
        #expect(code.contains("assert same(dL_dW1, np.array([[F(0), F(13), F(26)], [F(0), F(-1), F(-2)]], dtype=object))"))
        #expect(code.contains("import torch"))
    }

    @Test(.enabled(if: PythonInstallation.python != nil, "python3 with numpy is not installed: the notebook's cells are not run"),
          arguments: [["--example", "reference-relu"], ["--example", "reference-sigmoid"],
                      ["--random", "4", "--sizes", "3,4,4,2", "--hidden", "leaky_relu", "--loss", "mse"],
                      ["--random", "11", "--sizes", "4,5,4,3", "--hidden", "relu,tanh"]])
    func codeCellsPassEveryAssertion(arguments: [String]) throws {
        let (_, code, folder) = try notebook(arguments)
        defer { folder.remove() }
        let script = try folder.write("cells.py", code)
        let (status, output) = try PythonInstallation.run(try #require(PythonInstallation.python), [script])
        #expect(status == 0, "\(output)")
        #expect(output.contains("dL/dW1 ="))
        #expect(output.contains("PyTorch is not installed: the PyTorch check is skipped.") || output.contains("PyTorch agrees"), "\(output)")
    }
}
