/// The four operations and negation, each with its local partial derivatives.
extension Value {
    /// ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1.
    public static func + (a: Value, b: Value) -> Value {
        a.binary(b, a.data + b.data, .one, .one)
    }

    /// ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1.
    public static func - (a: Value, b: Value) -> Value {
        a.binary(b, a.data - b.data, .one, -.one)
    }

    /// ∂(a b)/∂a = b, ∂(a b)/∂b = a.
    public static func * (a: Value, b: Value) -> Value {
        a.binary(b, a.data * b.data, b.data, a.data)
    }

    /// ∂(a / b)/∂a = 1/b, ∂(a / b)/∂b = −a/b².
    /// - Precondition: `b` is not zero when the scalar requires it (`Rational` does).
    public static func / (a: Value, b: Value) -> Value {
        let quotient = a.data / b.data
        return a.binary(b, quotient, .one / b.data, -quotient / b.data)
    }

    /// ∂(−a)/∂a = −1.
    public static prefix func - (a: Value) -> Value {
        a.unary(-a.data, derivative: -.one)
    }
}
