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
    C::from_spec(&read_spec(json)?).map_err(component_error)
}

/// A component definition read from JSON (size-limited; errors are `ValidationError`s).
pub(crate) fn read_spec(json: &str) -> PyResult<ComponentSpec> {
    if json.len() > entropyk::solver::MAX_JSON_BYTES {
        return Err(ValidationError::new_err(format!(
            "cannot read the component definition: {} bytes, the limit is {} bytes",
            json.len(),
            entropyk::solver::MAX_JSON_BYTES
        )));
    }
    let spec: ComponentSpec = serde_json::from_str(json).map_err(|e| {
        ValidationError::new_err(crate::errors::message(&format!(
            "cannot read the component definition: {e}"
        )))
    })?;
    Ok(spec)
}

/// The `#[pymethods]` of a component class `$py` (a frozen pyclass wrapping its model
/// in `inner`): the items given, plus pickling through the JSON definition
/// (`__reduce__`, `_from_json`) and `__repr__`, by default `Name('name')`, or the
/// expression given as `repr = |this| ...`.
macro_rules! component_pymethods {
    ($py:ident { $($item:tt)* }) => {
        component_pymethods!($py, repr = |this| format!(
            "{}('{}')",
            <$py as pyo3::PyClass>::NAME,
            entropyk::components::Component::name(&this.inner)
        ), { $($item)* });
    };
    ($py:ident, repr = |$this:ident| $repr:expr, { $($item:tt)* }) => {
        #[pymethods]
        impl $py {
            $($item)*

            /// Pickle support: the component pickles as its JSON definition.
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                crate::pickling::reduce(slf, &slf.get().inner)
            }

            /// Rebuilds the component from its JSON definition (used by pickle).
            #[classmethod]
            fn _from_json(_cls: &Bound<'_, pyo3::types::PyType>, json: &str) -> PyResult<Self> {
                crate::pickling::from_json(json).map(|inner| Self { inner })
            }

            fn __repr__(&self) -> String {
                let $this = self;
                $repr
            }
        }
    };
}
