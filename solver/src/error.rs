//! The error type of the solver crate.
use crate::Solution;
use entropyk_components::{ComponentError, Violation};
use entropyk_thermo::Compact;
use thiserror::Error;

/// Errors from building, checking and solving a [`crate::System`].
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum SolverError {
    /// Two components share a name.
    #[error("a component named '{name}' already exists")]
    DuplicateComponent {
        /// The repeated name.
        name: String,
    },
    /// A port reference names no component of the system.
    #[error("unknown component '{name}' in port reference '{reference}'")]
    UnknownComponent {
        /// Component name looked for.
        name: String,
        /// The full port reference given.
        reference: String,
    },
    /// A port reference names no port of its component.
    #[error("component '{component}' has no port '{port}'; its ports are {available:?}")]
    UnknownPort {
        /// Component name.
        component: String,
        /// Port name looked for.
        port: String,
        /// The component's ports.
        available: Vec<&'static str>,
    },
    /// A parameter reference names no parameter of its component.
    #[error("component '{component}' has no parameter '{parameter}'; its parameters are {available:?}")]
    UnknownParameter {
        /// Component name.
        component: String,
        /// Parameter name looked for.
        parameter: String,
        /// The component's parameters.
        available: Vec<&'static str>,
    },
    /// A specification reference (`"kind:target"`) names no specification of the system.
    #[error("no specification '{reference}' in this system; its specifications are {available:?}")]
    UnknownSpecification {
        /// The reference given.
        reference: String,
        /// The system's specification references.
        available: Vec<String>,
    },
    /// No control adjusts the parameter named.
    #[error("no control adjusts '{parameter}'; the controlled parameters are {available:?}")]
    UnknownControl {
        /// The parameter reference given.
        parameter: String,
        /// The controlled parameters.
        available: Vec<String>,
    },
    /// A port reference is not of the form `"component.port"`.
    #[error("port reference '{reference}' is not of the form 'component.port'")]
    MalformedPortReference {
        /// The reference given.
        reference: String,
    },
    /// A port is connected more than once.
    #[error("port '{component}.{port}' is already connected")]
    PortConnectedTwice {
        /// Component name.
        component: String,
        /// Port name.
        port: &'static str,
    },
    /// A port is left unconnected at finalize time.
    #[error("port '{component}.{port}' is not connected")]
    PortUnconnected {
        /// Component name.
        component: String,
        /// Port name.
        port: &'static str,
    },
    /// A connection does not go from an outlet to an inlet.
    #[error("connection '{from}' -> '{to}' must go from an outlet port to an inlet port")]
    DirectionMismatch {
        /// Source port reference.
        from: String,
        /// Target port reference.
        to: String,
    },
    /// A connection joins ports of different media.
    #[error("connection '{from}' -> '{to}' joins different media: {from_medium} and {to_medium}")]
    MediumMismatch {
        /// Source port reference.
        from: String,
        /// Target port reference.
        to: String,
        /// Medium at the source.
        from_medium: &'static str,
        /// Medium at the target.
        to_medium: &'static str,
    },
    /// A specification is not applicable where it was placed.
    #[error("specification {specification} at '{port}' is invalid: {reason}")]
    InvalidSpecification {
        /// The specification, e.g. `"superheat = 5 K"`.
        specification: String,
        /// Port reference.
        port: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// Equations and unknowns do not match.
    #[error("system is {kind}: {equations} equations for {unknowns} unknowns. {detail}")]
    DegreesOfFreedom {
        /// `"under-specified"` or `"over-specified"`.
        kind: &'static str,
        /// Number of independent equations.
        equations: usize,
        /// Number of unknowns.
        unknowns: usize,
        /// What to add or remove.
        detail: String,
    },
    /// A [`crate::Problem`] used with a system whose structure it was not compiled from
    /// (another system, or this one after a structural edit).
    #[error("this problem was compiled from another structure (a component, connection, specification or control was added or removed since): compile the system again")]
    StaleProblem,
    /// A solver method name that is not one of `"newton"`, `"picard"`, `"fallback"`.
    #[error("unknown method '{method}': use 'newton', 'picard' or 'fallback'")]
    UnknownMethod {
        /// The name given.
        method: String,
    },
    /// A sensitivity cannot be computed as asked.
    #[error("no sensitivity with respect to '{parameter}': {reason}")]
    InvalidSensitivity {
        /// Parameter reference.
        parameter: String,
        /// Why.
        reason: &'static str,
    },
    /// A solver setting is out of its valid range.
    #[error("solver setting {setting} = {} is invalid: valid range {valid}", Compact(*value))]
    InvalidConfiguration {
        /// Setting name.
        setting: &'static str,
        /// Value given.
        value: f64,
        /// Valid range.
        valid: &'static str,
    },
    /// The solve converged, but with one or more controls held at a bound, so
    /// their specifications are not met. The converged solution is kept.
    #[error("converged with controls at their bounds: {}", describe_saturation(saturated))]
    ControlSaturation {
        /// The saturated controls.
        saturated: Vec<crate::SaturatedControl>,
        /// The converged solution with the controls at their bounds.
        solution: Box<Solution>,
    },
    /// The automatic initial guess could not infer a value.
    #[error("no initial guess for {quantity} of connection '{connection}': set an initial guess of that connection (set_guess)")]
    GuessIncomplete {
        /// Connection `"from -> to"`.
        connection: String,
        /// `"pressure"`, `"enthalpy"` or `"mass flow"`.
        quantity: &'static str,
    },
    /// A system holds a component that has no serialisable definition (a
    /// user-defined model whose `to_spec` returns `None`), so it cannot be written.
    #[error("component '{component}' ({kind}) is not serialisable: only built-in components have a definition (ComponentSpec)")]
    NotSerializable {
        /// Component name.
        component: String,
        /// Component kind.
        kind: &'static str,
    },
    /// A JSON document could not be read or written as a system or solution
    /// (malformed JSON, unknown component type or field, wrong format or version,
    /// inconsistent sizes).
    #[error("cannot (de)serialise the {what}: {message}")]
    Serialization {
        /// `"system"` or `"solution"`.
        what: &'static str,
        /// What went wrong, with the line and column for JSON syntax errors.
        message: String,
    },
    /// A component failed to evaluate at the initial guess.
    #[error(transparent)]
    Component(#[from] ComponentError),
    /// The Jacobian is singular at some iterate.
    #[error("singular Jacobian at iteration {iteration}: the equations are structurally or locally dependent")]
    SingularJacobian {
        /// Iteration number.
        iteration: usize,
        /// The best iterate (lowest scaled residual) reached, or for a sensitivity the
        /// solution it was asked at; see [`Solution::unconverged`].
        best: Box<Solution>,
    },
    /// The iteration stopped before the tolerance was met; the best iterate is kept.
    #[error("{method} did not converge in {iterations} iterations: scaled residual {residual:.3e} > tolerance {tolerance:.1e} ({reason})")]
    NotConverged {
        /// The method that stopped: `"Newton"`, `"Picard"` or `"Newton with Picard fallback"`.
        method: &'static str,
        /// Iterations performed.
        iterations: usize,
        /// Best scaled residual (infinity norm).
        residual: f64,
        /// Tolerance asked for.
        tolerance: f64,
        /// Why it stopped.
        reason: &'static str,
        /// The best iterate found.
        best: Box<Solution>,
    },
    /// The solve or sweep was stopped from outside through its [`crate::Interrupt`]
    /// (Ctrl-C in Python); a solve keeps its best iterate, a sweep returns no partial
    /// results.
    #[error("interrupted after {iterations} iterations")]
    Interrupted {
        /// Iterations performed (of the interrupted solve; 0 for a sweep).
        iterations: usize,
        /// The best iterate of an interrupted solve (`None` for a sweep).
        best: Option<Box<Solution>>,
    },
    /// The time budget ran out; the best iterate is kept.
    #[error("time budget exhausted after {iterations} iterations (scaled residual {residual:.3e})")]
    Timeout {
        /// Iterations performed.
        iterations: usize,
        /// Best scaled residual.
        residual: f64,
        /// The best iterate found.
        best: Box<Solution>,
    },
    /// The equations converged, but the solution breaks a physical law (a temperature
    /// cross in an exchanger, a compressor absorbing no work, a state outside the
    /// equation of state, frozen water...) or, in a strict solve, a model limit (a
    /// map extrapolated): it is not a valid answer. The solution is kept for
    /// inspection; [`Solution::warnings`] holds its soft violations.
    #[error(
        "the solve converged to a physically invalid state:{}",
        describe_violations(violations)
    )]
    Physics {
        /// The laws broken (hard ones; in a strict solve, soft ones too).
        violations: Vec<Violation>,
        /// The converged solution that breaks them.
        solution: Box<Solution>,
    },
}

