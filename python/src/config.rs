//! `NewtonConfig`, `PicardConfig`, `FallbackConfig`: the Python faces of the solver's one
//! configuration type ([`Config`]). Defaults come from the Rust `Default`s and settings
//! are validated by [`Config::validate`]: a keyword left out (or None) keeps the default.
use crate::errors::{solver_error, ValidationError};
use entropyk::solver::{Config, FallbackConfig, NewtonConfig, PicardConfig};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::time::Duration;

/// A `time_budget` in seconds as a `Duration`: `None` (no budget) for `None`, for
/// `inf` and for budgets too long for a `Duration` (about 1.8e19 s, far beyond any
/// solve), so a huge budget means "unlimited"; `ValidationError` for NaN, zero and
/// negative budgets.
pub(crate) fn budget(time_budget: Option<f64>) -> PyResult<Option<Duration>> {
    match time_budget {
        Some(t) if t > 0.0 => Ok(Duration::try_from_secs_f64(t).ok()),
        Some(t) => Err(ValidationError::new_err(format!(
            "time_budget must be a positive number of seconds (inf: unlimited), got {}",
            crate::errors::number(t)
        ))),
        None => Ok(None),
    }
}

/// `config` after [`Config::validate`] (an invalid setting is a `ValidationError`).
fn validated(config: Config) -> PyResult<Config> {
    config.validate().map_err(solver_error)?;
    Ok(config)
}

/// `system.solve(config=config)`: the configs' `.solve(system)` goes through the
/// System's own method (so this module needs nothing of the System type).
fn solve_with<'py>(config: &Bound<'py, PyAny>, system: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let system_type = config.py().import("entropyk._core")?.getattr("System")?;
    if !system.is_instance(&system_type)? {
        return Err(ValidationError::new_err(format!(
            "solve expects an entropyk.System, got {}",
            system.get_type().name()?
        )));
    }
    let kwargs = PyDict::new(config.py());
    kwargs.set_item("config", config)?;
    system.call_method("solve", (), Some(&kwargs))
}

/// Newton's method with the exact Jacobian, Armijo line search and optional
/// Jacobian reuse. `time_budget` in seconds (None, inf or more than ~1.8e19 s:
/// unlimited; NaN, zero or negative: ValidationError). Settings left out keep their
/// defaults: max_iterations 50, tolerance 1e-11, max_backtracks 30, jacobian_reuse 0.
#[pyclass(name = "NewtonConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyNewtonConfig {
    pub(crate) inner: Config,
}

impl PyNewtonConfig {
    fn settings(&self) -> &NewtonConfig {
        match &self.inner {
            Config::Newton(c) => c,
            _ => unreachable!("a NewtonConfig holds Newton settings"),
        }
    }
}

#[pymethods]
impl PyNewtonConfig {
    #[new]
    #[pyo3(signature = (*, max_iterations=None, tolerance=None, max_backtracks=None, jacobian_reuse=None, time_budget=None))]
    fn new(
        max_iterations: Option<usize>,
        tolerance: Option<f64>,
        max_backtracks: Option<usize>,
        jacobian_reuse: Option<usize>,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        let d = NewtonConfig::default();
        let c = NewtonConfig {
            max_iterations: max_iterations.unwrap_or(d.max_iterations),
            tolerance: tolerance.unwrap_or(d.tolerance),
            max_backtracks: max_backtracks.unwrap_or(d.max_backtracks),
            jacobian_reuse: jacobian_reuse.unwrap_or(d.jacobian_reuse),
            time_budget: budget(time_budget)?,
            ..d
        };
        Ok(Self {
            inner: validated(Config::Newton(c))?,
        })
    }

    /// Solves `system` with these settings (`system.solve(config=self)`).
    fn solve<'py>(slf: &Bound<'py, Self>, system: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        solve_with(slf.as_any(), system)
    }

    #[getter]
    fn max_iterations(&self) -> usize {
        self.inner.max_iterations()
    }

    #[getter]
    fn tolerance(&self) -> f64 {
        self.inner.tolerance()
    }

    fn __repr__(&self) -> String {
        let c = self.settings();
        format!(
            "NewtonConfig(max_iterations={}, tolerance={:e}, jacobian_reuse={})",
            c.max_iterations, c.tolerance, c.jacobian_reuse
        )
    }
}

/// Picard iteration with a frozen, periodically refreshed Jacobian and relaxation.
/// Settings left out keep their defaults: max_iterations 500, tolerance 1e-11,
/// relaxation 0.7 (0 < w <= 1), refresh_every 10.
#[pyclass(name = "PicardConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyPicardConfig {
    pub(crate) inner: Config,
}

impl PyPicardConfig {
    fn settings(&self) -> &PicardConfig {
        match &self.inner {
            Config::Picard(c) => c,
            _ => unreachable!("a PicardConfig holds Picard settings"),
        }
    }
}

