import Exact
import Symbolic

/// A number computed from a derivation: exact where it is rational (29/2), otherwise an
/// exact closed form — a rational function of e where there is one
/// ((10e^4 + 6e^2 + 1)/(2(e^2 + 1)^2)), else the expression with the spec's numbers in it —
/// and always its decimal expansion, correctly rounded to the requested digits.
///
/// A rational value keeps only the number and formats its texts when asked: a wide network
/// has millions of them, and most reports print one form of each.
public struct ExactValue: Sendable, Hashable {
    /// The value, when it is rational.
    public let rational: Rational?
    private let text: Text

    /// The texts of a value: formatted on demand for a rational, given for a closed form.
    private enum Text: Sendable, Hashable {
        case rational(significantDigits: Int)
        case closedForm(exact: String, latex: String, decimal: String)
    }

    /// A rational value, its decimal to `significantDigits` digits.
    public init(rational: Rational, significantDigits: Int) {
        self.rational = rational
        text = .rational(significantDigits: significantDigits)
    }

    /// A value that is not rational, with its texts.
    public init(exact: String, latex: String, decimal: String) {
        rational = nil
        text = .closedForm(exact: exact, latex: latex, decimal: decimal)
    }

    /// Exact plain text: "29/2", or the closed form.
    public var exact: String {
        switch text {
        case .rational: rational!.description
        case let .closedForm(exact, _, _): exact
        }
    }

    /// Exact LaTeX: "\frac{29}{2}", or the closed form.
    public var latex: String {
        switch text {
        case .rational: rational!.latex()
        case let .closedForm(_, latex, _): latex
        }
    }

    /// The decimal expansion.
    public var decimal: String {
        switch text {
        case let .rational(digits): rational!.decimal(significantDigits: digits)
        case let .closedForm(_, _, decimal): decimal
        }
    }
}

/// The forward pass, the loss and every gradient of a network at its spec's numbers.
public struct ExactEvaluation {
    /// z_l for each layer.
    public let preActivations: [[ExactValue]]
    /// x_1 (the input) … x_{L+1} (the output).
    public let activations: [[ExactValue]]
    public let loss: ExactValue
    /// ∂L/∂θ per parameter, row-major in the parameter's shape.
    public let gradients: [(parameter: Parameter, values: [ExactValue])]

    /// Evaluates `spec` at `values`, with decimals of `significantDigits` digits: by matrix
    /// backpropagation over `Rational` when the network is rational (no expression DAG, so a
    /// 4096-4096-10 network takes seconds), else through its `Derivation`.
    /// - Throws: `SymbolicError` when a value has no meaning (see the other initializer).
    public init(spec: NetworkSpec, values: NetworkValues, significantDigits: Int) throws {
        guard MatrixBackpropagation.applies(to: spec) else {
            self = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: significantDigits)
            return
        }
        let result = MatrixBackpropagation(spec: spec, values: values)
        func exact(_ values: [Rational]) -> [ExactValue] {
            values.map { ExactValue(rational: $0, significantDigits: significantDigits) }
        }
        self.init(preActivations: result.preActivations.map(exact), activations: result.activations.map(exact),
                  loss: ExactValue(rational: result.loss, significantDigits: significantDigits),
                  gradients: zip(spec.parameters, result.gradients).map { ($0, exact($1)) })
    }

    private init(preActivations: [[ExactValue]], activations: [[ExactValue]], loss: ExactValue,
                 gradients: [(parameter: Parameter, values: [ExactValue])]) {
        self.preActivations = preActivations
        self.activations = activations
        self.loss = loss
        self.gradients = gradients
    }

    /// Evaluates `derivation` at `values`, with decimals of `significantDigits` digits.
    /// - Throws: `SymbolicError` when a value has no meaning (a zero denominator, log of a
    ///   non-positive number).
    public init(derivation: Derivation, values: NetworkValues, significantDigits: Int) throws {
        let arena = derivation.arena
        let outputs = derivation.preActivations.flatMap { $0 } + derivation.activations.flatMap { $0 }
            + [derivation.loss] + derivation.gradients.flatMap(\.entries)
        let exact = try ExactEvaluator(arena: arena, bindings: derivation.bindings(values), significantDigits: significantDigits)
            .values(outputs)
        var cursor = exact[...]
        func take(_ count: Int) -> [ExactValue] {
            defer { cursor = cursor.dropFirst(count) }
            return Array(cursor.prefix(count))
        }
        preActivations = derivation.preActivations.map { take($0.count) }
        activations = derivation.activations.map { take($0.count) }
        loss = take(1)[0]
        gradients = derivation.gradients.map { ($0.parameter, take($0.entries.count)) }
    }
}

/// Turns expressions into `ExactValue`s at given numbers, sharing work across them.
struct ExactEvaluator {
    let arena: ExpressionArena
    let bindings: [String: Rational]
    let significantDigits: Int

    func values(_ expressions: [ExpressionID]) throws -> [ExactValue] {
        let decimals = try arena.decimalValues(expressions, bindings: bindings, significantDigits: significantDigits)
        let rationals = try rationalValues(expressions)
        // Not rational: a rational function of e where there is one; for the rest, the
        // expression with the numbers in it (substituted together, sharing the work).
        let forms = zip(expressions, rationals).map { expression, rational in
            rational == nil ? arena.exponentialForm(of: expression, bindings: bindings) : nil
        }
        let unresolved = expressions.indices.filter { rationals[$0] == nil && forms[$0] == nil }
        let substituted = try substitutedExpressions(unresolved.map { expressions[$0] })
        let closedForms = Dictionary(uniqueKeysWithValues: zip(unresolved, substituted))
        let plain = PlainPrinter(arena: arena)
        let latex = LaTeXPrinter(arena: arena)
        return expressions.indices.map { index in
            let decimal = decimals[index]
            // A value can be rational although a part of it is not: 0 · sigmoid(2).
            if let rational = rationals[index] ?? forms[index]?.rationalValue {
                return ExactValue(rational: rational, significantDigits: significantDigits)
            }
            if let form = forms[index] {
                return ExactValue(exact: form.description, latex: form.latex, decimal: decimal)
            }
            let closed = closedForms[index]!
            return ExactValue(exact: plain.string(closed), latex: latex.string(closed), decimal: decimal)
        }
    }

    /// The exact value of each expression that is rational, nil for the others.
    private func rationalValues(_ expressions: [ExpressionID]) throws -> [Rational?] {
        do {
            return try arena.evaluate(expressions, bindings: bindings)
        } catch SymbolicError.notRational {
            return try expressions.map { expression in
                do {
                    return try arena.evaluate(expression, bindings: bindings)
                } catch SymbolicError.notRational {
                    return nil
                }
            }
        }
    }

    /// The expressions with every bound symbol replaced by its number.
    private func substitutedExpressions(_ expressions: [ExpressionID]) throws -> [ExpressionID] {
        if expressions.isEmpty { return [] }
        var replacements: [ExpressionID: ExpressionID] = [:]
        for id in arena.reachable(from: expressions) {
            if case let .symbol(symbol) = arena[id], let value = bindings[symbol.name] {
                replacements[id] = arena.constant(value)
            }
        }
        return try arena.substitute(replacements, in: expressions)
    }
}
