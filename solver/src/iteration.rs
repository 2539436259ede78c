//! The shared machinery of the iterative methods: the problem (residuals and
//! Jacobian of a finalized system), the iterate with its history, scaling, and
//! the step rules (pressure clipping, Armijo backtracking).
use crate::assemble::evaluate;
use crate::jacobian::{Factorization, Jacobian};
use crate::linearization::Linearization;
use crate::topology::Layout;
use crate::{IterationRecord, SolverError, System};
use nalgebra::DVector;
use std::sync::Arc;
use std::time::Instant;

/// Sufficient-decrease constant of the Armijo condition.
const ARMIJO: f64 = 1e-4;

/// A finalized system seen as `r(x) = 0`.
pub(crate) struct Equations<'a> {
    pub system: &'a System,
    pub layout: &'a Layout,
    /// Number of connection unknowns (`3 n_conn`); the control unknowns follow.
    pub n_connection_unknowns: usize,
}

impl<'a> Equations<'a> {
    pub fn n(&self) -> usize {
        self.layout.n_equations
    }
    pub fn residuals(&self, x: &DVector<f64>, r: &mut DVector<f64>) -> Result<(), SolverError> {
        evaluate(self.system, self.layout, x, r, None)
    }
    pub fn jacobian(&self, x: &DVector<f64>, r: &mut DVector<f64>, j: &mut Jacobian) -> Result<(), SolverError> {
        evaluate(self.system, self.layout, x, r, Some(j))
    }

    /// Largest step length in `(0, 1]` along `dx` from `x` keeping every pressure above
    /// `(1 - max_decrease)` of its value.
    pub fn pressure_limit(&self, x: &DVector<f64>, dx: &DVector<f64>, max_decrease: f64) -> f64 {
        let mut alpha: f64 = 1.0;
        for k in 0..self.n_connection_unknowns / 3 {
            let (p, dp) = (x[3 * k], dx[3 * k]);
            if dp < 0.0 {
                alpha = alpha.min(max_decrease * p / -dp);
            }
        }
        alpha
    }
}

/// (infinity norm, half squared 2-norm) of the residual `r` with row scales `scales`;
/// both infinite if any scaled entry is NaN.
pub(crate) fn scaled_norms(r: &DVector<f64>, scales: &DVector<f64>) -> (f64, f64) {
    let mut inf: f64 = 0.0;
    let mut sq = 0.0;
    // (over the slices: nalgebra's element iterators step by strides, several times
    // slower on these short vectors)
    for (ri, si) in r.as_slice().iter().zip(scales.as_slice()) {
        let v = ri * si;
        inf = inf.max(v.abs());
        sq += v * v;
    }
    if inf.is_nan() || sq.is_nan() {
        (f64::INFINITY, f64::INFINITY)
    } else {
        (inf, 0.5 * sq)
    }
}

/// Why an iteration loop stopped without converging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Its iteration allowance is used up.
    Exhausted,
    /// The residual rose for the configured number of iterations.
    Diverging,
    /// The line search found no acceptable step.
    LineSearchFailed,
    /// The shared time budget ran out.
    Timeout,
    /// The linear system could not be solved.
    Singular,
}

/// One iteration rule of an iterative method (Newton, Picard): advances the iterate by
/// one iteration, or says why it cannot. The loop around it, with the iteration limit,
/// the convergence test, the time budget and the cancellation check, is [`drive`],
/// shared by every method; the fallback alternates two rules within it.
pub(crate) trait StepRule {
    /// One iteration from `it`: `Ok(None)` to go on, `Ok(Some(stop))` to stop.
    fn step(&mut self, problem: &Equations, it: &mut Iterate) -> Result<Option<Stop>, SolverError>;
}

