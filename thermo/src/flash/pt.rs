//! (p, T) flash: density solve in f64, then one Newton step in D:
//! rho_D = rho + (p_D - p(T, rho) - (dp/dT)_rho (T_D - T)) / (dp/drho)_T.

use super::{classify, single_phase_state};
use crate::error::FluidError;
use crate::fluids::FluidData;
use crate::scalar::{cst, is_plain, Scalar};
use crate::state::State;

/// State at (p, T); `p0`, `t0` are the validated real parts.
pub(crate) fn state_pt<D: Scalar>(d: &FluidData, p: D, t: D, p0: f64, t0: f64) -> Result<State<D>, FluidError> {
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
    let r = d.rho_tp(t0, p0, None).ok_or(FluidError::NotConverged {
        flash: "pt",
        inputs: [p0, t0],
        iterations: 200,
    })?;
    let rho0 = r.rho;
    let rho: D = if is_plain::<D>() {
        cst(rho0)
    } else {
        let pr = d.props(t0, rho0);
        (p - pr.p - (t - t0) * pr.dp_dt) / pr.dp_drho + rho0
    };
    let mut pr = d.props(t, rho);
    // p(T, rho) reproduces the input to round-off (liquid: ~1e-10 relative, since one ulp of
    // rho moves p by rho dp/drho * 1e-16); report the input itself.
    pr.p = p;
    Ok(single_phase_state(&pr, classify(d, t0, p0, rho0)))
}
