//! Picard (fixed-point) iteration with a frozen Jacobian and relaxation.
use crate::iteration::{drive, Equations, Iterate, StepRule, Stop};
use crate::SolverError;
use std::time::Duration;

/// Settings of the Picard iteration.
///
/// Successive substitution on the fixed-point form `x = G(x) = x - w J0^-1 r(x)`:
/// the Jacobian `J0` is factorized once and refreshed every
/// [`PicardConfig::refresh_every`] iterations (the chord method; Kelley, *Iterative
/// Methods for Linear and Nonlinear Equations*, SIAM 1995, §5.4), and each step is
/// relaxed by `w`. It converges linearly but tolerates poor starting points and
/// rough residuals better than full Newton steps; the relaxed step is accepted
/// whenever the residual can be evaluated (halved otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct PicardConfig {
    /// Largest number of iterations.
    pub max_iterations: usize,
    /// Convergence tolerance on the scaled residual (infinity norm), as in Newton.
    pub tolerance: f64,
    /// Relaxation factor `w` in `(0, 1]`.
    pub relaxation: f64,
    /// Refresh the Jacobian every this many iterations (0: never).
    pub refresh_every: usize,
    /// Largest relative pressure decrease in one step.
    pub max_pressure_decrease: f64,
    /// Optional wall-clock budget for the whole solve; one too long to add to the
    /// current time (e.g. `Duration::MAX`) means no limit.
    pub time_budget: Option<Duration>,
    /// Optional cancellation hook, polled once per iteration: when it asks to stop,
    /// the solve fails with [`crate::SolverError::Interrupted`] (see [`crate::Interrupt`]).
    pub interrupt: Option<crate::Interrupt>,
    /// Whether soft validity violations fail the solve, as [`crate::NewtonConfig::strict`].
    pub strict: bool,
}

impl Default for PicardConfig {
    fn default() -> Self {
        PicardConfig {
            max_iterations: 500,
            tolerance: 1e-11,
            relaxation: 0.7,
            refresh_every: 10,
            max_pressure_decrease: 0.5,
            time_budget: None,
            interrupt: None,
            strict: false,
        }
    }
}

/// Largest number of halvings of a Picard step whose residual cannot be evaluated.
const MAX_HALVINGS: usize = 20;

/// Runs at most `max_iterations` Picard iterations on `it` (the shared loop [`drive`]
/// with the [`PicardStep`] rule).
pub(crate) fn iterate(
    config: &PicardConfig,
    problem: &Equations,
    it: &mut Iterate,
    max_iterations: usize,
) -> Result<Option<Stop>, SolverError> {
    let mut rule = PicardStep {
        config,
        lu: it.factorize(),
        taken: 0,
    };
    drive(&mut rule, problem, it, max_iterations, config.tolerance)
}

/// One Picard iteration: the relaxed step on the frozen Jacobian, accepted at any
/// evaluable point (a fixed-point step need not decrease the merit); the Jacobian is
/// refreshed every `refresh_every` iterations.
pub(crate) struct PicardStep<'c> {
    config: &'c PicardConfig,
    /// The frozen factorized Jacobian.
    lu: Option<std::sync::Arc<crate::jacobian::Factorization>>,
    /// Iterations taken.
    taken: usize,
}

impl StepRule for PicardStep<'_> {
    fn step(&mut self, problem: &Equations, it: &mut Iterate) -> Result<Option<Stop>, SolverError> {
        let config = self.config;
        self.taken += 1;
        let Some(dx) = self.lu.as_ref().and_then(|lu| lu.solve(&(-&it.r))) else {
            return Ok(Some(Stop::Singular));
        };
        let alpha = config
            .relaxation
            .min(it.pressure_limit(problem, &dx, config.max_pressure_decrease));
        let Some(step) = it.line_search(problem, &dx, alpha, MAX_HALVINGS, false).or_else(|| {
            let mut r = it.r.clone();
            let trial = &it.x + &dx * alpha;
            problem.residuals(&trial, &mut r).ok().map(|_| {
                it.x = trial;
                (it.norm, it.merit) = it.norms(&r);
                it.r = r;
                alpha
            })
        }) else {
            return Ok(Some(Stop::LineSearchFailed));
        };
        if config.refresh_every > 0 && self.taken.is_multiple_of(config.refresh_every) {
            problem.jacobian(&it.x, &mut it.r, &mut it.j)?;
            it.rescale(problem);
            self.lu = it.factorize();
        }
        it.record(step);
        Ok(None)
    }
}
