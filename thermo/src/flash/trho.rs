//! (T, rho) flash: direct EOS evaluation, or the equilibrium mixture inside the dome.

use super::{classify, single_phase_state, two_phase_state};
use crate::fluids::FluidData;
use crate::scalar::Scalar;
use crate::state::State;

/// State at (T, rho); `t0`, `r0` are the validated real parts.
pub(crate) fn state_trho<D: Scalar>(d: &FluidData, t: D, rho: D, t0: f64, r0: f64) -> State<D> {
    if t0 < d.t_sat_max() {
        let (_, rl, rv) = d.superancillary.eval(t0);
        // cheap screen with the superancillary, then confirm with the polished equilibrium
        if r0 < rl * (1.0 + 1e-9) && r0 > rv * (1.0 - 1e-9) {
            let s = d.sat_t64(t0);
            if r0 < s.l.rho && r0 > s.v.rho {
                let sd = d.lift_sat(&s, t);
                let v = rho.recip();
                let vl = sd.l.rho.recip();
                let vv = sd.v.rho.recip();
                let x = (v - vl) / (vv - vl);
                return two_phase_state(&sd, x);
            }
        }
    }
    let pr = d.props(t, rho);
    let phase = classify(d, t0, crate::scalar::re(pr.p), r0);
    single_phase_state(&pr, phase)
}