/// The iteration loop of every method: at most `max_iterations` steps of `rule`, each
/// preceded by the convergence test (scaled residual below `tolerance`: `Ok(None)`) and
/// the time-budget / cancellation check ([`Stop::Timeout`]); [`Stop::Exhausted`] when the
/// allowance runs out.
pub(crate) fn drive(
    rule: &mut dyn StepRule,
    problem: &Equations,
    it: &mut Iterate,
    max_iterations: usize,
    tolerance: f64,
) -> Result<Option<Stop>, SolverError> {
    for _ in 0..max_iterations {
        if it.norm < tolerance {
            return Ok(None);
        }
        if it.timed_out() {
            return Ok(Some(Stop::Timeout));
        }
        if let Some(stop) = rule.step(problem, it)? {
            return Ok(Some(stop));
        }
    }
    Ok(if it.norm < tolerance {
        None
    } else {
        Some(Stop::Exhausted)
    })
}

/// Outcome of [`Iterate::try_step_with_jacobian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The trial point failed the sufficient-decrease test (or could not be evaluated).
    Rejected,
    /// Moved to the trial point, with its Jacobian.
    Moved,
    /// Moved to the trial point, whose residual is below the tolerance (no Jacobian).
    Converged,
}

/// Current iterate, residual, Jacobian and history, shared by all methods so the
/// fallback can hand over without recomputation.
pub(crate) struct Iterate {
    pub x: DVector<f64>,
    pub r: DVector<f64>,
    pub j: Jacobian,
    /// Storage for the Jacobian at a trial point (swapped with `j` when accepted).
    spare: Jacobian,
    /// The latest factorization of `j`, with `scales` from the same Jacobian.
    lu: Option<Arc<Factorization>>,
    pub scales: DVector<f64>,
    /// Scaled residual (infinity norm) at `x`.
    pub norm: f64,
    /// Half squared scaled 2-norm at `x` (the line-search merit).
    pub merit: f64,
    pub history: Vec<IterationRecord>,
    pub best: (DVector<f64>, f64),
    pub deadline: Option<Instant>,
    /// Polled with the deadline (see [`Iterate::timed_out`]).
    pub interrupt: Option<crate::Interrupt>,
}

impl Iterate {
    /// Evaluates residuals and Jacobian at `x0` and records iterate 0.
    pub fn start(problem: &Equations, x0: DVector<f64>, deadline: Option<Instant>) -> Result<Iterate, SolverError> {
        let n = problem.n();
        let mut it = Iterate {
            r: DVector::zeros(n),
            j: Jacobian::zeros(n, n),
            spare: Jacobian::zeros(n, n),
            lu: None,
            scales: DVector::from_element(n, 1.0),
            norm: f64::INFINITY,
            merit: f64::INFINITY,
            history: Vec::new(),
            best: (x0.clone(), f64::INFINITY),
            x: x0,
            deadline,
            interrupt: None,
        };
        problem.jacobian(&it.x, &mut it.r, &mut it.j)?;
        it.rescale(problem);
        it.record(0.0);
        Ok(it)
    }

    /// Row scales `1 / max_j |J_ij| max(|x_j|, floor_j)` from the current Jacobian,
    /// then the norms of the current residual.
    pub fn rescale(&mut self, problem: &Equations) {
        const FLOORS: [f64; 3] = [1e3, 1e3, 1e-3];
        let nc = problem.n_connection_unknowns;
        let magnitude = |c: usize| self.x[c].abs().max(if c < nc { FLOORS[c % 3] } else { 1e-3 });
        let m = self.j.row_maxima(magnitude);
        for (si, mi) in self.scales.iter_mut().zip(m.iter()) {
            *si = if *mi > 0.0 && mi.is_finite() { 1.0 / mi } else { 1.0 };
        }
        (self.norm, self.merit) = self.norms(&self.r);
    }

    /// (infinity norm, half squared 2-norm) of a residual under the current scales.
    pub fn norms(&self, r: &DVector<f64>) -> (f64, f64) {
        scaled_norms(r, &self.scales)
    }

    pub fn record(&mut self, step_length: f64) {
        let iteration = self.history.len();
        self.history.push(IterationRecord {
            iteration,
            residual: self.norm,
            step_length,
        });
        if self.norm < self.best.1 {
            self.best = (self.x.clone(), self.norm);
        }
    }

