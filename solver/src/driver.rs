//! The solve driver: finalize, guess, run the configured method, enforce control
//! bounds, and build the [`Solution`] or the error carrying the best iterate.
use crate::chord::{self, Chord};
use crate::guess::initial_guess;
use crate::iteration::{Equations, Iterate, Stop};
use crate::topology::Layout;
use crate::{Config, IterationRecord, SaturatedControl, Solution, SolverConfig, SolverError, System};
use nalgebra::DVector;
use std::sync::Arc;
use std::time::Instant;

/// Solves `system` (compiled into `compiled`, see [`crate::Problem`]) with `config`; see [`System::solve`]. With
/// `start`, a warm start from that solution, whose connection states `states` replaces
/// when given (a predictor).
pub(crate) fn solve<C: SolverConfig>(
    compiled: &Arc<Layout>,
    system: &System,
    config: &C,
    start: Option<&Solution>,
    states: Option<&DVector<f64>>,
    started: Instant,
) -> Result<Solution, SolverError> {
    let config = config.config();
    let method: &Config = &config;
    method.validate()?;
    // A budget too long to add to the clock (e.g. Duration::MAX) is no limit, not a panic.
    // The budget counts from `started`, before the compile and the initial guess.
    let deadline = method.time_budget().and_then(|b| started.checked_add(b));
    // Per control: the bound it is held at (local to this solve, never stored).
    let mut held: Vec<Option<f64>> = vec![None; system.controls.len()];
    let mut saturated = Vec::new();
    let n_conn_unknowns = 3 * system.connections.len();
    let mut warm: Option<DVector<f64>> = match start {
        Some(s) if s.state_vector().len() >= n_conn_unknowns && s.n_connections == system.connections.len() => {
            match states {
                Some(x) if x.len() == s.state_vector().len() => Some(x.clone()),
                _ => Some(DVector::from_column_slice(s.state_vector())),
            }
        }
        Some(_) => {
            return Err(SolverError::InvalidConfiguration {
                setting: "warm start",
                value: start.map_or(0.0, |s| s.state_vector().len() as f64),
                valid: "a solution of this system (same connections)",
            })
        }
        None => None,
    };
    loop {
        let mut failed_beyond_bounds = false;
        // the compiled layout, or one with the controls held at a bound fixed there
        let layout = if held.iter().all(Option::is_none) {
            compiled.clone()
        } else {
            Arc::new(Layout::build(system, &held)?)
        };
        let problem = Equations {
            system,
            layout: &layout,
            n_connection_unknowns: 3 * system.connections.len(),
        };
        let x0 = match &warm {
            // Warm start: the connection states come from the previous solution, so
            // the automatic guess is not needed; controls start at their parameter values.
            Some(w) => {
                let mut x = DVector::zeros(layout.n_equations);
                x.rows_mut(0, n_conn_unknowns).copy_from(&w.rows(0, n_conn_unknowns));
                for c in &layout.controls {
                    let control = &system.controls[c.control];
                    let previous = start.and_then(|s| s.parameter(&control.parameter));
                    x[c.column] = previous
                        .unwrap_or(system.parameters[c.component][c.parameter])
                        .clamp(control.min, control.max);
                }
                x
            }
            None => initial_guess(system, &layout)?,
        };
        // Warm start with the previous solution's factorized Jacobian: chord steps first.
        let linearization = start
            .and_then(|s| s.linearization.clone())
            .filter(|l| warm.is_some() && chord::usable(l, &layout));
        let chord = match &linearization {
            Some(lin) => chord::chord_steps(&problem, lin, x0, method.tolerance()),
            None => Chord::Continue {
                x: x0,
                history: Vec::new(),
            },
        };
        let (x, norm, history, linearization) = match chord {
            Chord::Converged {
                x,
                norm,
                history,
                stale,
            } => {
                let linearization = if stale {
                    // a fresh factorized Jacobian at the solution, for the next warm start
                    let mut at_solution = Iterate::start(&problem, x.clone(), deadline)?;
                    at_solution.factorize();
                    at_solution.linearization(&layout)
                } else {
                    linearization
                };
                (x, norm, history, linearization)
            }
            Chord::Continue {
                x,
                history: chord_history,
            } => {
                let mut it = Iterate::start(&problem, x, deadline)?;
                it.interrupt = method.interrupt().cloned();
                let stop = method.run(&problem, &mut it)?;
                it.history = continued(chord_history, std::mem::take(&mut it.history));
                if let Some(stop) = stop {
                    let interrupted = method.interrupt().is_some_and(|i| i.is_requested());
                    let best = &it.best.0;
                    let beyond = layout.controls.iter().any(|c| {
                        let control = &system.controls[c.control];
                        !(control.min..=control.max).contains(&best[c.column])
                    });
                    if interrupted || !beyond {
                        return Err(failure(&problem, &layout, it, stop, method, interrupted));
                    }
                    // A control driven far beyond its bounds towards a set point it
                    // cannot meet can take the model out of its range and stop the
                    // iteration: hold it at its bound and solve again from the guess, as
                    // a converged value beyond the bounds is held below.
                    failed_beyond_bounds = true;
                    (it.best.0.clone(), it.best.1, Vec::new(), None)
                } else {
                    let linearization = it.linearization(&layout);
                    (it.x, it.norm, it.history, linearization)
                }
            }
        };
        let mut newly = false;
        for c in &layout.controls {
            let control = &system.controls[c.control];
            let value = x[c.column];
            if value < control.min || value > control.max {
                let bound = value.clamp(control.min, control.max);
                held[c.control] = Some(bound);
                saturated.push(SaturatedControl {
                    parameter: control.parameter.clone(),
                    bound,
                    requested: value,
                    specification: control.specification.describe(),
                });
                newly = true;
            }
        }
        if newly {
            warm = (!failed_beyond_bounds).then_some(x);
            continue;
        }
        let violations = crate::validity::check(system, &layout, &x);
        let mut solution = make_solution(system, &layout, x, norm, history, true);
        solution.linearization = linearization;
        let (mut errors, warnings): (Vec<_>, Vec<_>) = violations.into_iter().partition(|v| v.is_hard());
        if method.strict() {
            errors.extend(warnings.iter().cloned());
        }
        solution.warnings = warnings;
        if !errors.is_empty() {
            return Err(SolverError::Physics {
                violations: errors,
                solution: Box::new(solution),
            });
        }
        return if saturated.is_empty() {
            Ok(solution)
        } else {
            Err(SolverError::ControlSaturation {
                saturated,
                solution: Box::new(solution),
            })
        };
    }
}

