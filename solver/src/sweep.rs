//! Parallel sweeps of one parameter over many operating points.
use crate::{Solution, SolverConfig, SolverError, System};
use nalgebra::DVector;
use rayon::prelude::*;

/// Solves `system` at every value of `parameter` (a component parameter
/// `"component.parameter"` or a specification's set point `"kind:target"`, e.g.
/// `"superheat:evap.refrigerant_out"`; SI, see [`System::set_value`]), in parallel,
/// returning one result per value in the order given.
///
/// The values are cut into one contiguous block per worker thread (rayon); each
/// block is solved in order on its own copy of the system, every point starting
/// from the previous point's solution (a warm start) and the first from the
/// automatic guess, so neighbouring values should be close for speed. From the third
/// point of a block on, the start is the secant extrapolation of the last two solutions
/// (falling back to the last solution itself if that start fails). A point that
/// fails does not stop the sweep: its error is returned in its place and the next
/// point starts from the automatic guess again. An interrupt set in `config`
/// ([`crate::Interrupt`]) stops every thread at its next iteration or point, and the
/// sweep returns [`SolverError::Interrupted`] instead of partial results.
///
/// ```
/// use entropyk_components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
/// use entropyk_solver::{sweep, NewtonConfig, Specification, SystemBuilder};
/// use entropyk_thermo::Fluid;
/// let (r134a, water) = (Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER);
/// let (chiller, _) = SystemBuilder::new()
///     .component(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A))
///     .component(Condenser::new("cond", r134a.clone(), water, 50e3))
///     .add(ExpansionValve::new("valve", r134a.clone()))
///     .component(Evaporator::new("evap", r134a, water, 60e3))
///     .liquid_stream("cond", water, 2e5, 303.15, 17.7)
///     .liquid_stream("evap", water, 2e5, 285.15, 14.3)
///     .cycle(&["comp", "cond", "valve", "evap"])
///     .specification(Specification::superheat("evap.refrigerant_out", 5.0))
///     .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
///     .build()
///     .unwrap();
/// let temperatures: Vec<f64> = (0..20).map(|k| 281.15 + 0.5 * k as f64).collect();
/// let results = sweep(&chiller, "evap_secondary_source.temperature", &temperatures, &NewtonConfig::default()).unwrap();
/// assert!(results.iter().all(|r| r.is_ok()));
/// ```
pub fn sweep<C: SolverConfig + Sync>(
    system: &System,
    parameter: &str,
    values: &[f64],
    config: &C,
) -> Result<Vec<Result<Solution, SolverError>>, SolverError> {
    system.value(parameter)?;
    let interrupt = config.config().interrupt().cloned();
    let interrupted = || interrupt.as_ref().is_some_and(|i| i.is_requested());
    let threads = rayon::current_num_threads().max(1);
    let block = values.len().div_ceil(threads).max(1);
    let blocks: Vec<Vec<Result<Solution, SolverError>>> = values
        .par_chunks(block)
        .map(|chunk| {
            let mut local = system.clone();
            let mut out: Vec<Result<Solution, SolverError>> = Vec::with_capacity(chunk.len());
            // value and states of the converged point before the last one, and the last value
            let mut before: Option<(f64, DVector<f64>)> = None;
            let mut last_value = f64::NAN;
            for &value in chunk {
                if interrupted() {
                    break;
                }
                let result = local.set_value(parameter, value).and_then(|_| match out.last() {
                    Some(Ok(last)) => {
                        let predicted = before
                            .as_ref()
                            .and_then(|(v0, x0)| predicted_states(*v0, x0, last_value, last, value));
                        match predicted {
                            Some(x) => local
                                .compile()
                                .and_then(|p| {
                                    crate::driver::solve(
                                        &p.layout,
                                        &local,
                                        config,
                                        Some(last),
                                        Some(&x),
                                        std::time::Instant::now(),
                                    )
                                })
                                .or_else(|_| local.solve_from(config, last)),
                            None => local.solve_from(config, last),
                        }
                    }
                    _ => local.solve(config),
                });
                before = match (out.last(), &result) {
                    (Some(Ok(last)), Ok(_)) => Some((last_value, last.x.clone())),
                    _ => None,
                };
                last_value = value;
                out.push(result);
            }
            out
        })
        .collect();
    if interrupted() {
        return Err(SolverError::Interrupted {
            iterations: 0,
            best: None,
        });
    }
    Ok(blocks.into_iter().flatten().collect())
}

/// Secant predictor: the connection states extrapolated linearly from the states `x0`
/// (value `v0`) and the solution `s1` (value `v1`) to `value`, an O(dv^2) start instead
/// of the O(dv) of `s1` alone (controls keep their values at `s1`). `None` if the two
/// points do not define a usable line or a pressure would not stay positive.
fn predicted_states(v0: f64, x0: &DVector<f64>, v1: f64, s1: &Solution, value: f64) -> Option<DVector<f64>> {
    let n = 3 * s1.n_connections;
    if v1 == v0 || x0.len() != s1.x.len() || s1.x.len() < n {
        return None;
    }
    let t = (value - v1) / (v1 - v0);
    let mut x = s1.x.clone();
    for k in 0..n {
        x[k] += t * (s1.x[k] - x0[k]);
    }
    let pressures_ok = (0..s1.n_connections).all(|c| x[3 * c] > 0.0);
    (pressures_ok && x.iter().all(|v| v.is_finite())).then_some(x)
}