/// The violations of a [`SolverError::Physics`], one per line.
/// The structured facts of an error, for bindings and programs: which component,
/// port and parameter it concerns, the offending value and its valid range, and the
/// best iterate or carried solution. Fields that the error does not concern are `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorDetails<'a> {
    /// The component's name.
    pub component: Option<&'a str>,
    /// The port's name (or a port / set-point reference as the user wrote it).
    pub port: Option<&'a str>,
    /// The parameter or setting (`"ua"`, `"tolerance"`, `"comp.speed"`).
    pub parameter: Option<&'a str>,
    /// The offending value (SI).
    pub value: Option<f64>,
    /// The valid range `[min, max]` of that value (SI).
    pub valid_range: Option<(f64, f64)>,
    /// The best iterate of a solve that stopped, or the solution a converged solve
    /// carries with its error (control saturation, physics).
    pub best: Option<&'a Solution>,
}

impl<'a> From<entropyk_components::ComponentErrorDetails<'a>> for ErrorDetails<'a> {
    /// A component error's facts (no iterate: a component error carries none).
    fn from(d: entropyk_components::ComponentErrorDetails<'a>) -> Self {
        ErrorDetails {
            component: Some(d.component),
            port: d.port,
            parameter: d.parameter,
            value: d.value,
            valid_range: d.valid_range,
            best: None,
        }
    }
}

