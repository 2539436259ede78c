//! One solver configuration type: [`Config`], the method and its settings.
//!
//! Each method has its settings struct ([`NewtonConfig`], [`PicardConfig`],
//! [`FallbackConfig`]) with its defaults defined once, in its `Default`; [`Config`] is
//! the choice among them, the one type bindings hold. Settings are validated in one
//! place ([`Config::validate`]), which every solve calls.
use crate::iteration::{Equations, Iterate, Stop};
use crate::{FallbackConfig, Interrupt, NewtonConfig, PicardConfig, SolverError};
use std::borrow::Cow;
use std::time::Duration;

/// The iterative method of a solve and its settings.
///
/// ```
/// use entropyk_solver::Config;
/// let mut config = Config::from_method("fallback").unwrap();
/// config.set_tolerance(1e-9);
/// assert_eq!(config.name(), "Newton with Picard fallback");
/// assert!(config.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Config {
    /// Newton's method.
    Newton(NewtonConfig),
    /// Picard iteration.
    Picard(PicardConfig),
    /// Newton with Picard fallback.
    Fallback(FallbackConfig),
}

impl Default for Config {
    /// Newton's method with its default settings.
    fn default() -> Self {
        Config::Newton(NewtonConfig::default())
    }
}

/// A solver configuration accepted by [`crate::System::solve`]: a [`Config`] or one
/// method's settings.
pub trait SolverConfig {
    /// The configuration as a [`Config`] (borrowed when it is one).
    fn config(&self) -> Cow<'_, Config>;
}

impl SolverConfig for Config {
    fn config(&self) -> Cow<'_, Config> {
        Cow::Borrowed(self)
    }
}

impl SolverConfig for NewtonConfig {
    fn config(&self) -> Cow<'_, Config> {
        Cow::Owned(Config::Newton(self.clone()))
    }
}

impl SolverConfig for PicardConfig {
    fn config(&self) -> Cow<'_, Config> {
        Cow::Owned(Config::Picard(self.clone()))
    }
}

impl SolverConfig for FallbackConfig {
    fn config(&self) -> Cow<'_, Config> {
        Cow::Owned(Config::Fallback(self.clone()))
    }
}

impl From<NewtonConfig> for Config {
    fn from(c: NewtonConfig) -> Self {
        Config::Newton(c)
    }
}

impl From<PicardConfig> for Config {
    fn from(c: PicardConfig) -> Self {
        Config::Picard(c)
    }
}

impl From<FallbackConfig> for Config {
    fn from(c: FallbackConfig) -> Self {
        Config::Fallback(c)
    }
}

/// `value` unless it fails `valid`, else [`SolverError::InvalidConfiguration`].
fn check(setting: &'static str, value: f64, ok: bool, valid: &'static str) -> Result<(), SolverError> {
    if ok {
        Ok(())
    } else {
        Err(SolverError::InvalidConfiguration { setting, value, valid })
    }
}

impl Config {
    /// The method named `method` (`"newton"`, `"picard"` or `"fallback"`, any case) with
    /// its default settings.
    pub fn from_method(method: &str) -> Result<Config, SolverError> {
        match method.to_ascii_lowercase().as_str() {
            "newton" => Ok(Config::Newton(NewtonConfig::default())),
            "picard" => Ok(Config::Picard(PicardConfig::default())),
            "fallback" => Ok(Config::Fallback(FallbackConfig::default())),
            _ => Err(SolverError::UnknownMethod {
                method: crate::cut_message(method.to_owned(), 64),
            }),
        }
    }

