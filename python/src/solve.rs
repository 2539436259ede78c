//! Running a solve from Python: the GIL released, signals polled (Ctrl-C), errors
//! mapped with their solution attached, warnings issued.
use crate::errors::solver_error;
use crate::signals::SignalWatch;
use crate::solution::PySolution;
use entropyk::solver::{Config, Solution, System};
use pyo3::prelude::*;

/// Runs a solve of `system` with the GIL released, from a warm start if given.
pub(crate) fn run_solve(
    py: Python<'_>,
    system: &System,
    config: Config,
    start: Option<&Solution>,
) -> PyResult<PySolution> {
    // Ctrl-C: the solver polls for signals on this thread between iterations.
    let watch = SignalWatch::new();
    let mut config = config;
    config.set_interrupt(Some(watch.interrupt()));
    let result = py.detach(|| match start {
        None => system.solve(&config),
        Some(s) => system.solve_from(&config, s),
    });
    if let Some(e) = watch.take_error() {
        return Err(e);
    }
    let solution = result.map_err(solver_error)?;
    crate::violation::warn(py, solution.warnings())?;
    Ok(PySolution::new(solution))
}
