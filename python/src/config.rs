//! `NewtonConfig`, `PicardConfig`, `FallbackConfig`: solver settings with `.solve(system)`.
use crate::errors::ValidationError;
use crate::solution::PySolution;
use crate::solve::{borrow_system, run_solve};
use crate::system::PySystem;
use entropyk::solver::{FallbackConfig, NewtonConfig, PicardConfig};
use pyo3::prelude::*;
use std::time::Duration;

/// A solver configuration of any kind.
#[derive(Debug, Clone)]
pub(crate) enum AnyConfig {
    Newton(NewtonConfig),
    Picard(PicardConfig),
    Fallback(FallbackConfig),
}

fn check_tolerance(tolerance: f64) -> PyResult<f64> {
    if tolerance > 0.0 && tolerance.is_finite() {
        Ok(tolerance)
    } else {
        Err(ValidationError::new_err(format!(
            "tolerance must be a positive finite number, got {}",
            crate::errors::number(tolerance)
        )))
    }
}

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

/// Newton's method with the exact Jacobian, Armijo line search and optional
/// Jacobian reuse. `time_budget` in seconds (None, inf or more than ~1.8e19 s:
/// unlimited; NaN, zero or negative: ValidationError).
#[pyclass(name = "NewtonConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyNewtonConfig {
    pub(crate) inner: NewtonConfig,
}

#[pymethods]
impl PyNewtonConfig {
    #[new]
    #[pyo3(signature = (*, max_iterations=50, tolerance=1e-11, max_backtracks=30, jacobian_reuse=0, time_budget=None))]
    fn new(
        max_iterations: usize,
        tolerance: f64,
        max_backtracks: usize,
        jacobian_reuse: usize,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        Ok(Self {
            inner: NewtonConfig {
                max_iterations,
                tolerance: check_tolerance(tolerance)?,
                max_backtracks,
                jacobian_reuse,
                time_budget: budget(time_budget)?,
                ..NewtonConfig::default()
            },
        })
    }

    /// Solves `system` with these settings.
    fn solve(&self, py: Python<'_>, system: &Bound<'_, PySystem>) -> PyResult<PySolution> {
        let system = borrow_system(system)?;
        run_solve(py, &system, AnyConfig::Newton(self.inner.clone()))
    }

    #[getter]
    fn max_iterations(&self) -> usize {
        self.inner.max_iterations
    }

    #[getter]
    fn tolerance(&self) -> f64 {
        self.inner.tolerance
    }

    fn __repr__(&self) -> String {
        format!(
            "NewtonConfig(max_iterations={}, tolerance={:e}, jacobian_reuse={})",
            self.inner.max_iterations, self.inner.tolerance, self.inner.jacobian_reuse
        )
    }
}

/// Picard iteration with a frozen, periodically refreshed Jacobian and relaxation.
#[pyclass(name = "PicardConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyPicardConfig {
    pub(crate) inner: PicardConfig,
}

#[pymethods]
impl PyPicardConfig {
    #[new]
    #[pyo3(signature = (*, max_iterations=500, tolerance=1e-11, relaxation=0.7, refresh_every=10, time_budget=None))]
    fn new(
        max_iterations: usize,
        tolerance: f64,
        relaxation: f64,
        refresh_every: usize,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        if !(relaxation > 0.0 && relaxation <= 1.0) {
            return Err(ValidationError::new_err(format!(
                "relaxation must lie in 0 < w <= 1, got {}",
                crate::errors::number(relaxation)
            )));
        }
        Ok(Self {
            inner: PicardConfig {
                max_iterations,
                tolerance: check_tolerance(tolerance)?,
                relaxation,
                refresh_every,
                time_budget: budget(time_budget)?,
                ..PicardConfig::default()
            },
        })
    }

    /// Solves `system` with these settings.
    fn solve(&self, py: Python<'_>, system: &Bound<'_, PySystem>) -> PyResult<PySolution> {
        let system = borrow_system(system)?;
        run_solve(py, &system, AnyConfig::Picard(self.inner.clone()))
    }

    fn __repr__(&self) -> String {
        format!(
            "PicardConfig(max_iterations={}, tolerance={:e}, relaxation={})",
            self.inner.max_iterations, self.inner.tolerance, self.inner.relaxation
        )
    }
}

/// Newton first; Picard for `picard_iterations` when Newton's residual rises
/// `divergence_patience` times in a row or its line search fails; at most
/// `max_switches` switches; one time budget.
#[pyclass(name = "FallbackConfig", module = "entropyk", frozen)]
#[derive(Clone)]
pub struct PyFallbackConfig {
    pub(crate) inner: FallbackConfig,
}

#[pymethods]
impl PyFallbackConfig {
    #[new]
    #[pyo3(signature = (*, newton=None, picard=None, divergence_patience=3, picard_iterations=20, max_switches=4, time_budget=None))]
    fn new(
        newton: Option<PyRef<'_, PyNewtonConfig>>,
        picard: Option<PyRef<'_, PyPicardConfig>>,
        divergence_patience: usize,
        picard_iterations: usize,
        max_switches: usize,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        Ok(Self {
            inner: FallbackConfig {
                newton: newton.map(|n| n.inner.clone()).unwrap_or_default(),
                picard: picard.map(|p| p.inner.clone()).unwrap_or_default(),
                divergence_patience,
                picard_iterations,
                max_switches,
                time_budget: budget(time_budget)?,
                interrupt: None,
            },
        })
    }

    /// Solves `system` with these settings.
    fn solve(&self, py: Python<'_>, system: &Bound<'_, PySystem>) -> PyResult<PySolution> {
        let system = borrow_system(system)?;
        run_solve(py, &system, AnyConfig::Fallback(self.inner.clone()))
    }

    fn __repr__(&self) -> String {
        format!(
            "FallbackConfig(divergence_patience={}, picard_iterations={}, max_switches={})",
            self.inner.divergence_patience, self.inner.picard_iterations, self.inner.max_switches
        )
    }
}

/// Extracts a config object given to `System.solve(config=...)`.
pub(crate) fn config_arg(obj: &Bound<'_, PyAny>) -> PyResult<AnyConfig> {
    if let Ok(c) = obj.cast::<PyNewtonConfig>() {
        return Ok(AnyConfig::Newton(c.get().inner.clone()));
    }
    if let Ok(c) = obj.cast::<PyPicardConfig>() {
        return Ok(AnyConfig::Picard(c.get().inner.clone()));
    }
    if let Ok(c) = obj.cast::<PyFallbackConfig>() {
        return Ok(AnyConfig::Fallback(c.get().inner.clone()));
    }
    Err(ValidationError::new_err(
        "config must be a NewtonConfig, PicardConfig or FallbackConfig",
    ))
}

impl AnyConfig {
    /// Sets the cancellation hook of the solve (Ctrl-C, see [`crate::signals`]).
    pub(crate) fn set_interrupt(&mut self, interrupt: entropyk::solver::Interrupt) {
        match self {
            AnyConfig::Newton(c) => c.interrupt = Some(interrupt),
            AnyConfig::Picard(c) => c.interrupt = Some(interrupt),
            AnyConfig::Fallback(c) => c.interrupt = Some(interrupt),
        }
    }

    /// Soft validity violations fail the solve too (`solve(strict=True)`).
    pub(crate) fn make_strict(&mut self) {
        match self {
            AnyConfig::Newton(c) => c.strict = true,
            AnyConfig::Picard(c) => c.strict = true,
            AnyConfig::Fallback(c) => c.newton.strict = true,
        }
    }
}
