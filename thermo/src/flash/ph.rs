//! (p, h) flash.
//!
//! * p < p_c: saturation at p (EOS-polished); h' <= h <= h'' gives the two-phase state with
//!   x = (h - h') / (h'' - h') evaluated with dual saturation properties.
//! * single phase: safeguarded Newton on T for h(T, rho(T, p)) = h (dh/dT|_p = cp), with the
//!   density solved at each T (warm-started) inside its stable-phase bracket; T is
//!   bracketed by [T_sat, T_max] (vapour), [T_triple, T_sat] (liquid) or [T_triple, T_max].
//! * lift: one Newton step in (T, rho) on [p(T, rho) - p_D, h(T, rho) - h_D] = 0 with the f64
//!   Jacobian, then the EOS is evaluated in D at (T_D, rho_D).

use super::{classify, single_phase_state, two_phase_state};
use crate::error::FluidError;
use crate::fluids::FluidData;
use crate::helmholtz::Props;
use crate::scalar::{cst, is_plain, Scalar};
use crate::state::State;

const MAX_IT: usize = 100;

/// State at (p, h); `p0`, `h0` are the validated real parts.
pub(crate) fn state_ph<D: Scalar>(d: &FluidData, p: D, h: D, p0: f64, h0: f64) -> Result<State<D>, FluidError> {
    let (t_lo, t_hi, f_lo, f_hi, start);
    if p0 >= d.p_triple && p0 < d.p_sat_max() {
        let s = d.sat_p64(p0);
        if h0 < s.l.h {
            // subcooled / compressed liquid; h concave-up in T: start from the cp' tangent
            t_lo = d.t_triple;
            t_hi = s.t;
            f_lo = None;
            f_hi = Some(s.l.h - h0);
            start = (s.t - (s.l.h - h0) / s.l.cp, Some(s.l.rho));
        } else if h0 > s.v.h {
            t_lo = s.t;
            t_hi = d.t_max;
            f_lo = Some(s.v.h - h0);
            f_hi = None;
            let t1 = s.t + (h0 - s.v.h) / s.v.cp;
            start = (t1, Some(s.v.rho * s.t / t1));
        } else {
            let sd = d.lift_sat_p(&s, p);
            let x = (h - sd.l.h) / (sd.v.h - sd.l.h);
            return Ok(two_phase_state(&sd, x));
        }
    } else {
        t_lo = d.t_triple;
        t_hi = d.t_max;
        f_lo = None;
        f_hi = None;
        start = (d.t_critical.min(t_hi), None);
    }
    let pr = solve_t(d, p0, h0, t_lo, t_hi, f_lo, f_hi, start.0, start.1)?;
    let (t0, rho0) = (pr.t, pr.rho);
    let (t, rho): (D, D) = if is_plain::<D>() {
        (cst(t0), cst(rho0))
    } else {
        // J [dT, drho] = [p_D - p, h_D - h]
        let fp = p - pr.p;
        let fh = h - pr.h;
        let det = pr.dp_dt * pr.dh_drho - pr.dp_drho * pr.dh_dt;
        let dt = (fp * pr.dh_drho - fh * pr.dp_drho) / det;
        let dr = (fh * pr.dp_dt - fp * pr.dh_dt) / det;
        (dt + t0, dr + rho0)
    };
    let mut prd = d.props(t, rho);
    // the EOS reproduces (p, h) to round-off at the solution; report the inputs themselves
    prd.p = p;
    prd.h = h;
    Ok(single_phase_state(&prd, classify(d, t0, p0, rho0)))
}

fn h_at(d: &FluidData, p: f64, t: f64, guess: Option<f64>) -> Result<Props<f64>, FluidError> {
    let r = d
        .rho_tp(t, p, guess)
        .ok_or(FluidError::NotConverged { flash: "pt (inside ph)", inputs: [p, t], iterations: 200 })?;
    Ok(d.props(t, r.rho))
}

fn out_of_range(d: &FluidData, p: f64, h: f64) -> FluidError {
    let hmin = h_at(d, p, d.t_triple, None).map(|x| x.h).unwrap_or(f64::NAN);
    let hmax = h_at(d, p, d.t_max, None).map(|x| x.h).unwrap_or(f64::NAN);
    FluidError::OutOfRange { quantity: "enthalpy", value: h, min: hmin, max: hmax }
}

/// Safeguarded Newton on T. `f_lo`/`f_hi` are h(T) - h at the bracket ends if known.
#[allow(clippy::too_many_arguments)]
fn solve_t(
    d: &FluidData,
    p: f64,
    h: f64,
    mut a: f64,
    mut b: f64,
    mut fa: Option<f64>,
    mut fb: Option<f64>,
    start: f64,
    rho_guess: Option<f64>,
) -> Result<Props<f64>, FluidError> {
    let mut t = if start > a && start < b { start } else { 0.5 * (a + b) };
    let mut guess = rho_guess;
    for _ in 0..MAX_IT {
        let pr = h_at(d, p, t, guess)?;
        guess = Some(pr.rho);
        let f = pr.h - h;
        if f > 0.0 {
            b = t;
            fb = Some(f);
        } else {
            a = t;
            fa = Some(f);
        }
        let step = -f / pr.cp;
        if step.abs() <= 1e-12 * t || f == 0.0 {
            return Ok(pr);
        }
        let mut tn = t + step;
        if !(tn > a && tn < b) || !step.is_finite() {
            // check an unevaluated bracket end before bisecting towards it
            if tn >= b && fb.is_none() {
                let pb = h_at(d, p, b, None)?;
                if pb.h - h < 0.0 {
                    return Err(out_of_range(d, p, h));
                }
                fb = Some(pb.h - h);
            }
            if tn <= a && fa.is_none() {
                let pa = h_at(d, p, a, None)?;
                if pa.h - h > 0.0 {
                    return Err(out_of_range(d, p, h));
                }
                fa = Some(pa.h - h);
            }
            tn = 0.5 * (a + b);
            guess = None;
        }
        if (b - a) <= 1e-13 * b {
            return h_at(d, p, 0.5 * (a + b), guess);
        }
        t = tn;
    }
    Err(FluidError::NotConverged { flash: "ph", inputs: [p, h], iterations: MAX_IT })
}
