//! Pickle support of the component classes.
//!
//! A component object pickles as `(cls._from_json, (json,))`, `json` being its
//! [`ComponentSpec`] (the plain-data definition every built-in model gives through
//! `Component::to_spec`), so components travel to other processes like systems do.
//! Unpickling rebuilds the Rust model through its validating constructor
//! ([`FromSpec`]); errors map onto the `EntropykError` classes.
use crate::errors::{component_error, ValidationError};
use entropyk::components::{Component, ComponentSpec, FromSpec};
use pyo3::prelude::*;
use pyo3::PyClass;

/// `__reduce__` of a component class `T` wrapping `component`.
pub(crate) fn reduce<'py, T: PyClass>(
    slf: &Bound<'py, T>,
    component: &dyn Component,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    let spec = component.to_spec().ok_or_else(|| {
        ValidationError::new_err(format!(
            "component '{}' ({}) has no serialisable definition",
            component.name(),
            component.kind()
        ))
    })?;
    let json = serde_json::to_string(&spec).map_err(|e| ValidationError::new_err(e.to_string()))?;
    Ok((slf.as_any().get_type().into_any().getattr("_from_json")?, (json,)))
}

/// The component of type `C` from its JSON definition.
pub(crate) fn from_json<C: FromSpec>(json: &str) -> PyResult<C> {
    let spec: ComponentSpec = serde_json::from_str(json)
        .map_err(|e| ValidationError::new_err(format!("cannot read the component definition: {e}")))?;
    C::from_spec(&spec).map_err(component_error)
}
