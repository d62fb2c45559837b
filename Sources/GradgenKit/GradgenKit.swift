// One import for the whole library: `import GradgenKit` brings exact rationals, the symbolic
// engine, network specs, the oracle, the emitters and the checks.

@_exported import Autodiff
@_exported import Emit
@_exported import Exact
@_exported import MatrixCalculus
@_exported import NetworkModel
@_exported import Symbolic
@_exported import Verify
