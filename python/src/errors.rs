//! The `EntropykError` exception hierarchy and the mapping of Rust errors onto it.
use entropyk::components::ComponentError as RustComponentError;
use entropyk::solver::{ErrorDetails, SolverError as RustSolverError};
use entropyk::thermo::FluidError as RustFluidError;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::PyErrArguments;

create_exception!(
    entropyk,
    EntropykError,
    PyException,
    "Base class of every Entropyk error. Its structured attributes say what the error concerns, \
None where it does not: `component` (name), `port` (name or reference), `parameter` (or solver \
setting), `value` (the offending value, SI), `valid_range` ((min, max), SI), `best` (the best \
iterate of a solve that stopped, a Solution), `unconverged` (the equations that did not close \
there), `solution` (the converged solution carried by a ControlSaturationError or PhysicsError)."
);
create_exception!(entropyk, SolverError, EntropykError, "The solver did not converge.");
create_exception!(
    entropyk,
    TimeoutError,
    SolverError,
    "The time budget of a solve ran out."
);
create_exception!(
    entropyk,
    ControlSaturationError,
    SolverError,
    "A control variable hit its bound."
);
create_exception!(
    entropyk,
    PhysicsError,
    SolverError,
    "The solve converged, but the solution breaks a physical law (a temperature cross in an \
exchanger, a compressor absorbing no work, frozen water, a state outside the equation of state) \
or, with solve(strict=True), a model limit. `.violations` lists them (entropyk.Violation), \
`.solution` holds the converged solution for inspection."
);
create_exception!(
    entropyk,
    PhysicsWarning,
    pyo3::exceptions::PyUserWarning,
    "A solution goes beyond a model's validated range (a compressor map extrapolated, a pinched \
exchanger, a pump against a negative head): physically possible, but outside what the model was \
validated for. Listed in Solution.warnings too; solve(strict=True) raises PhysicsError instead."
);
create_exception!(
    entropyk,
    FluidError,
    EntropykError,
    "A fluid property could not be evaluated."
);
create_exception!(
    entropyk,
    ComponentError,
    EntropykError,
    "A component could not be evaluated."
);
create_exception!(
    entropyk,
    TopologyError,
    EntropykError,
    "The system graph or its degrees of freedom are wrong."
);

/// `entropyk.ValidationError`: an argument is invalid (a wrong type, a value out of
/// range, an unknown keyword, a malformed document). It derives from
/// `EntropykError` and also from Python's `ValueError` and `TypeError`, so handlers
/// written for the built-in conventions (`except TypeError` around a call with a
/// wrong argument type, `except ValueError` around a bad value) still catch it.
///
/// A plain Rust marker: the Python class is built once per interpreter by
/// [`ValidationError::type_object`] (`create_exception!` takes a single base).
pub(crate) struct ValidationError;

const VALIDATION_ERROR_DOC: &str = "An argument is invalid: a wrong type, a value out of range, an unknown \
keyword, a malformed document. Derives from EntropykError, ValueError and TypeError.";

/// `entropyk.ConcurrentUseError`: a `System` was used from a second thread while a
/// first one was using it (e.g. solving). Derives from `EntropykError` and
/// `RuntimeError`. Raised by the argument wrapper of `entropyk/_boundary.py`.
pub(crate) struct ConcurrentUseError;

const CONCURRENT_USE_ERROR_DOC: &str = "A System was used from two threads at once (one thread editing it \
while another solves, reads or edits it; any number of threads may solve one System together). Give \
each thread its own copy (copy.copy(system)). Derives from EntropykError and RuntimeError.";

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONCURRENT_USE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A Python exception class `entropyk.<name>` with several bases (`type(name, bases, ns)`).
fn exception_class<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    bases: Vec<Bound<'py, PyType>>,
) -> PyResult<Py<PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__doc__", doc)?;
    namespace.set_item("__module__", "entropyk")?;
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, namespace))?;
    Ok(class.cast_into::<PyType>()?.unbind())
}

