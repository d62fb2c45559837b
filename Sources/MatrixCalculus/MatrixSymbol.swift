/// A named matrix with a shape: x1 ∈ ℝ^{3×1}, W1 ∈ ℝ^{2×3}, z1, t, L.
///
/// Its entries are scalar symbols named as Network's `Derivation` names them (`W1_0_2`,
/// `x1_1`, `t_0`, 0-based in code, 1-based in LaTeX), so that one set of bindings evaluates
/// both derivations and they can be compared entry by entry.
public struct MatrixSymbol: Hashable, Sendable {
    /// Plain name: `W1`, `x1`, `t`, `delta2`.
    public let name: String
    /// LaTeX: `W_{1}`, `x_{1}`, `t`, `\delta_{2}`.
    public let latex: String
    /// Rows × columns.
    public let shape: Shape
    /// The entries' name stem (`W1` gives `W1_0_2`) and LaTeX stem (`W^{(1)}` gives
    /// `W^{(1)}_{1,3}`).
    public let entryStem: String
    /// The entries' LaTeX stem (see `entryStem`).
    public let entryLaTeXStem: String

    /// A symbol; the entry stems default to `name` and `latex`.
    public init(name: String, latex: String, shape: Shape, entryStem: String? = nil, entryLaTeXStem: String? = nil) {
        self.name = name
        self.latex = latex
        self.shape = shape
        self.entryStem = entryStem ?? name
        self.entryLaTeXStem = entryLaTeXStem ?? latex
    }

    /// The name of entry (i, j), both from 0: `W1_0_2`, or `x1_1` for a column vector.
    public func entryName(_ i: Int, _ j: Int) -> String {
        shape.isColumnVector ? "\(entryStem)_\(i)" : "\(entryStem)_\(i)_\(j)"
    }

    /// The LaTeX of entry (i, j), 1-based: `W^{(1)}_{1,3}`, `x^{(1)}_{2}`.
    public func entryLaTeX(_ i: Int, _ j: Int) -> String {
        shape.isColumnVector ? "\(entryLaTeXStem)_{\(i + 1)}" : "\(entryLaTeXStem)_{\(i + 1),\(j + 1)}"
    }
}