impl SolverError {
    /// The error's structured facts ([`ErrorDetails`]).
    pub fn details(&self) -> ErrorDetails<'_> {
        use SolverError as E;
        let none = ErrorDetails::default();
        match self {
            E::DuplicateComponent { name } | E::UnknownComponent { name, .. } => ErrorDetails {
                component: Some(name),
                ..none
            },
            E::UnknownPort { component, port, .. } => ErrorDetails {
                component: Some(component),
                port: Some(port),
                ..none
            },
            E::PortConnectedTwice { component, port } | E::PortUnconnected { component, port } => ErrorDetails {
                component: Some(component),
                port: Some(port),
                ..none
            },
            E::MalformedPortReference { reference } | E::UnknownSpecification { reference, .. } => ErrorDetails {
                port: Some(reference),
                ..none
            },
            E::DirectionMismatch { from, .. } | E::MediumMismatch { from, .. } => ErrorDetails {
                port: Some(from),
                ..none
            },
            E::UnknownParameter {
                component, parameter, ..
            } => ErrorDetails {
                component: Some(component),
                parameter: Some(parameter),
                ..none
            },
            E::UnknownControl { parameter, .. } | E::InvalidSensitivity { parameter, .. } => ErrorDetails {
                parameter: Some(parameter),
                ..none
            },
            E::InvalidSpecification { port, .. } => ErrorDetails {
                port: Some(port),
                ..none
            },
            E::UnknownMethod { method } => ErrorDetails {
                parameter: Some(method),
                ..none
            },
            E::InvalidConfiguration { setting, value, .. } => ErrorDetails {
                parameter: Some(setting),
                value: Some(*value),
                ..none
            },
            E::NotSerializable { component, .. } => ErrorDetails {
                component: Some(component),
                ..none
            },
            E::Component(c) => c.details().into(),
            E::SingularJacobian { best, .. } | E::NotConverged { best, .. } | E::Timeout { best, .. } => ErrorDetails {
                best: Some(best),
                ..none
            },
            E::Interrupted { best, .. } => ErrorDetails {
                best: best.as_deref(),
                ..none
            },
            E::ControlSaturation { saturated, solution } => {
                let first = saturated.first();
                ErrorDetails {
                    parameter: first.map(|s| s.parameter.as_str()),
                    value: first.map(|s| s.requested),
                    best: Some(solution),
                    ..none
                }
            }
            E::Physics { violations, solution } => {
                let first = violations.first();
                ErrorDetails {
                    component: first.map(|v| v.component.as_str()),
                    port: first.and_then(|v| v.port),
                    value: first.map(|v| v.value),
                    valid_range: first.map(|v| match v.bound {
                        entropyk_components::validity::Bound::Lower => (v.limit, f64::INFINITY),
                        entropyk_components::validity::Bound::Upper => (f64::NEG_INFINITY, v.limit),
                    }),
                    best: Some(solution),
                    ..none
                }
            }
            E::GuessIncomplete { connection, .. } => ErrorDetails {
                port: Some(connection),
                ..none
            },
            E::DegreesOfFreedom { .. } | E::StaleProblem | E::Serialization { .. } => none,
        }
    }
}

fn describe_violations(violations: &[Violation]) -> String {
    violations.iter().map(|v| format!("\n  - {v}")).collect()
}

fn describe_saturation(saturated: &[crate::SaturatedControl]) -> String {
    saturated
        .iter()
        .map(|s| {
            format!(
                "{} held at {} (needed {}) so {} is not met",
                s.parameter,
                Compact(s.bound),
                Compact(s.requested),
                s.specification
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `text` cut to at most `max_bytes` (on a character boundary), with a note of its
/// full length: messages quote names, references and documents the caller gave, which
/// can be megabytes long.
///
/// ```
/// let cut = entropyk_solver::cut_message("x".repeat(100), 10);
/// assert_eq!(cut, "xxxxxxxxxx... (message of 100 bytes cut)");
/// ```
pub fn cut_message(mut text: String, max_bytes: usize) -> String {
    if text.len() > max_bytes {
        let total = text.len();
        let mut end = max_bytes;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str(&format!("... (message of {total} bytes cut)"));
    }
    text
}
