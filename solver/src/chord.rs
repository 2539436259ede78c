//! Warm starts that reuse the previous solution's factorized Jacobian (chord steps).
//!
//! A solve keeps the last Jacobian it factorized, with its row scales, as the
//! [`Linearization`] of its [`Solution`]. A warm start from that solution (a sweep's next
//! point, a re-solve after a small parameter change) first takes chord steps
//! `x <- x - J_prev^{-1} r(x)`: each costs one residual evaluation and two triangular
//! solves, against a dual-number Jacobian evaluation and a factorization for a Newton
//! step. Near the previous point `J_prev` differs little from the Jacobian at the new
//! solution, so the chord iteration contracts fast (linearly, by about
//! `|J_prev^{-1} (J - J_prev)|`; Kelley, *Iterative Methods for Linear and Nonlinear
//! Equations*, SIAM 1995, §5.4 and Shamanskii's method). The steps continue only while
//! each one cuts the scaled residual tenfold and, at the rate observed, the tolerance
//! is reached within [`MAX_STEPS`] steps; otherwise Newton takes over from the best
//! point with fresh Jacobians. The convergence test is the solver's own (scaled residual
//! below the tolerance), with the row scales of `J_prev`.
use crate::iteration::{scaled_norms, Equations};
use crate::linearization::Linearization;
use crate::topology::Layout;
use crate::IterationRecord;
use nalgebra::DVector;
use std::sync::Arc;

/// Largest number of chord steps before Newton takes over.
const MAX_STEPS: usize = 3;
/// Each chord step must reduce the scaled residual at least by this factor.
const MAX_CONTRACTION: f64 = 0.1;
/// A chord step contracting less than this marks the factorization as stale: the
/// solution then gets a fresh Jacobian at its converged point (one dual evaluation and
/// a factorization, about two residual evaluations), after which a sweep's next points
/// converge in one chord step instead of three.
pub(crate) const REFRESH_ABOVE: f64 = 5e-3;

/// Where the chord steps ended.
pub(crate) enum Chord {
    /// The residual is below the tolerance at `x`; `stale` when a step contracted
    /// the residual by less than [`REFRESH_ABOVE`] (the next warm start from this
    /// solution deserves a fresh Jacobian).
    Converged {
        x: DVector<f64>,
        norm: f64,
        history: Vec<IterationRecord>,
        stale: bool,
    },
    /// Newton should continue from `x` (the best point reached); `history` holds the
    /// chord steps taken before it.
    Continue {
        x: DVector<f64>,
        history: Vec<IterationRecord>,
    },
}

/// Chord steps from `x` with `lin` (which must belong to `problem`'s layout).
pub(crate) fn chord_steps(problem: &Equations, lin: &Linearization, mut x: DVector<f64>, tolerance: f64) -> Chord {
    let n = problem.n();
    let mut r = DVector::zeros(n);
    // (the step, the trial point and its residual reuse these from step to step)
    let (mut dx, mut trial, mut trial_r) = (DVector::zeros(n), DVector::zeros(n), DVector::zeros(n));
    let mut history = Vec::with_capacity(MAX_STEPS + 1);
    let norm_of = |r: &DVector<f64>| scaled_norms(r, &lin.scales).0;
    if problem.residuals(&x, &mut r).is_err() {
        return Chord::Continue { x, history };
    }
    let mut norm = norm_of(&r);
    history.push(IterationRecord {
        iteration: 0,
        residual: norm,
        step_length: 0.0,
    });
    let mut stale = false;
    for k in 1..=MAX_STEPS {
        if norm < tolerance {
            return Chord::Converged {
                x,
                norm,
                history,
                stale,
            };
        }
        for (d, ri) in dx.as_mut_slice().iter_mut().zip(r.as_slice()) {
            *d = -ri;
        }
        if !lin.lu.solve_in_place(&mut dx) {
            break;
        }
        // a step that would more than halve a pressure is no small correction
        if problem.pressure_limit(&x, &dx, 0.5) < 1.0 {
            break;
        }
        for ((t, xi), d) in trial.as_mut_slice().iter_mut().zip(x.as_slice()).zip(dx.as_slice()) {
            *t = xi + d;
        }
        if problem.residuals(&trial, &mut trial_r).is_err() {
            break;
        }
        let trial_norm = norm_of(&trial_r);
        let contraction = trial_norm / norm;
        if !(contraction <= MAX_CONTRACTION) {
            break;
        }
        // (a step that reaches the tolerance says nothing about the rate)
        stale |= trial_norm >= tolerance && contraction > REFRESH_ABOVE;
        std::mem::swap(&mut x, &mut trial);
        std::mem::swap(&mut r, &mut trial_r);
        norm = trial_norm;
        history.push(IterationRecord {
            iteration: k,
            residual: norm,
            step_length: 1.0,
        });
        // linear convergence at this rate would not reach the tolerance within the
        // remaining steps: Newton (quadratic) is cheaper from here
        if norm >= tolerance && norm * contraction.powi((MAX_STEPS - k) as i32) >= tolerance {
            break;
        }
    }
    if norm < tolerance {
        return Chord::Converged {
            x,
            norm,
            history,
            stale,
        };
    }
    // Newton records its start again as its iteration 0
    history.pop();
    Chord::Continue { x, history }
}

/// Whether `lin` was built for `layout` (the same finalized topology, with the same
/// controls held at bounds).
pub(crate) fn usable(lin: &Linearization, layout: &Arc<Layout>) -> bool {
    Arc::ptr_eq(&lin.layout, layout)
}

#[cfg(test)]
mod tests {
    use crate::{NewtonConfig, Specification, System, SystemBuilder};
    use entropyk_components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
    use entropyk_thermo::Fluid;
    use std::sync::Arc;

    const WATER_IN: &str = "evap_secondary_source.temperature";

    fn chiller() -> System {
        let (r134a, water) = (Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER);
        let (system, _) = SystemBuilder::new()
            .component(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A))
            .component(Condenser::new("cond", r134a.clone(), water, 50e3))
            .add(ExpansionValve::new("valve", r134a.clone()))
            .component(Evaporator::new("evap", r134a, water, 60e3))
            .liquid_stream("cond", water, 2e5, 303.15, 17.7)
            .liquid_stream("evap", water, 2e5, 285.15, 14.3)
            .cycle(&["comp", "cond", "valve", "evap"])
            .specification(Specification::superheat("evap.refrigerant_out", 5.0))
            .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
            .build()
            .unwrap();
        system
    }

    /// After a 0.1 K step, chord steps with the previous factorization alone converge
    /// (the solution keeps that factorization: no Jacobian was evaluated) to the state
    /// a cold solve finds; after a 3 K step they hand over to Newton, which leaves a
    /// new factorization.
    #[test]
    fn small_steps_converge_on_the_previous_factorization() {
        let config = NewtonConfig::default();
        let mut system = chiller();
        let first = system.solve(&config).unwrap();
        let lin = first
            .linearization
            .clone()
            .expect("a Newton solve keeps its factorization");
        for (t, reused) in [(285.25, true), (288.15, false)] {
            system.set_parameter(WATER_IN, t).unwrap();
            let warm = system.solve_from(&config, &first).unwrap();
            let cold = system.solve(&config).unwrap();
            let same = Arc::ptr_eq(warm.linearization.as_ref().unwrap(), &lin);
            assert_eq!(same, reused, "{t}: {:?}", warm.history());
            assert!(warm.residual() < config.tolerance);
            for (a, b) in warm.state_vector().iter().zip(cold.state_vector()) {
                assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} {b}");
            }
        }
    }
}
