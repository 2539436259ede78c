//! PyO3 bindings of Entropyk: the native module `entropyk._core`.
//!
//! A thin layer: Python objects wrap the Rust types, every Rust error becomes an
//! `entropyk.EntropykError` subclass ([`errors`]), solves release the GIL.
#![warn(missing_docs)]

#[macro_use]
mod pickling;
mod boundary;
mod components;
mod config;
mod declared;
mod errors;
mod fluid;
mod more_components;
mod signals;
mod solution;
mod solve;
mod system;
mod violation;

use pyo3::prelude::*;

/// The native module `entropyk._core`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<fluid::PyFluid>()?;
    m.add_class::<components::PyCompressor>()?;
    m.add_class::<components::PyCondenser>()?;
    m.add_class::<components::PyEvaporator>()?;
    m.add_class::<components::PyExpansionValve>()?;
    more_components::register(m)?;
    m.add_class::<declared::PyDeclaredComponent>()?;
    m.add_function(wrap_pyfunction!(declared::_declarations, m)?)?;
    m.add_class::<config::PyNewtonConfig>()?;
    m.add_class::<config::PyPicardConfig>()?;
    m.add_class::<config::PyFallbackConfig>()?;
    m.add_class::<system::PySystem>()?;
    m.add_class::<solution::PySolution>()?;
    m.add_class::<violation::PyViolation>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // an attribute, not in `__all__`: private to `entropyk._boundary`
    m.setattr("_construct", wrap_pyfunction!(boundary::_construct, m)?)?;
    boundary::record_constructors(m)?;
    // Load numpy's C API now: loading it lazily inside the first sweep lets a Ctrl-C
    // arriving during that import fail the capsule lookup (a panic with numpy 1.x).
    numpy::PyArray1::<f64>::from_vec(m.py(), Vec::new());
    Ok(())
}
