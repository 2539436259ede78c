//! Newton's method with the exact Jacobian and a backtracking line search.
use crate::assemble::evaluate;
use crate::topology::Layout;
use crate::{Solution, SolverError, System};
use nalgebra::{DMatrix, DVector};
use std::time::{Duration, Instant};

/// Settings of [`System::solve`].
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
    /// Optional wall-clock budget for the whole solve.
    pub time_budget: Option<Duration>,
}

impl Default for NewtonConfig {
    fn default() -> Self {
        NewtonConfig {
            max_iterations: 50,
            tolerance: 1e-11,
            max_backtracks: 30,
            max_pressure_decrease: 0.5,
            time_budget: None,
        }
    }
}

/// One entry of the convergence history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IterationRecord {
    /// Iteration number (0: initial guess).
    pub iteration: usize,
    /// Scaled residual, infinity norm.
    pub residual: f64,
    /// Line-search step length taken to reach this iterate (1: full Newton step).
    pub step_length: f64,
}

/// Sufficient-decrease constant of the Armijo condition.
const ARMIJO: f64 = 1e-4;

/// Row scales `1 / max_j |J_ij| max(|x_j|, floor_j)`.
fn row_scales(j: &DMatrix<f64>, x: &DVector<f64>, scales: &mut DVector<f64>) {
    const FLOORS: [f64; 3] = [1e3, 1e3, 1e-3];
    for i in 0..j.nrows() {
        let mut m: f64 = 0.0;
        for c in 0..j.ncols() {
            m = m.max((j[(i, c)] * x[c].abs().max(FLOORS[c % 3])).abs());
        }
        scales[i] = if m > 0.0 && m.is_finite() { 1.0 / m } else { 1.0 };
    }
}

fn scaled_norm(r: &DVector<f64>, scales: &DVector<f64>) -> (f64, f64) {
    let mut inf: f64 = 0.0;
    let mut sq = 0.0;
    for (ri, si) in r.iter().zip(scales.iter()) {
        let v = ri * si;
        inf = inf.max(v.abs());
        sq += v * v;
    }
    (if inf.is_nan() { f64::INFINITY } else { inf }, 0.5 * sq)
}

fn make_solution(
    system: &System,
    layout: &Layout,
    x: DVector<f64>,
    residual: f64,
    history: Vec<IterationRecord>,
    converged: bool,
) -> Solution {
    let states = crate::assemble::connection_states(&x);
    let outputs = system
        .components
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let ports: Vec<_> = layout.port_connections[ci].iter().map(|&k| states[k]).collect();
            (
                c.name().to_owned(),
                c.kind(),
                c.outputs(&ports, &system.parameters[ci]).unwrap_or_default(),
            )
        })
        .collect();
    let mut ports = Vec::new();
    let mut media = Vec::with_capacity(system.connections.len());
    for (k, connection) in system.connections.iter().enumerate() {
        ports.push((system.port_label(connection.from), k));
        ports.push((system.port_label(connection.to), k));
        media.push(
            system.components[connection.from.component].ports()[connection.from.port]
                .medium
                .clone(),
        );
    }
    Solution {
        labels: (0..system.connections.len())
            .map(|k| system.connection_label(k))
            .collect(),
        x,
        ports,
        media,
        outputs,
        residual,
        history,
        converged,
    }
}

/// Runs Newton from `x0` on a finalized system.
pub(crate) fn solve(system: &System, mut x: DVector<f64>, config: &NewtonConfig) -> Result<Solution, SolverError> {
    let layout = system.layout.as_ref().expect("finalized");
    let n = layout.n_equations;
    let start = Instant::now();
    let mut r = DVector::zeros(n);
    let mut j = DMatrix::zeros(n, n);
    let mut scales = DVector::from_element(n, 1.0);
    let mut trial_r = DVector::zeros(n);
    evaluate(system, layout, &x, &mut r, Some(&mut j))?;
    let mut history = Vec::new();
    let mut step_length = 0.0;
    let mut best: Option<(DVector<f64>, f64)> = None;
    let give_up =
        |x: DVector<f64>, residual: f64, history: Vec<IterationRecord>, reason: &'static str, iterations: usize| {
            SolverError::NotConverged {
                iterations,
                residual,
                tolerance: config.tolerance,
                reason,
                best: Box::new(make_solution(system, layout, x, residual, history, false)),
            }
        };
    for iteration in 0..=config.max_iterations {
        row_scales(&j, &x, &mut scales);
        let (norm, phi) = scaled_norm(&r, &scales);
        history.push(IterationRecord {
            iteration,
            residual: norm,
            step_length,
        });
        if best.as_ref().is_none_or(|(_, b)| norm < *b) {
            best = Some((x.clone(), norm));
        }
        if norm < config.tolerance {
            return Ok(make_solution(system, layout, x, norm, history, true));
        }
        if iteration == config.max_iterations {
            break;
        }
        if let Some(budget) = config.time_budget {
            if start.elapsed() > budget {
                let (bx, bn) = best.expect("recorded");
                return Err(SolverError::Timeout {
                    budget_s: budget.as_secs_f64(),
                    iterations: iteration,
                    residual: bn,
                    best: Box::new(make_solution(system, layout, bx, bn, history, false)),
                });
            }
        }
        let dx = match j.clone().lu().solve(&(-&r)) {
            Some(dx) if dx.iter().all(|v| v.is_finite()) => dx,
            _ => return Err(SolverError::SingularJacobian { iteration }),
        };
        // Largest step keeping every pressure above (1 - max decrease) of its value.
        let mut alpha: f64 = 1.0;
        for k in 0..n / 3 {
            let (p, dp) = (x[3 * k], dx[3 * k]);
            if dp < 0.0 {
                alpha = alpha.min(config.max_pressure_decrease * p / -dp);
            }
        }
        let mut accepted = None;
        for _ in 0..=config.max_backtracks {
            let trial = &x + &dx * alpha;
            if evaluate(system, layout, &trial, &mut trial_r, None).is_ok() {
                let (_, phi_trial) = scaled_norm(&trial_r, &scales);
                if phi_trial.is_finite() && phi_trial <= phi * (1.0 - 2.0 * ARMIJO * alpha) {
                    accepted = Some(trial);
                    break;
                }
            }
            alpha *= 0.5;
        }
        let Some(trial) = accepted else {
            let (bx, bn) = best.expect("recorded");
            return Err(give_up(bx, bn, history, "line search found no decrease", iteration));
        };
        x = trial;
        step_length = alpha;
        evaluate(system, layout, &x, &mut r, Some(&mut j))?;
    }
    let (bx, bn) = best.expect("recorded");
    Err(give_up(
        bx,
        bn,
        history,
        "iteration limit reached",
        config.max_iterations,
    ))
}
