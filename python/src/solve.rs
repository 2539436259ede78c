//! Running a solve from Python: the GIL released, signals polled, errors mapped with
//! their solution attached, and a `System` borrowed without panicking when another
//! thread is editing it.
use crate::config::AnyConfig;
use crate::errors::{solver_error, ConcurrentUseError};
use crate::signals::SignalWatch;
use crate::solution::PySolution;
use crate::system::PySystem;
use entropyk::solver::Solution;
use pyo3::prelude::*;

/// The message of a [`ConcurrentUseError`]: a `System` already in use by another thread.
const IN_USE: &str = "this System is in use by another thread (a solve or an edit running there); \
give each thread its own System (copy.copy(system))";

/// Borrows a system for reading or solving (solves write nothing into it, so any
/// number of threads can solve one system at once); [`ConcurrentUseError`] (not a
/// panic) while another thread is editing it.
pub(crate) fn borrow_system<'py>(system: &Bound<'py, PySystem>) -> PyResult<PyRef<'py, PySystem>> {
    system.try_borrow().map_err(|_| ConcurrentUseError::new_err(IN_USE))
}

/// Runs a solve with the GIL released.
pub(crate) fn run_solve(py: Python<'_>, system: &PySystem, config: AnyConfig) -> PyResult<PySolution> {
    run_solve_from(py, system, config, None)
}

/// Runs a solve with the GIL released, from a warm start if given.
pub(crate) fn run_solve_from(
    py: Python<'_>,
    system: &PySystem,
    config: AnyConfig,
    start: Option<&Solution>,
) -> PyResult<PySolution> {
    // Ctrl-C: the solver polls for signals on this thread between iterations.
    let watch = SignalWatch::new();
    let mut config = config;
    config.set_interrupt(watch.interrupt());
    let inner = &system.inner;
    let result = py.detach(|| match (&config, start) {
        (AnyConfig::Newton(c), None) => inner.solve(c),
        (AnyConfig::Picard(c), None) => inner.solve(c),
        (AnyConfig::Fallback(c), None) => inner.solve(c),
        (AnyConfig::Newton(c), Some(s)) => inner.solve_from(c, s),
        (AnyConfig::Picard(c), Some(s)) => inner.solve_from(c, s),
        (AnyConfig::Fallback(c), Some(s)) => inner.solve_from(c, s),
    });
    if let Some(e) = watch.take_error() {
        return Err(e);
    }
    let solution = result.map_err(solver_error)?;
    crate::violation::warn(py, solution.warnings())?;
    Ok(PySolution::new(solution))
}