/// The chord steps' history followed by the method's, whose iteration 0 (the point the
/// chord steps ended at) continues their numbering.
fn continued(mut chord: Vec<IterationRecord>, method: Vec<IterationRecord>) -> Vec<IterationRecord> {
    if chord.is_empty() {
        return method;
    }
    let offset = chord.len();
    chord.extend(method.into_iter().map(|mut r| {
        r.iteration += offset;
        r
    }));
    if let Some(first) = chord.get_mut(offset) {
        first.step_length = 1.0;
    }
    chord
}

/// The error for a method that stopped without converging, with its best iterate and
/// the equations that did not close there. `interrupted`: the stop came from the
/// interrupt hook (reported as a timeout by [`Iterate::timed_out`]).
fn failure(
    problem: &Equations,
    layout: &Arc<Layout>,
    it: Iterate,
    stop: Stop,
    method: &Config,
    interrupted: bool,
) -> SolverError {
    let system = problem.system;
    let iterations = it.iterations();
    let (x, residual) = it.best.clone();
    let unconverged = unconverged_rows(problem, &x, &it.scales, method.tolerance());
    let mut best = Box::new(make_solution(system, layout, x, residual, it.history, false));
    best.unconverged = unconverged;
    let reason = match stop {
        Stop::Singular => {
            return SolverError::SingularJacobian {
                iteration: iterations,
                best,
            }
        }
        Stop::Timeout if interrupted => {
            return SolverError::Interrupted {
                iterations,
                best: Some(best),
            }
        }
        Stop::Timeout => {
            return SolverError::Timeout {
                iterations,
                residual,
                best,
            }
        }
        Stop::Exhausted => "iteration limit reached",
        Stop::Diverging => "residual kept rising",
        Stop::LineSearchFailed => "line search found no decrease",
    };
    SolverError::NotConverged {
        method: method.name(),
        tolerance: method.tolerance(),
        iterations,
        residual,
        reason,
        best,
    }
}

/// The equations whose residual at `x`, scaled by `scales`, is above `tolerance`, named
/// ([`Layout::row_name`]), largest first; every equation if `x` cannot be evaluated.
fn unconverged_rows(problem: &Equations, x: &DVector<f64>, scales: &DVector<f64>, tolerance: f64) -> Vec<String> {
    let mut r = DVector::zeros(problem.n());
    let evaluated = problem.residuals(x, &mut r).is_ok();
    let mut open: Vec<(f64, usize)> = (0..problem.n())
        .map(|row| ((r[row] * scales[row]).abs(), row))
        .filter(|(v, _)| !evaluated || !(*v <= tolerance))
        .collect();
    open.sort_by(|a, b| b.0.total_cmp(&a.0));
    open.into_iter()
        .map(|(_, row)| problem.layout.row_name(problem.system, row))
        .collect()
}

/// Builds a [`Solution`] from an unknown vector.
pub(crate) fn make_solution(
    system: &System,
    layout: &Arc<Layout>,
    x: DVector<f64>,
    residual: f64,
    history: Vec<IterationRecord>,
    converged: bool,
) -> Solution {
    let n_conn = system.connections.len();
    let states = crate::assemble::connection_states(&x, n_conn);
    let params = crate::assemble::effective_parameters(system, layout, &x);
    let mut ports = Vec::new();
    let outputs = system
        .components
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            ports.clear();
            ports.extend(layout.port_connections[ci].iter().map(|&k| states[k]));
            (
                c.name().to_owned(),
                c.kind(),
                c.outputs(&ports, &params[ci]).unwrap_or_default(),
            )
        })
        .collect();
    let roles = system.components.iter().map(|c| c.cop_role()).collect();
    let media = system
        .connections
        .iter()
        .map(|c| system.components[c.from.component].ports()[c.from.port].medium.clone())
        .collect();
    Solution {
        labels: layout.connection_labels.clone(),
        x,
        n_connections: n_conn,
        ports: layout.port_labels.clone(),
        media,
        outputs,
        roles,
        parameter_labels: layout.parameter_labels.clone(),
        parameter_values: params.iter().flatten().copied().collect(),
        residual,
        history,
        converged,
        linearization: None,
        layout: Some(layout.clone()),
        unconverged: Vec::new(),
        warnings: Vec::new(),
    }
}
