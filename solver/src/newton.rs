//! Newton's method with the exact Jacobian, Armijo backtracking and optional
//! Jacobian reuse (freezing).
use crate::iteration::{drive, Equations, Iterate, Step, StepRule, Stop};
use crate::SolverError;
use std::time::Duration;

/// Settings of Newton's method.
///
/// Each iteration solves `J(x) dx = -r(x)` with the exact Jacobian (dense LU),
/// limits the step so that no pressure falls by more than
/// [`NewtonConfig::max_pressure_decrease`], and backtracks (halving) until the
/// Armijo condition on `1/2 |D r|^2` holds (Dennis & Schnabel, *Numerical Methods
/// for Unconstrained Optimization and Nonlinear Equations*, 1996, §6.3).
#[derive(Debug, Clone, PartialEq)]
pub struct NewtonConfig {
    /// Largest number of Newton iterations.
    pub max_iterations: usize,
    /// Convergence tolerance on the scaled residual (infinity norm). Each row is
    /// divided by the largest `|J_ij| x_j` of its Jacobian row, so the measure is a
    /// relative imbalance (e.g. W of energy balance per W exchanged).
    pub tolerance: f64,
    /// Largest number of step halvings in the line search.
    pub max_backtracks: usize,
    /// Largest relative pressure decrease in one step (keeps pressures positive).
    pub max_pressure_decrease: f64,
    /// Reuse one Jacobian factorization for up to this many further iterations while
    /// each step at least halves the residual (0: fresh Jacobian every iteration).
    pub jacobian_reuse: usize,
    /// Optional wall-clock budget for the whole solve; one too long to add to the
    /// current time (e.g. `Duration::MAX`) means no limit.
    pub time_budget: Option<Duration>,
    /// Optional cancellation hook, polled once per iteration: when it asks to stop,
    /// the solve fails with [`crate::SolverError::Interrupted`] (see [`crate::Interrupt`]).
    pub interrupt: Option<crate::Interrupt>,
    /// Whether soft validity violations (a map extrapolated, a pinch) fail the solve
    /// with [`crate::SolverError::Physics`] like hard ones, instead of being warnings
    /// on the solution ([`crate::Solution::warnings`]).
    pub strict: bool,
}

impl Default for NewtonConfig {
    fn default() -> Self {
        NewtonConfig {
            max_iterations: 50,
            tolerance: 1e-11,
            max_backtracks: 30,
            max_pressure_decrease: 0.5,
            jacobian_reuse: 0,
            time_budget: None,
            interrupt: None,
            strict: false,
        }
    }
}

/// Runs at most `max_iterations` Newton iterations on `it` (the shared loop
/// [`drive`] with the [`NewtonStep`] rule). Returns `Ok(None)` on convergence,
/// `Ok(Some(stop))` when stopping otherwise; `diverging_after` stops after that many
/// consecutive rises of the residual.
pub(crate) fn iterate(
    config: &NewtonConfig,
    problem: &Equations,
    it: &mut Iterate,
    max_iterations: usize,
    diverging_after: Option<usize>,
) -> Result<Option<Stop>, SolverError> {
    let mut rule = NewtonStep {
        config,
        lu: it.factorize(),
        age: 0,
        rises: 0,
        diverging_after,
    };
    drive(&mut rule, problem, it, max_iterations, config.tolerance)
}

/// One Newton iteration: the step `-J^{-1} r` limited by the pressure rule, tried at full
/// length together with the next Jacobian, else backtracked (Armijo); the Jacobian is
/// refreshed every iteration unless `jacobian_reuse` allows keeping it.
pub(crate) struct NewtonStep<'c> {
    config: &'c NewtonConfig,
    /// The factorized Jacobian the next step solves with.
    lu: Option<std::sync::Arc<crate::jacobian::Factorization>>,
    /// Iterations the current Jacobian has been reused for.
    age: usize,
    /// Consecutive rises of the residual.
    rises: usize,
    diverging_after: Option<usize>,
}

impl StepRule for NewtonStep<'_> {
    fn step(&mut self, problem: &Equations, it: &mut Iterate) -> Result<Option<Stop>, SolverError> {
        let config = self.config;
        let Some(dx) = self.lu.as_ref().and_then(|lu| lu.solve(&(-&it.r))) else {
            return Ok(Some(Stop::Singular));
        };
        let alpha = it.pressure_limit(problem, &dx, config.max_pressure_decrease);
        let previous = it.norm;
        // With a fresh Jacobian each iteration, try the first step together with the
        // next Jacobian; backtrack (residuals only) from half of it if that fails.
        let tried = if config.jacobian_reuse == 0 {
            it.try_step_with_jacobian(problem, &dx, alpha, config.tolerance)
        } else {
            Step::Rejected
        };
        let step = if tried != Step::Rejected {
            if tried == Step::Moved {
                self.lu = it.factorize();
            }
            alpha
        } else {
            let start = if config.jacobian_reuse == 0 { 0.5 * alpha } else { alpha };
            let Some(step) = it.line_search(problem, &dx, start, config.max_backtracks, true) else {
                return Ok(Some(Stop::LineSearchFailed));
            };
            if self.age < config.jacobian_reuse && it.norm < 0.5 * previous {
                self.age += 1;
            } else {
                problem.jacobian(&it.x, &mut it.r, &mut it.j)?;
                it.rescale(problem);
                self.lu = it.factorize();
                self.age = 0;
            }
            step
        };
        it.record(step);
        self.rises = if it.norm > previous { self.rises + 1 } else { 0 };
        if self.diverging_after.is_some_and(|n| self.rises >= n) {
            return Ok(Some(Stop::Diverging));
        }
        Ok(None)
    }
}
