import Exact

/// Turns a parsed JSON document into a validated `NetworkSpec`, reporting every problem as a
/// `SpecError` with the field path and the location of the value at fault.
///
/// It checks what only the text can reveal (types, unknown and duplicate keys, number syntax,
/// ragged rows); shape rules live in `NetworkSpec`'s initializer, and their errors get the
/// location of the field they name from `locations`, a lookup table that is never iterated.
struct SpecDecoder {
    /// Where each decoded field's value starts, by field path.
    private var locations: [String: SourceLocation] = [:]

    static let topLevelKeys = ["input", "layers", "loss", "x", "t"]
    static let layerKeys = ["size", "activation", "W", "b"]
    static let activationKeys = ["name", "slope", "alpha"]

    mutating func decode(_ root: JSONValue) throws -> NetworkSpec {
        let members = try object(root, field: "", allowedKeys: Self.topLevelKeys)
        let inputSize = try size(try members.require("input"), field: "input")
        let layerValues = try array(try members.require("layers"), field: "layers", expecting: "an array of layers")
        var layers: [LayerSpec] = []
        for (index, value) in layerValues.enumerated() {
            layers.append(try layer(value, field: "layers[\(index)]"))
        }
        let loss = try members["loss"].map { try self.loss($0, field: "loss") } ?? .default
        let input = try members["x"].map { try vector($0, field: "x") }
        let target = try members["t"].map { try vector($0, field: "t") }
        do {
            return try NetworkSpec(inputSize: inputSize, layers: layers, loss: loss, input: input, target: target)
        } catch let error as SpecError {
            throw error.located(at: locations[error.field])
        }
    }

    // MARK: Structure

    private mutating func layer(_ value: JSONValue, field: String) throws -> LayerSpec {
        let members = try object(value, field: field, allowedKeys: Self.layerKeys)
        let size = try self.size(try members.require("size"), field: "\(field).size")
        let activation = try self.activation(try members.require("activation"), field: "\(field).activation")
        let weights = try members["W"].map { try matrix($0, field: "\(field).W") }
        let bias = try members["b"].map { try vector($0, field: "\(field).b") }
        return LayerSpec(size: size, activation: activation, weights: weights, bias: bias)
    }

    /// `"relu"`, or `{"name": "leaky_relu", "slope": "1/10"}`, `{"name": "elu", "alpha": "1"}`: only leaky ReLU takes a slope, only ELU an α.
    private mutating func activation(_ value: JSONValue, field: String) throws -> Activation {
        record(value, field)
        switch value.kind {
        case let .string(name):
            return try Self.namedActivation(name, field: field, at: value.location)
        case .object:
            let members = try object(value, field: field, allowedKeys: Self.activationKeys)
            let nameValue = try members.require("name")
            guard case let .string(name) = nameValue.kind else {
                throw SpecError(field: "\(field).name", message: "expected an activation name such as \"relu\", got \(nameValue.summary)", location: nameValue.location)
            }
            let activation = try Self.namedActivation(name, field: "\(field).name", at: nameValue.location)
            for key in ["slope", "alpha"] {
                guard let parameterValue = members[key] else { continue }
                guard activation.parameter?.key == key else {
                    throw SpecError(field: "\(field).\(key)", message: "only \(Self.takers(of: key)) takes \(key == "alpha" ? "an" : "a") \(key), not \(MessageQuoting.shortened(name))", location: parameterValue.location)
                }
                let value = try number(parameterValue, field: "\(field).\(key)")
                // Generated code computes in Double and writes a constant beyond machine
                // integers as its correctly rounded Double literal: it must have one.
                let nearest = Double(value)
                guard nearest.isFinite, nearest != 0 || value.isZero else {
                    throw SpecError(
                        field: "\(field).\(key)",
                        message: "must lie within Double's range (about 1e-308 to 1e308 in magnitude, or 0), got \(MessageQuoting.shortened(value.description)) (generated code computes in Double)",
                        location: parameterValue.location)
                }
                return activation.withParameter(value)
            }
            return activation
        default:
            throw SpecError(
                field: field,
                message: "expected an activation name such as \"relu\" or an object such as {\"name\": \"leaky_relu\", \"slope\": \"1/100\"}, got \(value.summary)",
                location: value.location)
        }
    }

    /// The activations whose parameter is `key`, for messages: `leaky_relu`.
    private static func takers(of key: String) -> String {
        Activation.named.filter { $0.activation.parameter?.key == key }.map(\.name).joined(separator: ", ")
    }

    private static func namedActivation(_ name: String, field: String, at location: SourceLocation) throws -> Activation {
        guard let activation = Activation(name: name) else {
            throw SpecError(
                field: field,
                message: "unknown activation \(MessageQuoting.quoted(name)) (expected one of \(Activation.names.joined(separator: ", ")))",
                location: location)
        }
        return activation
    }

