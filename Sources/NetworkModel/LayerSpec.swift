import Exact

/// One layer `x_{l+1} = f_l(W_l x_l + b_l)` of a network spec.
///
/// Weights and bias are optional because a symbolic derivation needs only the shapes; a
/// numeric one calls `NetworkSpec.requireValues()`. Shapes are checked by `NetworkSpec`,
/// which knows the size of the layer before.
public struct LayerSpec: Sendable, Hashable {
    /// n_l, the number of units (rows of W_l).
    public var size: Int
    /// f_l.
    public var activation: Activation
    /// W_l, n_l × n_{l−1}.
    public var weights: RationalMatrix?
    /// b_l, n_l values.
    public var bias: [Rational]?

    /// A layer of `size` units; weights and bias may be left out for a symbolic derivation.
    public init(size: Int, activation: Activation, weights: RationalMatrix? = nil, bias: [Rational]? = nil) {
        self.size = size
        self.activation = activation
        self.weights = weights
        self.bias = bias
    }

    /// Whether both W_l and b_l are given.
    public var hasValues: Bool { weights != nil && bias != nil }
}