    pub fn iterations(&self) -> usize {
        self.history.len().saturating_sub(1)
    }

    /// Whether the time budget ran out or the interrupt asks to stop (the driver tells
    /// the two apart when it reports the stop).
    pub fn timed_out(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() > d) || self.interrupt.as_ref().is_some_and(|i| i.is_requested())
    }

    /// Factorizes the current Jacobian (`None`: structurally singular) and keeps the
    /// factorization as the iterate's latest linearization.
    pub fn factorize(&mut self) -> Option<Arc<Factorization>> {
        self.lu = self.j.factorize().map(Arc::new);
        self.lu.clone()
    }

    /// The latest factorized Jacobian and its row scales, for warm starts from the
    /// solution (see [`crate::chord`]).
    pub fn linearization(&self, layout: &Arc<Layout>) -> Option<Arc<Linearization>> {
        self.lu.as_ref().map(|lu| {
            Arc::new(Linearization {
                layout: layout.clone(),
                lu: lu.clone(),
                scales: self.scales.clone(),
            })
        })
    }

    /// [`Equations::pressure_limit`] from the current iterate.
    pub fn pressure_limit(&self, problem: &Equations, dx: &DVector<f64>, max_decrease: f64) -> f64 {
        problem.pressure_limit(&self.x, dx, max_decrease)
    }

    /// Tries the step `alpha dx`: residuals at the trial point first; if they satisfy
    /// the Armijo condition the iterate moves there. Unless the residual there is already
    /// below `tolerance`, the Jacobian is then evaluated at the new point (its f64 inner
    /// solves are memoized by the fluid library, so the dual pass repeats none of them)
    /// and the norms are rescaled. A converged step keeps the previous row scales and
    /// Jacobian: nothing uses them once the solve has converged.
    pub fn try_step_with_jacobian(
        &mut self,
        problem: &Equations,
        dx: &DVector<f64>,
        alpha: f64,
        tolerance: f64,
    ) -> Step {
        let trial = &self.x + dx * alpha;
        let n = self.r.len();
        let mut r = DVector::zeros(n);
        if problem.residuals(&trial, &mut r).is_err() {
            return Step::Rejected;
        }
        let (norm, merit) = self.norms(&r);
        if !(merit.is_finite() && merit <= self.merit * (1.0 - 2.0 * ARMIJO * alpha)) {
            return Step::Rejected;
        }
        if norm < tolerance {
            self.x = trial;
            self.r = r;
            (self.norm, self.merit) = (norm, merit);
            return Step::Converged;
        }
        if problem.jacobian(&trial, &mut r, &mut self.spare).is_err() {
            return Step::Rejected;
        }
        self.x = trial;
        self.r = r;
        std::mem::swap(&mut self.j, &mut self.spare);
        self.rescale(problem);
        Step::Moved
    }

    /// Backtracking line search from `alpha` along `dx` on the merit `1/2 |D r|^2`,
    /// accepting the Armijo condition for a Newton direction (`armijo = true`) or
    /// any decrease (`armijo = false`). On success `x` and `r` move to the new
    /// point (the Jacobian is not updated) and the accepted length is returned.
    pub fn line_search(
        &mut self,
        problem: &Equations,
        dx: &DVector<f64>,
        mut alpha: f64,
        max_backtracks: usize,
        armijo: bool,
    ) -> Option<f64> {
        let mut trial_r = DVector::zeros(self.r.len());
        for _ in 0..=max_backtracks {
            let trial = &self.x + dx * alpha;
            if problem.residuals(&trial, &mut trial_r).is_ok() {
                let (norm, merit) = self.norms(&trial_r);
                let target = if armijo {
                    self.merit * (1.0 - 2.0 * ARMIJO * alpha)
                } else {
                    self.merit
                };
                if merit.is_finite() && merit <= target {
                    self.x = trial;
                    self.r = trial_r;
                    (self.norm, self.merit) = (norm, merit);
                    return Some(alpha);
                }
            }
            alpha *= 0.5;
        }
        None
    }
}