macro_rules! multi_base_exception {
    ($marker:ident, $cell:ident, $name:literal, $doc:ident, [$($base:ty),*]) => {
        impl $marker {
            /// The Python class (built on first use).
            pub(crate) fn type_object(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
                $cell
                    .get_or_try_init(py, || exception_class(py, $name, $doc, vec![$(py.get_type::<$base>()),*]))
                    .map(|t| t.bind(py).clone())
            }

            /// A new exception of this class with `args` (usually the message).
            pub(crate) fn new_err<A: PyErrArguments + Send + Sync + 'static>(args: A) -> PyErr {
                Python::attach(|py| match Self::type_object(py) {
                    Ok(t) => PyErr::from_type(t, args),
                    Err(e) => e,
                })
            }
        }
    };
}
multi_base_exception!(
    ValidationError,
    VALIDATION_ERROR,
    "ValidationError",
    VALIDATION_ERROR_DOC,
    [EntropykError, PyValueError, PyTypeError]
);
multi_base_exception!(
    ConcurrentUseError,
    CONCURRENT_USE_ERROR,
    "ConcurrentUseError",
    CONCURRENT_USE_ERROR_DOC,
    [EntropykError, PyRuntimeError]
);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("EntropykError", py.get_type::<EntropykError>())?;
    m.add("SolverError", py.get_type::<SolverError>())?;
    m.add("TimeoutError", py.get_type::<TimeoutError>())?;
    m.add("ControlSaturationError", py.get_type::<ControlSaturationError>())?;
    m.add("PhysicsError", py.get_type::<PhysicsError>())?;
    m.add("PhysicsWarning", py.get_type::<PhysicsWarning>())?;
    m.add("FluidError", py.get_type::<FluidError>())?;
    m.add("ComponentError", py.get_type::<ComponentError>())?;
    m.add("TopologyError", py.get_type::<TopologyError>())?;
    m.add("ValidationError", ValidationError::type_object(py)?)?;
    m.add("ConcurrentUseError", ConcurrentUseError::type_object(py)?)?;
    // Class-level defaults of the structured attributes (see `solver_error`): every
    // EntropykError has them, None (or empty) unless the error concerns them.
    let base = py.get_type::<EntropykError>();
    for name in [
        "component",
        "port",
        "parameter",
        "value",
        "valid_range",
        "best",
        "solution",
    ] {
        base.setattr(name, py.None())?;
    }
    base.setattr("unconverged", PyTuple::empty(py))?;
    py.get_type::<PhysicsError>()
        .setattr("violations", pyo3::types::PyTuple::empty(py))?;
    Ok(())
}

/// A fluid error as a Python exception.
pub(crate) fn fluid_error(e: RustFluidError) -> PyErr {
    FluidError::new_err(message(&e))
}

/// A component error as a Python exception, with its structured attributes
/// (`component`, `port`, `parameter`, `value`, `valid_range`).
pub(crate) fn component_error(e: RustComponentError) -> PyErr {
    let err = match e {
        RustComponentError::Fluid { .. } => FluidError::new_err(message(&e)),
        RustComponentError::InvalidParameter { .. }
        | RustComponentError::InvalidDefinition { .. }
        | RustComponentError::InvalidArgument { .. } => ValidationError::new_err(message(&e)),
        _ => ComponentError::new_err(message(&e)),
    };
    Python::attach(|py| set_details(py, &err, &e.details().into()));
    err
}