    private mutating func loss(_ value: JSONValue, field: String) throws -> Loss {
        record(value, field)
        guard case let .string(name) = value.kind else {
            throw SpecError(field: field, message: "expected a loss name such as \"half_sum_squares\", got \(value.summary)", location: value.location)
        }
        guard let loss = Loss(rawValue: name) else {
            throw SpecError(
                field: field,
                message: "unknown loss \(MessageQuoting.quoted(name)) (expected one of \(Loss.names.joined(separator: ", ")))",
                location: value.location)
        }
        return loss
    }

    // MARK: Numbers

    /// A layer or input size: a whole number. Range checks are `NetworkSpec`'s, except for
    /// numbers too large for `Int`, which cannot reach it.
    private mutating func size(_ value: JSONValue, field: String) throws -> Int {
        let number = try self.number(value, field: field)
        guard number.isInteger else {
            throw SpecError(field: field, message: "expected a whole number, got \(MessageQuoting.shortened(number.description))", location: value.location)
        }
        guard let size = number.exactInt else {
            let message = number.signum < 0
                ? "must be positive, got \(MessageQuoting.shortened(number.description))"
                : "must be at most \(NetworkSpec.maximumSize), got \(MessageQuoting.shortened(number.description))"
            throw SpecError(field: field, message: message, location: value.location)
        }
        return size
    }

    /// An exact value: a JSON number read from its text, or a string such as "-1/2" or "0.25".
    private mutating func number(_ value: JSONValue, field: String) throws -> Rational {
        record(value, field)
        let text: String
        switch value.kind {
        case let .number(source): text = source
        case let .string(source): text = source
        default:
            throw SpecError(field: field, message: "expected a number or a string such as \"-1/2\", got \(value.summary)", location: value.location)
        }
        do {
            return try Rational(parsing: text)
        } catch let error as RationalParseError {
            throw SpecError(field: field, message: error.description, location: value.location)
        }
    }

    private mutating func vector(_ value: JSONValue, field: String) throws -> [Rational] {
        let elements = try array(value, field: field, expecting: "an array of numbers")
        return try elements.enumerated().map { index, element in try number(element, field: "\(field)[\(index)]") }
    }

    /// Rows of numbers, all of the same length (the first row's).
    private mutating func matrix(_ value: JSONValue, field: String) throws -> RationalMatrix {
        let rowValues = try array(value, field: field, expecting: "an array of rows (arrays of numbers)")
        var rows: [[Rational]] = []
        for (index, rowValue) in rowValues.enumerated() {
            let row = try vector(rowValue, field: "\(field)[\(index)]")
            if let first = rows.first, row.count != first.count {
                throw SpecError(
                    field: "\(field)[\(index)]",
                    message: "expected \(first.count) values as in row 0, got \(row.count)",
                    location: rowValue.location)
            }
            rows.append(row)
        }
        // Rows were checked to have equal lengths, so this cannot fail.
        guard let matrix = RationalMatrix(rows: rows) else {
            throw SpecError(field: field, message: "rows differ in length", location: value.location)
        }
        return matrix
    }

    // MARK: Containers

    private mutating func array(_ value: JSONValue, field: String, expecting: String) throws -> [JSONValue] {
        record(value, field)
        guard case let .array(elements) = value.kind else {
            throw SpecError(field: field, message: "expected \(expecting), got \(value.summary)", location: value.location)
        }
        return elements
    }

    /// The members of an object, after rejecting duplicate and unknown keys (a typo such as
    /// "activaton" must not pass silently as a missing optional field).
    private mutating func object(_ value: JSONValue, field: String, allowedKeys: [String]) throws -> Members {
        record(value, field)
        guard case let .object(members) = value.kind else {
            throw SpecError(field: field, message: "expected an object, got \(value.summary)", location: value.location)
        }
        for (index, member) in members.enumerated() {
            guard allowedKeys.contains(member.key) else {
                throw SpecError(
                    field: field,
                    message: "unknown key \(MessageQuoting.quoted(member.key)) (expected one of \(allowedKeys.joined(separator: ", ")))",
                    location: member.keyLocation)
            }
            if members[..<index].contains(where: { $0.key == member.key }) {
                throw SpecError(field: field, message: "duplicate key \"\(member.key)\"", location: member.keyLocation)
            }
        }
        return Members(field: field, location: value.location, members: members)
    }

    private mutating func record(_ value: JSONValue, _ field: String) {
        if locations[field] == nil { locations[field] = value.location }
    }

    /// An object's members, looked up by key (objects in a spec have a handful of keys).
    private struct Members {
        let field: String
        let location: SourceLocation
        let members: [JSONMember]

        subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }

        func require(_ key: String) throws -> JSONValue {
            guard let value = self[key] else {
                throw SpecError(field: field, message: "missing key \"\(key)\"", location: location)
            }
            return value
        }
    }
}
