/// The named rules of matrix calculus that a derivation cites, in numerator layout
/// (∂y/∂x is dim(y) × dim(x); ∂L/∂x of a scalar L is a row) with column-major vec.
///
/// A table rather than prose so that every step of a derivation can say which rule it
/// used, and the handout can print the table once and refer to it (as egg's named
/// rewrites let a proof cite its rules).
public enum JacobianRule: String, CaseIterable, Sendable {
    case halfSumSquaresLoss
    case meanSquaredErrorLoss
    case softmaxCrossEntropyLoss
    case elementwise
    case identityFunction
    case affineInput
    case affineWeights
    case affineBias
    case chainRule
    case kroneckerVec
    case transposeOfProduct
    case backwardRecursion
    case reshape

    /// A short label to cite: `(J1)`, … in the order of `allCases`.
    public var label: String { "J\(JacobianRule.allCases.firstIndex(of: self)! + 1)" }

    /// What the rule is called.
    public var title: String {
        switch self {
        case .halfSumSquaresLoss: "squared-error loss"
        case .meanSquaredErrorLoss: "mean squared error"
        case .softmaxCrossEntropyLoss: "softmax cross-entropy"
        case .elementwise: "elementwise function"
        case .identityFunction: "identity activation"
        case .affineInput: "affine map, input"
        case .affineWeights: "affine map, weights"
        case .affineBias: "affine map, bias"
        case .chainRule: "chain rule"
        case .kroneckerVec: "Kronecker product and vec"
        case .transposeOfProduct: "transpose of a product"
        case .backwardRecursion: "backward recursion"
        case .reshape: "gradient in the parameter's shape"
        }
    }

    /// The rule as a LaTeX formula (math mode).
    public var latex: String {
        switch self {
        case .halfSumSquaresLoss:
            "\\frac{\\partial}{\\partial y}\\,\\tfrac{1}{2}\\lVert t - y\\rVert^2 = -(t - y)^\\top"
        case .meanSquaredErrorLoss:
            "\\frac{\\partial}{\\partial y}\\,\\tfrac{1}{n}\\lVert t - y\\rVert^2 = -\\tfrac{2}{n}(t - y)^\\top"
        case .softmaxCrossEntropyLoss:
            "\\frac{\\partial}{\\partial y}\\left(-t^\\top \\log\\operatorname{softmax}(y)\\right) = \\left(\\operatorname{softmax}(y) - t\\right)^\\top \\text{ when } \\mathbf{1}^\\top t = 1"
        case .elementwise:
            "\\frac{\\partial f(z)}{\\partial z} = \\operatorname{diag}\\left(f'(z)\\right)"
        case .identityFunction:
            "\\frac{\\partial x}{\\partial z} = I \\quad (x = z)"
        case .affineInput:
            "\\frac{\\partial (W x + b)}{\\partial x} = W"
        case .affineWeights:
            "\\frac{\\partial (W x + b)}{\\partial \\operatorname{vec}(W)} = x^\\top \\otimes I_n \\quad (W \\text{ is } n \\times m)"
        case .affineBias:
            "\\frac{\\partial (W x + b)}{\\partial b} = I_n"
        case .chainRule:
            "\\frac{\\partial L}{\\partial \\theta} = \\frac{\\partial L}{\\partial u}\\,\\frac{\\partial u}{\\partial \\theta}"
        case .kroneckerVec:
            "g\\,(x^\\top \\otimes I_n) = \\operatorname{vec}\\left(g^\\top x^\\top\\right)^\\top \\quad (g \\text{ is } 1 \\times n)"
        case .transposeOfProduct:
            "(A B)^\\top = B^\\top A^\\top, \\quad \\operatorname{diag}(v)^\\top = \\operatorname{diag}(v)"
        case .backwardRecursion:
            "\\delta_l = \\left(\\frac{\\partial L}{\\partial z_l}\\right)^{\\!\\top} = \\operatorname{diag}\\left(f_l'(z_l)\\right) W_{l+1}^\\top \\delta_{l+1}"
        case .reshape:
            "\\frac{\\partial L}{\\partial W} = \\operatorname{vec}^{-1}_{n \\times m}\\left(\\left(\\frac{\\partial L}{\\partial \\operatorname{vec}(W)}\\right)^{\\!\\top}\\right)"
        }
    }

    /// Why it holds or what it means, in one sentence (LaTeX text mode).
    public var explanation: String {
        switch self {
        case .halfSumSquaresLoss:
            "$\\partial L/\\partial y_i = -(t_i - y_i)$, written as a row."
        case .meanSquaredErrorLoss:
            "$\\partial L/\\partial y_i = -\\tfrac{2}{n}(t_i - y_i)$, written as a row."
        case .softmaxCrossEntropyLoss:
            "$\\partial L/\\partial y_i = (\\sum_k t_k)\\operatorname{softmax}(y)_i - t_i$; the target is a distribution, so $\\sum_k t_k = 1$."
        case .elementwise:
            "Output $i$ depends only on input $i$, so the Jacobian is diagonal."
        case .identityFunction:
            "An affine last layer ($x = z$) contributes the identity, which the products below omit."
        case .affineInput:
            "$\\partial (Wx + b)_i/\\partial x_j = W_{ij}$."
        case .affineWeights:
            "$\\partial (Wx)_i/\\partial W_{kj} = [i = k]\\,x_j$; with $W$'s columns stacked, block $j$ is $x_j I_n$."
        case .affineBias:
            "$\\partial (Wx + b)_i/\\partial b_k = [i = k]$."
        case .chainRule:
            "In numerator layout the Jacobians multiply from the loss towards the parameter."
        case .kroneckerVec:
            "Block $j$ of the row is $x_j\\,g$, which is column $j$ of $g^\\top x^\\top$."
        case .transposeOfProduct:
            "Turns the row $\\partial L/\\partial z_l$ into the column $\\delta_l$."
        case .backwardRecursion:
            "The tail of the transposed product is $\\delta_{l+1}$; for the last layer, $\\delta_L = \\operatorname{diag}(f_L'(z_L))\\,(\\partial L/\\partial x_{L+1})^\\top$."
        case .reshape:
            "Entry $(i, j)$ of the gradient is entry $i + n(j - 1)$ of the row: the row is cut into columns of $n$."
        }
    }
}