/// The exception class of a solver error.
fn solver_error_class(e: &RustSolverError) -> PyErr {
    match e {
        RustSolverError::InvalidSpecification { .. } => ValidationError::new_err(message(e)),
        RustSolverError::DuplicateComponent { .. }
        | RustSolverError::UnknownComponent { .. }
        | RustSolverError::UnknownPort { .. }
        | RustSolverError::UnknownParameter { .. }
        | RustSolverError::UnknownSpecification { .. }
        | RustSolverError::UnknownControl { .. }
        | RustSolverError::MalformedPortReference { .. }
        | RustSolverError::PortConnectedTwice { .. }
        | RustSolverError::PortUnconnected { .. }
        | RustSolverError::DirectionMismatch { .. }
        | RustSolverError::MediumMismatch { .. }
        | RustSolverError::DegreesOfFreedom { .. }
        | RustSolverError::StaleProblem => TopologyError::new_err(message(e)),
        RustSolverError::Timeout { .. } => TimeoutError::new_err(message(e)),
        RustSolverError::Interrupted { .. } => pyo3::exceptions::PyKeyboardInterrupt::new_err(message(e)),
        RustSolverError::ControlSaturation { .. } => ControlSaturationError::new_err(message(e)),
        RustSolverError::Physics { .. } => PhysicsError::new_err(message(e)),
        RustSolverError::InvalidConfiguration { .. }
        | RustSolverError::UnknownMethod { .. }
        | RustSolverError::InvalidSensitivity { .. }
        | RustSolverError::Serialization { .. }
        | RustSolverError::NotSerializable { .. } => ValidationError::new_err(message(e)),
        _ => SolverError::new_err(message(e)),
    }
}

/// A solver error as a Python exception: the one conversion of every Rust error a
/// solve, an edit or a load can raise. The exception carries the structured attributes
/// of [`entropyk::solver::ErrorDetails`] (`component`, `port`, `parameter`, `value`,
/// `valid_range`), the best iterate of a solve that stopped as `best` (with the
/// equations that did not close as `unconverged`), the converged solution of a control
/// saturation or a physics error as `solution`, and a physics error's `violations`.
pub(crate) fn solver_error(e: RustSolverError) -> PyErr {
    if let RustSolverError::Component(c) = e {
        return component_error(c);
    }
    let err = solver_error_class(&e);
    Python::attach(|py| {
        set_details(py, &err, &e.details());
        if let RustSolverError::Physics { violations, .. } = &e {
            if let Ok(list) = crate::violation::violation_list(py, violations) {
                let _ = err.value(py).setattr("violations", list);
            }
        }
    });
    err
}

/// Sets the structured attributes of `details` on the exception `err` (those that are
/// `None` keep their class-level default, None).
fn set_details(py: Python<'_>, err: &PyErr, details: &ErrorDetails<'_>) {
    let value = err.value(py);
    let _ = (|| -> PyResult<()> {
        if let Some(c) = details.component {
            value.setattr("component", c)?;
        }
        if let Some(p) = details.port {
            value.setattr("port", p)?;
        }
        if let Some(p) = details.parameter {
            value.setattr("parameter", p)?;
        }
        if let Some(v) = details.value {
            value.setattr("value", v)?;
        }
        if let Some(r) = details.valid_range {
            value.setattr("valid_range", r)?;
        }
        if let Some(best) = details.best {
            // a converged solution carried with the error is `.solution`; the best
            // iterate of a solve that stopped is `.best`
            let name = if best.converged() { "solution" } else { "best" };
            value.setattr(name, Py::new(py, crate::solution::PySolution::new(best.clone()))?)?;
            value.setattr("unconverged", PyTuple::new(py, best.unconverged())?)?;
        }
        Ok(())
    })();
}

/// A number for a message, compact and as Python writes it: the shortest round-trip
/// form, in exponent notation outside 1e-4..1e16 (`2.2e-308`, not 300 digits),
/// `nan`, `inf`, `-inf`.
pub(crate) fn number(x: f64) -> String {
    entropyk::thermo::Compact(x).to_string()
}

/// Longest message of an exception raised for a Rust error, in bytes: messages
/// quote names and references the caller gave, which can be megabytes long.
const MAX_MESSAGE_BYTES: usize = 4096;

/// The error's message, cut to [`MAX_MESSAGE_BYTES`] (on a character boundary).
pub(crate) fn message(e: &impl std::fmt::Display) -> String {
    entropyk::solver::cut_message(e.to_string(), MAX_MESSAGE_BYTES)
}