#[pymethods]
impl PyPicardConfig {
    #[new]
    #[pyo3(signature = (*, max_iterations=None, tolerance=None, relaxation=None, refresh_every=None, time_budget=None))]
    fn new(
        max_iterations: Option<usize>,
        tolerance: Option<f64>,
        relaxation: Option<f64>,
        refresh_every: Option<usize>,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        let d = PicardConfig::default();
        let c = PicardConfig {
            max_iterations: max_iterations.unwrap_or(d.max_iterations),
            tolerance: tolerance.unwrap_or(d.tolerance),
            relaxation: relaxation.unwrap_or(d.relaxation),
            refresh_every: refresh_every.unwrap_or(d.refresh_every),
            time_budget: budget(time_budget)?,
            ..d
        };
        Ok(Self {
            inner: validated(Config::Picard(c))?,
        })
    }

    /// Solves `system` with these settings (`system.solve(config=self)`).
    fn solve<'py>(slf: &Bound<'py, Self>, system: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        solve_with(slf.as_any(), system)
    }

    fn __repr__(&self) -> String {
        let c = self.settings();
        format!(
            "PicardConfig(max_iterations={}, tolerance={:e}, relaxation={})",
            c.max_iterations, c.tolerance, c.relaxation
        )
    }
}

/// Newton first; Picard for `picard_iterations` when Newton's residual rises
/// `divergence_patience` times in a row or its line search fails; at most
/// `max_switches` switches; one time budget. Settings left out keep their defaults:
/// divergence_patience 3, picard_iterations 20, max_switches 4, and the defaults of
/// NewtonConfig and PicardConfig.
#[pyclass(name = "FallbackConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyFallbackConfig {
    pub(crate) inner: Config,
}

impl PyFallbackConfig {
    fn settings(&self) -> &FallbackConfig {
        match &self.inner {
            Config::Fallback(c) => c,
            _ => unreachable!("a FallbackConfig holds fallback settings"),
        }
    }
}

#[pymethods]
impl PyFallbackConfig {
    #[new]
    #[pyo3(signature = (*, newton=None, picard=None, divergence_patience=None, picard_iterations=None, max_switches=None, time_budget=None))]
    fn new(
        newton: Option<PyRef<'_, PyNewtonConfig>>,
        picard: Option<PyRef<'_, PyPicardConfig>>,
        divergence_patience: Option<usize>,
        picard_iterations: Option<usize>,
        max_switches: Option<usize>,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        let d = FallbackConfig::default();
        let c = FallbackConfig {
            newton: newton.map(|n| n.settings().clone()).unwrap_or(d.newton),
            picard: picard.map(|p| p.settings().clone()).unwrap_or(d.picard),
            divergence_patience: divergence_patience.unwrap_or(d.divergence_patience),
            picard_iterations: picard_iterations.unwrap_or(d.picard_iterations),
            max_switches: max_switches.unwrap_or(d.max_switches),
            time_budget: budget(time_budget)?,
            interrupt: None,
        };
        Ok(Self {
            inner: validated(Config::Fallback(c))?,
        })
    }

    /// Solves `system` with these settings (`system.solve(config=self)`).
    fn solve<'py>(slf: &Bound<'py, Self>, system: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        solve_with(slf.as_any(), system)
    }

    fn __repr__(&self) -> String {
        let c = self.settings();
        format!(
            "FallbackConfig(divergence_patience={}, picard_iterations={}, max_switches={})",
            c.divergence_patience, c.picard_iterations, c.max_switches
        )
    }
}

/// Extracts a config object given to `System.solve(config=...)` / `sweep(config=...)`.
pub(crate) fn config_arg(obj: &Bound<'_, PyAny>) -> PyResult<Config> {
    if let Ok(c) = obj.cast::<PyNewtonConfig>() {
        return Ok(c.get().inner.clone());
    }
    if let Ok(c) = obj.cast::<PyPicardConfig>() {
        return Ok(c.get().inner.clone());
    }
    if let Ok(c) = obj.cast::<PyFallbackConfig>() {
        return Ok(c.get().inner.clone());
    }
    Err(ValidationError::new_err(
        "config must be a NewtonConfig, PicardConfig or FallbackConfig",
    ))
}

/// The config of `System.solve(config=..., method=..., max_iterations=..., tolerance=...,
/// time_budget=...)`: `config` alone, or the method (default Newton) with its defaults and
/// the settings given.
pub(crate) fn solve_config(
    config: Option<&Bound<'_, PyAny>>,
    method: Option<&str>,
    max_iterations: Option<usize>,
    tolerance: Option<f64>,
    time_budget: Option<f64>,
) -> PyResult<Config> {
    if let Some(c) = config {
        if method.is_some() || max_iterations.is_some() || tolerance.is_some() || time_budget.is_some() {
            return Err(ValidationError::new_err(
                "give either config= or method=/max_iterations=/tolerance=/time_budget=, not both",
            ));
        }
        return config_arg(c);
    }
    let mut c = Config::from_method(method.unwrap_or("newton")).map_err(solver_error)?;
    if let Some(t) = tolerance {
        c.set_tolerance(t);
    }
    if let Some(n) = max_iterations {
        c.set_max_iterations(n);
    }
    c.set_time_budget(budget(time_budget)?);
    validated(c)
}
