//! Newton with a fallback to Picard when Newton stalls or diverges.
use crate::iteration::{Equations, Iterate, Stop};
use crate::{NewtonConfig, PicardConfig, SolverError};
use std::time::Duration;

/// Settings of the fallback strategy: Newton first; when its residual rises for
/// [`FallbackConfig::divergence_patience`] consecutive iterations or its line
/// search fails, switch to Picard for [`FallbackConfig::picard_iterations`]
/// iterations, then back to Newton; at most [`FallbackConfig::max_switches`]
/// switches. One time budget covers the whole solve.
#[derive(Debug, Clone, PartialEq)]
pub struct FallbackConfig {
    /// Newton settings (its `max_iterations` is the total Newton allowance).
    pub newton: NewtonConfig,
    /// Picard settings (its tolerance is not used: Newton's decides convergence).
    pub picard: PicardConfig,
    /// Consecutive residual rises that trigger a switch to Picard.
    pub divergence_patience: usize,
    /// Picard iterations per switch.
    pub picard_iterations: usize,
    /// Largest number of Newton -> Picard switches.
    pub max_switches: usize,
    /// Optional wall-clock budget for the whole solve; one too long to add to the
    /// current time (e.g. `Duration::MAX`) means no limit.
    pub time_budget: Option<Duration>,
    /// Optional cancellation hook, polled once per iteration (the sub-configurations'
    /// own hooks are not used): when it asks to stop, the solve fails with
    /// [`crate::SolverError::Interrupted`] (see [`crate::Interrupt`]).
    pub interrupt: Option<crate::Interrupt>,
}

impl Default for FallbackConfig {
    fn default() -> Self {
        FallbackConfig {
            newton: NewtonConfig::default(),
            picard: PicardConfig::default(),
            divergence_patience: 3,
            picard_iterations: 20,
            max_switches: 4,
            time_budget: None,
            interrupt: None,
        }
    }
}

/// Runs the fallback strategy on `it`; `Ok(None)` on convergence.
pub(crate) fn iterate(
    config: &FallbackConfig,
    problem: &Equations,
    it: &mut Iterate,
) -> Result<Option<Stop>, SolverError> {
    let mut newton_left = config.newton.max_iterations;
    let mut switches = 0;
    loop {
        let before = it.iterations();
        let stop = crate::newton::iterate(
            &config.newton,
            problem,
            it,
            newton_left,
            Some(config.divergence_patience),
        )?;
        newton_left = newton_left.saturating_sub(it.iterations() - before);
        match stop {
            None => return Ok(None),
            Some(Stop::Diverging | Stop::LineSearchFailed | Stop::Singular) if switches < config.max_switches => {
                switches += 1;
                // Restart from the best point seen, with a fresh Jacobian.
                if it.best.1 < it.norm {
                    it.x = it.best.0.clone();
                }
                problem.jacobian(&it.x, &mut it.r, &mut it.j)?;
                it.rescale(problem);
                let picard = PicardConfig {
                    tolerance: config.newton.tolerance,
                    ..config.picard.clone()
                };
                match crate::picard::iterate(&picard, problem, it, config.picard_iterations)? {
                    None => return Ok(None),
                    Some(Stop::Timeout) => return Ok(Some(Stop::Timeout)),
                    Some(_) => {
                        problem.jacobian(&it.x, &mut it.r, &mut it.j)?;
                        it.rescale(problem);
                    }
                }
                if newton_left == 0 {
                    return Ok(Some(Stop::Exhausted));
                }
            }
            Some(stop) => return Ok(Some(stop)),
        }
    }
}
