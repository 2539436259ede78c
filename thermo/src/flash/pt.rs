//! (p, T) flash: density solve in f64, then one Newton step in D:
//! rho_D = rho + (p_D - p(T, rho) - (dp/dT)_rho (T_D - T)) / (dp/drho)_T.

use std::cell::RefCell;

use super::{classify, single_phase_state};
use crate::error::FluidError;
use crate::fluids::FluidData;
use crate::helmholtz::Props;
use crate::memo::{memoized, Ring};
use crate::saturation::lift_props;
use crate::scalar::{is_plain, Scalar};
use crate::state::State;

/// State at (p, T); `p0`, `t0` are the validated real parts.
pub(crate) fn state_pt<D: Scalar>(d: &'static FluidData, p: D, t: D, p0: f64, t0: f64) -> Result<State<D>, FluidError> {
    if let Some(b) = &d.blend {
        // pseudo-pure blend: between the dew and the bubble pressure (p, T) does not fix
        // the state (CoolProp raises an error there as well)
        if t0 < d.t_sat_max() && p0 < b.bubble.eval_d(t0).0 && p0 > b.dew.eval_d(t0).0 {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: p0,
                reason: "lies between the dew and bubble pressures of this blend at this temperature: (p, T) does not fix a two-phase state",
            });
        }
    }
    let pr0 = solve_pt64(d, p0, t0)?;
    let rho0 = pr0.rho;
    let mut pr = if is_plain::<D>() {
        // f64: the state is the memoized solution itself (no second EOS evaluation)
        lift_props(&pr0)
    } else {
        let rho = (p - pr0.p - (t - t0) * pr0.dp_dt) / pr0.dp_drho + rho0;
        d.props(t, rho)
    };
    // p(T, rho) reproduces the input to round-off (liquid: ~1e-10 relative, since one ulp of
    // rho moves p by rho dp/drho * 1e-16); report the input itself.
    pr.p = p;
    Ok(single_phase_state(&pr, classify(d, t0, p0, rho0)))
}

/// The f64 state at (p, T) in the stable phase, memoized per thread (see [`crate::memo`]).
fn solve_pt64(d: &'static FluidData, p0: f64, t0: f64) -> Result<Props<f64>, FluidError> {
    thread_local! {
        static SOLVED: RefCell<Ring<(usize, u64, u64), Props<f64>, 8>> = const { RefCell::new(Ring::new()) };
    }
    let key = (d as *const FluidData as usize, p0.to_bits(), t0.to_bits());
    memoized(&SOLVED, key, || {
        // start from the density of the nearest stored state moved to (p, T) to first
        // order; the density solver clamps it into the bracket of the stable phase
        let guess = SOLVED.with(|ring| {
            ring.borrow().nearest(0.05, |k, v| {
                if k.0 == key.0 {
                    (p0 / v.p - 1.0).abs() + (t0 / v.t - 1.0).abs()
                } else {
                    f64::INFINITY
                }
            })
        });
        let guess = guess
            .map(|v| v.rho + (p0 - v.p - v.dp_dt * (t0 - v.t)) / v.dp_drho)
            .filter(|g| g.is_finite() && *g > 0.0);
        d.props_tp(t0, p0, guess).ok_or(FluidError::NotConverged {
            flash: "pt",
            inputs: [p0, t0],
            iterations: 200,
        })
    })
}
