//! Isentropic end state at a given pressure: the (p, s) flash restricted to
//! single-phase vapour, as needed by compressor models.
use entropyk_thermo::{Fluid, FluidError, Scalar};

/// Largest number of Newton iterations on temperature.
const MAX_ITERATIONS: usize = 50;

/// Specific enthalpy (J/kg) of the single-phase state of `fluid` at pressure `p`
/// (Pa) and specific entropy `s` (J/(kg K)), with `s` above the saturated-vapour
/// entropy at `p` (dry compression).
///
/// Solves `s(p, T) = s` for `T` by Newton in `f64` (`ds/dT|_p = cp / T`), then
/// takes one Newton step in `D` from the converged temperature so the result
/// carries exact first derivatives (implicit function theorem).
pub(crate) fn isentropic_enthalpy<D: Scalar>(fluid: &Fluid, p: D, s: D) -> Result<D, FluidError> {
    let (p_re, s_re) = (p.re(), s.re());
    let sat = fluid.saturation_p(p_re)?;
    if !(s_re > sat.s_vapor) {
        return Err(FluidError::OutOfRange {
            quantity: "specific entropy of the isentropic end state [J/(kg K)] (wet compression)",
            value: s_re,
            min: sat.s_vapor,
            max: f64::INFINITY,
        });
    }
    let mut t = sat.t + 20.0;
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        let state = fluid.state_pt(p_re, t)?;
        let cp = state.cp().ok_or(FluidError::InvalidInput {
            quantity: "temperature [K]",
            value: t,
            reason: "isentropic end state fell in the two-phase region",
        })?;
        let dt = (state.s - s_re) * t / cp;
        t = (t - dt).max(sat.t + 1e-6);
        if dt.abs() < 1e-11 * t {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(FluidError::NotConverged {
            flash: "isentropic (p, s)",
            inputs: [p_re, s_re],
            iterations: MAX_ITERATIONS,
        });
    }
    // One Newton step in D at the converged temperature.
    let t0 = D::from(t);
    let state = fluid.state_pt(p, t0)?;
    let cp = state.cp().expect("single phase at the converged temperature");
    let t_d = t0 - (state.s - s) * t0 / cp;
    Ok(fluid.state_pt(p, t_d)?.h)
}
