//! The `EntropykError` exception hierarchy and the mapping of Rust errors onto it.
use entropyk::components::ComponentError as RustComponentError;
use entropyk::solver::SolverError as RustSolverError;
use entropyk::thermo::FluidError as RustFluidError;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    entropyk,
    EntropykError,
    PyException,
    "Base class of every Entropyk error."
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
create_exception!(entropyk, ValidationError, EntropykError, "An input value is invalid.");

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("EntropykError", py.get_type::<EntropykError>())?;
    m.add("SolverError", py.get_type::<SolverError>())?;
    m.add("TimeoutError", py.get_type::<TimeoutError>())?;
    m.add("ControlSaturationError", py.get_type::<ControlSaturationError>())?;
    m.add("FluidError", py.get_type::<FluidError>())?;
    m.add("ComponentError", py.get_type::<ComponentError>())?;
    m.add("TopologyError", py.get_type::<TopologyError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    // Class-level defaults of the attributes a failed solve attaches to its exception
    // (`System.solve`): every SolverError has `.best`, every ControlSaturationError
    // `.solution`, None unless the solve had a solution to report.
    py.get_type::<SolverError>().setattr("best", py.None())?;
    py.get_type::<ControlSaturationError>().setattr("solution", py.None())?;
    Ok(())
}

/// A fluid error as a Python exception.
pub(crate) fn fluid_error(e: RustFluidError) -> PyErr {
    FluidError::new_err(e.to_string())
}

/// A component error as a Python exception.
pub(crate) fn component_error(e: RustComponentError) -> PyErr {
    match e {
        RustComponentError::Fluid { .. } => FluidError::new_err(e.to_string()),
        RustComponentError::InvalidParameter { .. } | RustComponentError::InvalidDefinition { .. } => {
            ValidationError::new_err(e.to_string())
        }
        _ => ComponentError::new_err(e.to_string()),
    }
}

/// A solver error as a Python exception.
pub(crate) fn solver_error(e: RustSolverError) -> PyErr {
    match e {
        RustSolverError::Component(c) => component_error(c),
        RustSolverError::InvalidSpecification { .. } => ValidationError::new_err(e.to_string()),
        RustSolverError::DuplicateComponent { .. }
        | RustSolverError::UnknownComponent { .. }
        | RustSolverError::UnknownPort { .. }
        | RustSolverError::UnknownParameter { .. }
        | RustSolverError::MalformedPortReference { .. }
        | RustSolverError::PortConnectedTwice { .. }
        | RustSolverError::PortUnconnected { .. }
        | RustSolverError::DirectionMismatch { .. }
        | RustSolverError::MediumMismatch { .. }
        | RustSolverError::DegreesOfFreedom { .. } => TopologyError::new_err(e.to_string()),
        RustSolverError::Timeout { .. } => TimeoutError::new_err(e.to_string()),
        RustSolverError::ControlSaturation { .. } => ControlSaturationError::new_err(e.to_string()),
        RustSolverError::InvalidConfiguration { .. }
        | RustSolverError::InvalidSensitivity { .. }
        | RustSolverError::Serialization { .. }
        | RustSolverError::NotSerializable { .. } => ValidationError::new_err(e.to_string()),
        _ => SolverError::new_err(e.to_string()),
    }
}