    /// The method's name in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Config::Newton(_) => "Newton",
            Config::Picard(_) => "Picard",
            Config::Fallback(_) => "Newton with Picard fallback",
        }
    }

    /// Convergence tolerance on the scaled residual (the fallback's: its Newton's).
    pub fn tolerance(&self) -> f64 {
        match self {
            Config::Newton(c) => c.tolerance,
            Config::Picard(c) => c.tolerance,
            Config::Fallback(c) => c.newton.tolerance,
        }
    }

    /// Sets [`Config::tolerance`].
    pub fn set_tolerance(&mut self, tolerance: f64) {
        match self {
            Config::Newton(c) => c.tolerance = tolerance,
            Config::Picard(c) => c.tolerance = tolerance,
            Config::Fallback(c) => c.newton.tolerance = tolerance,
        }
    }

    /// Iteration limit (the fallback's: its Newton iterations).
    pub fn max_iterations(&self) -> usize {
        match self {
            Config::Newton(c) => c.max_iterations,
            Config::Picard(c) => c.max_iterations,
            Config::Fallback(c) => c.newton.max_iterations,
        }
    }

    /// Sets [`Config::max_iterations`].
    pub fn set_max_iterations(&mut self, max_iterations: usize) {
        match self {
            Config::Newton(c) => c.max_iterations = max_iterations,
            Config::Picard(c) => c.max_iterations = max_iterations,
            Config::Fallback(c) => c.newton.max_iterations = max_iterations,
        }
    }

    /// Wall-clock budget of the whole solve (`None`: unlimited).
    pub fn time_budget(&self) -> Option<Duration> {
        match self {
            Config::Newton(c) => c.time_budget,
            Config::Picard(c) => c.time_budget,
            Config::Fallback(c) => c.time_budget,
        }
    }

    /// Sets [`Config::time_budget`].
    pub fn set_time_budget(&mut self, budget: Option<Duration>) {
        match self {
            Config::Newton(c) => c.time_budget = budget,
            Config::Picard(c) => c.time_budget = budget,
            Config::Fallback(c) => c.time_budget = budget,
        }
    }

    /// The cancellation hook.
    pub fn interrupt(&self) -> Option<&Interrupt> {
        match self {
            Config::Newton(c) => c.interrupt.as_ref(),
            Config::Picard(c) => c.interrupt.as_ref(),
            Config::Fallback(c) => c.interrupt.as_ref(),
        }
    }

    /// Sets the cancellation hook (e.g. Ctrl-C from Python).
    pub fn set_interrupt(&mut self, interrupt: Option<Interrupt>) {
        match self {
            Config::Newton(c) => c.interrupt = interrupt,
            Config::Picard(c) => c.interrupt = interrupt,
            Config::Fallback(c) => c.interrupt = interrupt,
        }
    }

    /// Whether soft validity violations fail the solve too.
    pub fn strict(&self) -> bool {
        match self {
            Config::Newton(c) => c.strict,
            Config::Picard(c) => c.strict,
            Config::Fallback(c) => c.newton.strict,
        }
    }

    /// Sets [`Config::strict`].
    pub fn set_strict(&mut self, strict: bool) {
        match self {
            Config::Newton(c) => c.strict = strict,
            Config::Picard(c) => c.strict = strict,
            Config::Fallback(c) => c.newton.strict = strict,
        }
    }

    /// Checks every setting: tolerances finite and > 0, relaxation in (0, 1], the
    /// largest pressure decrease per step in (0, 1).
    pub fn validate(&self) -> Result<(), SolverError> {
        match self {
            Config::Newton(c) => validate_newton(c),
            Config::Picard(c) => validate_picard(c),
            Config::Fallback(c) => {
                validate_newton(&c.newton)?;
                // the fallback's Picard phases use its Newton's tolerance
                validate_picard(&PicardConfig {
                    tolerance: c.newton.tolerance,
                    ..c.picard.clone()
                })
            }
        }
    }

    /// Runs the method from `it` until it converges (`None`) or stops.
    pub(crate) fn run(&self, problem: &Equations, it: &mut Iterate) -> Result<Option<Stop>, SolverError> {
        match self {
            Config::Newton(c) => crate::newton::iterate(c, problem, it, c.max_iterations, None),
            Config::Picard(c) => crate::picard::iterate(c, problem, it, c.max_iterations),
            Config::Fallback(c) => crate::fallback::iterate(c, problem, it),
        }
    }
}

fn validate_tolerance(tolerance: f64) -> Result<(), SolverError> {
    check(
        "tolerance",
        tolerance,
        tolerance > 0.0 && tolerance.is_finite(),
        "a finite number > 0",
    )
}

fn validate_pressure_decrease(d: f64) -> Result<(), SolverError> {
    check("max_pressure_decrease", d, d > 0.0 && d < 1.0, "0 < d < 1")
}

fn validate_newton(c: &NewtonConfig) -> Result<(), SolverError> {
    validate_tolerance(c.tolerance)?;
    validate_pressure_decrease(c.max_pressure_decrease)
}

fn validate_picard(c: &PicardConfig) -> Result<(), SolverError> {
    validate_tolerance(c.tolerance)?;
    validate_pressure_decrease(c.max_pressure_decrease)?;
    check(
        "relaxation",
        c.relaxation,
        c.relaxation > 0.0 && c.relaxation <= 1.0,
        "0 < w <= 1",
    )
}
