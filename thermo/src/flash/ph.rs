//! (p, h) and (p, s) flashes (one algorithm, [`Spec`] selects the second property y).
//!
//! * p < p_c: saturation at p (EOS-polished); y' <= y <= y'' gives the two-phase state with
//!   x = (y - y') / (y'' - y') evaluated with dual saturation properties.
//! * single phase, fast path: Newton in (T, rho) on [p(T, rho) - p, y(T, rho) - y] from the
//!   saturated state at p (or the critical isotherm above p_c), damped and projected onto
//!   the requested branch; accepted only if converged on that branch.
//! * single phase, fallback: safeguarded Newton on T for y(T, rho(T, p)) = y
//!   (dy/dT|_p = cp or cp/T), density solved at each T inside its stable-phase bracket;
//!   T bracketed by [T_sat, T_max] (vapour), [T_triple, T_sat] (liquid) or [T_triple, T_max].
//! * polish: the f64 solution takes one more Newton step with an EOS evaluation and is
//!   memoized so (see [`crate::memo`]).
//! * lift: one Newton step in (T, rho) on [p(T, rho) - p_D, y(T, rho) - y_D] = 0 with the f64
//!   Jacobian, then the EOS is evaluated in D at (T_D, rho_D) (for plain f64, whose step
//!   is at round-off, the properties are moved along it to first order instead).

use std::cell::RefCell;

use super::{classify, single_phase_state, two_phase_state};
use crate::error::FluidError;
use crate::fluids::FluidData;
use crate::helmholtz::Props;
use crate::memo::{memoized, Ring};
use crate::saturation::lift_props;
use crate::scalar::{is_plain, re, Scalar};
use crate::state::State;

const MAX_IT: usize = 100;

/// Second flash variable besides pressure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spec {
    /// Specific enthalpy h, J/kg.
    Enthalpy,
    /// Specific entropy s, J/(kg K).
    Entropy,
}

impl Spec {
    fn name(self) -> &'static str {
        match self {
            Spec::Enthalpy => "enthalpy",
            Spec::Entropy => "entropy",
        }
    }
    fn flash(self) -> &'static str {
        match self {
            Spec::Enthalpy => "ph",
            Spec::Entropy => "ps",
        }
    }
    #[inline]
    fn value<D: Scalar>(self, pr: &Props<D>) -> D {
        match self {
            Spec::Enthalpy => pr.h,
            Spec::Entropy => pr.s,
        }
    }
    /// (dy/dT)_rho and (dy/drho)_T; (ds/dT)_rho = cv/T, (ds/drho)_T = -(dp/dT)_rho / rho^2.
    #[inline]
    fn partials(self, pr: &Props<f64>) -> (f64, f64) {
        match self {
            Spec::Enthalpy => (pr.dh_dt, pr.dh_drho),
            Spec::Entropy => (pr.cv / pr.t, -pr.dp_dt / (pr.rho * pr.rho)),
        }
    }
    /// (dy/dT)_p: cp or cp/T.
    #[inline]
    fn isobaric_slope(self, pr: &Props<f64>) -> f64 {
        match self {
            Spec::Enthalpy => pr.cp,
            Spec::Entropy => pr.cp / pr.t,
        }
    }
}

/// State at (p, y); `p0`, `y0` are the validated real parts.
pub(crate) fn state_py<D: Scalar>(
    d: &'static FluidData,
    p: D,
    y: D,
    p0: f64,
    y0: f64,
    spec: Spec,
) -> Result<State<D>, FluidError> {
    let pr = match solve_py64(d, p0, y0, spec)? {
        Solved::TwoPhase => {
            let sd = d.with_sat_p64(p0, |s| d.lift_sat_p(s, p));
            let (yl, yv) = (spec.value(&sd.l), spec.value(&sd.v));
            let x = (y - yl) / (yv - yl);
            return Ok(two_phase_state(&sd, x));
        }
        Solved::SinglePhase(pr) => pr,
    };
    let (t0, rho0) = (pr.t, pr.rho);
    // One Newton step J [dT, drho] = [p_D - p, y_D - y] from the polished f64 solution:
    // at round-off for f64; for duals it carries the derivatives (implicit function
    // theorem).
    let Some((dt, dr)) = newton_step(&pr, p, y, spec) else {
        // singular Jacobian (would need an exactly critical state): no derivatives exist
        return Err(FluidError::NotConverged {
            flash: spec.flash(),
            inputs: [p0, y0],
            iterations: 0,
        });
    };
    let (t, rho): (D, D) = (dt + t0, dr + rho0);
    let mut prd = if is_plain::<D>() {
        // f64: the stored solution is polished (its step is at round-off), so the
        // properties are moved along the step to first order instead of evaluating the
        // EOS again
        lift_props(&pr.moved(re(dt), re(dr)))
    } else {
        d.props(t, rho)
    };
    // the EOS reproduces (p, y) to round-off at the solution; report the inputs themselves
    prd.p = p;
    match spec {
        Spec::Enthalpy => prd.h = y,
        Spec::Entropy => prd.s = y,
    }
    Ok(single_phase_state(&prd, classify(d, t0, p0, rho0)))
}

/// The f64 solution of a (p, y) flash.
#[derive(Clone, Copy)]
enum Solved {
    /// y between its saturated liquid and vapour values at p.
    TwoPhase,
    /// The single-phase state whose p and y equal the inputs (to the Newton tolerance).
    SinglePhase(Props<f64>),
}

/// [`solve_py64_uncached`], memoized per thread (see [`crate::memo`]).
fn solve_py64(d: &'static FluidData, p0: f64, y0: f64, spec: Spec) -> Result<Solved, FluidError> {
    type Key = (usize, u64, u64, Spec);
    thread_local! {
        static SOLVED: RefCell<Ring<Key, Solved, 16>> = const { RefCell::new(Ring::new()) };
    }
    let key = (d as *const FluidData as usize, p0.to_bits(), y0.to_bits(), spec);
    memoized(&SOLVED, key, || solve_py64_uncached(d, p0, y0, spec))
}

/// The f64 (p, y) flash: phase from the saturation state at p, then the fast 2-D Newton
/// or the bracketed fallback.
fn solve_py64_uncached(d: &'static FluidData, p0: f64, y0: f64, spec: Spec) -> Result<Solved, FluidError> {
    let (t_lo, t_hi, f_lo, f_hi, start);
    let mut fast = None;
    if p0 >= d.p_triple && p0 < d.p_sat_max() {
        let s = d.sat_p64(p0);
        let (yl, yv) = (spec.value(&s.l), spec.value(&s.v));
        if y0 < yl {
            // subcooled / compressed liquid
            t_lo = d.t_triple;
            t_hi = s.t;
            f_lo = None;
            f_hi = Some(yl - y0);
            start = (s.t - (yl - y0) / spec.isobaric_slope(&s.l), Some(s.l.rho));
            fast = newton_2d_warm(d, p0, y0, spec, &s.l, t_lo, t_hi, true);
        } else if y0 > yv {
            // vapour side: the dew temperature (= T_sat for pure fluids)
            t_lo = s.t_v;
            t_hi = d.t_max;
            f_lo = Some(yv - y0);
            f_hi = None;
            let t1 = s.t_v + (y0 - yv) / spec.isobaric_slope(&s.v);
            start = (t1, Some(s.v.rho * s.t_v / t1));
            fast = newton_2d_warm(d, p0, y0, spec, &s.v, t_lo, t_hi, false);
        } else {
            return Ok(Solved::TwoPhase);
        }
    } else {
        t_lo = d.t_triple;
        t_hi = d.t_max;
        f_lo = None;
        f_hi = None;
        start = (d.t_critical.min(t_hi), None);
        // p above the saturation curve: Newton in (T, rho) from the critical isotherm;
        // below T_c the state must be on the (compressed) liquid side. Below the
        // triple-point pressure every state is vapour: start at the triple temperature.
        let above = p0 >= d.p_sat_max();
        let t_start = if above { start.0 } else { d.t_triple };
        if let Some(pr) = d.props_tp(t_start, p0, None) {
            fast = newton_2d(d, p0, y0, spec, &pr, t_lo, t_hi, above);
        }
    }
    let pr = match fast {
        Some(pr) => pr,
        None => solve_t(d, p0, y0, spec, t_lo, t_hi, f_lo, f_hi, start.0, start.1)?,
    };
    Ok(Solved::SinglePhase(polish(d, pr, p0, y0, spec)))
}

/// `pr` after one more Newton step in (T, rho) with an EOS evaluation, unless the step
/// is already at round-off (1e-14 relative). The solvers stop at a step of about
/// 1e-12 and leave it unapplied; applied, it leaves an error of order 1e-24, so the
/// memo holds values that f64 callers use as they are.
fn polish(d: &FluidData, pr: Props<f64>, p: f64, y: f64, spec: Spec) -> Props<f64> {
    match newton_step(&pr, p, y, spec) {
        Some((dt, dr)) if dt.abs() > 1e-14 * pr.t || dr.abs() > 1e-14 * pr.rho => d.props(pr.t + dt, pr.rho + dr),
        _ => pr,
    }
}

/// The Newton step `[dT, drho]` of `J [dT, drho] = [p - p(pr), y - y(pr)]` with the
/// f64 Jacobian at `pr` (in `D`, the derivatives follow by the implicit function
/// theorem); `None` if the Jacobian is singular.
fn newton_step<D: Scalar>(pr: &Props<f64>, p: D, y: D, spec: Spec) -> Option<(D, D)> {
    let (y_t, y_r) = spec.partials(pr);
    let det = pr.dp_dt * y_r - pr.dp_drho * y_t;
    if !(det.is_finite() && det != 0.0) {
        return None;
    }
    let fp = p - pr.p;
    let fy = y - spec.value(pr);
    Some(((fp * y_r - fy * pr.dp_drho) / det, (fy * pr.dp_dt - fp * y_t) / det))
}

/// Recent subcritical single-phase solutions of each thread, by fluid, second variable
/// and branch (`true`: liquid), as starts for [`newton_2d_warm`].
type StartKey = (usize, Spec, bool);
thread_local! {
    static STARTS: RefCell<Ring<StartKey, Props<f64>, 16>> = const { RefCell::new(Ring::new()) };
}

/// [`newton_2d`] from the nearest recent solution on the same branch (within 5 % in p
/// and about 5 % in T along the isobar, measured as `|y - y_i| / ((dy/dT)_p T_i)`), else
/// (no such solution, or Newton rejects it) from `saturated`; a solution is stored as
/// a start for later flashes.
#[allow(clippy::too_many_arguments)]
fn newton_2d_warm(
    d: &'static FluidData,
    p: f64,
    y: f64,
    spec: Spec,
    saturated: &Props<f64>,
    t_lo: f64,
    t_hi: f64,
    liquid: bool,
) -> Option<Props<f64>> {
    let key = (d as *const FluidData as usize, spec, liquid);
    let near = STARTS.with(|ring| {
        ring.borrow().nearest(0.05, |k, v| {
            if *k == key {
                (p / v.p - 1.0).abs() + ((y - spec.value(v)) / (spec.isobaric_slope(v) * v.t)).abs()
            } else {
                f64::INFINITY
            }
        })
    });
    let solved = near
        .and_then(|start| newton_2d(d, p, y, spec, &start, t_lo, t_hi, liquid))
        .or_else(|| newton_2d(d, p, y, spec, saturated, t_lo, t_hi, liquid));
    if let Some(pr) = solved {
        STARTS.with(|ring| ring.borrow_mut().insert(key, pr));
    }
    solved
}

/// Fast path: Newton in (T, rho) on [p(T, rho) - p, y(T, rho) - y] starting from the
/// state `from` at the same pressure (saturated liquid/vapour, or the critical isotherm;
/// the first step is then the tangent extrapolation along the isobar). The result is
/// accepted only if it converged inside [t_lo, t_hi] on the requested branch
/// (rho >= rho'(T) for liquid, rho <= rho''(T) for vapour, per the superancillary) and is
/// mechanically stable; otherwise `None` and the caller uses the bracketed solver.
#[allow(clippy::too_many_arguments)]
fn newton_2d(
    d: &FluidData,
    p: f64,
    y: f64,
    spec: Spec,
    from: &Props<f64>,
    t_lo: f64,
    t_hi: f64,
    liquid: bool,
) -> Option<Props<f64>> {
    let mut pr = *from;
    for _ in 0..25 {
        let (dt, dr) = newton_step(&pr, p, y, spec)?;
        if !(dt.is_finite() && dr.is_finite()) {
            return None;
        }
        let (t, r) = (pr.t, pr.rho);
        if dt.abs() <= 1e-12 * t && dr.abs() <= 1e-12 * r {
            let tol = 1e-9 * t;
            if t < t_lo - tol || t > t_hi + tol || pr.dp_drho <= 0.0 {
                return None;
            }
            if t < d.t_sat_max() {
                let (_, rl, rv) = d.superancillary.eval(t);
                if (liquid && r < rl * (1.0 - 1e-9)) || (!liquid && r > rv * (1.0 + 1e-9)) {
                    return None;
                }
            }
            return Some(pr);
        }
        // damping: keep T inside the bracket, rho positive (ideal-gas scaling if the linear
        // density step would go negative, as for large superheat from the dew point)
        let mut lam = 1.0;
        if t + dt > t_hi {
            lam = (t_hi - t) / dt;
        } else if t + dt < t_lo {
            lam = (t_lo - t) / dt;
        }
        if lam.is_nan() || lam <= 1e-3 {
            return None;
        }
        let tn = t + lam * dt;
        let mut rn = r + lam * dr;
        if rn <= 0.0 {
            rn = r * t / tn;
        }
        // project the density guess onto the requested branch (the linear extrapolation
        // along the isobar is poor for large steps, especially near the critical point)
        if tn < d.t_sat_max() {
            let (_, rl, rv) = d.superancillary.eval(tn);
            if liquid && (rn < rl || rn >= d.rho_max) {
                rn = rl;
            } else if !liquid && rn > rv {
                rn = rv.min(p / (d.r_specific() * tn));
            }
        }
        if !(rn > 0.0 && rn < d.rho_max) {
            return None;
        }
        pr = d.props(tn, rn);
    }
    None
}

fn props_pt(d: &FluidData, p: f64, t: f64, guess: Option<f64>, spec: Spec) -> Result<Props<f64>, FluidError> {
    d.props_tp(t, p, guess).ok_or(FluidError::NotConverged {
        flash: spec.flash(),
        inputs: [p, t],
        iterations: 200,
    })
}

fn out_of_range(d: &FluidData, p: f64, y: f64, spec: Spec) -> FluidError {
    let ymin = props_pt(d, p, d.t_triple, None, spec).map(|x| spec.value(&x));
    let ymax = props_pt(d, p, d.t_max, None, spec).map(|x| spec.value(&x));
    match (ymin, ymax) {
        (Ok(min), Ok(max)) => FluidError::OutOfRange {
            quantity: spec.name(),
            value: y,
            min,
            max,
        },
        (Err(e), _) | (_, Err(e)) => e,
    }
}

/// Safeguarded Newton on T. `f_lo`/`f_hi` are y(T) - y at the bracket ends if known.
#[allow(clippy::too_many_arguments)]
fn solve_t(
    d: &FluidData,
    p: f64,
    y: f64,
    spec: Spec,
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
        let pr = props_pt(d, p, t, guess, spec)?;
        guess = Some(pr.rho);
        let f = spec.value(&pr) - y;
        if f > 0.0 {
            b = t;
            fb = Some(f);
        } else {
            a = t;
            fa = Some(f);
        }
        let step = -f / spec.isobaric_slope(&pr);
        if step.abs() <= 1e-12 * t || f == 0.0 {
            return Ok(pr);
        }
        let mut tn = t + step;
        if !(tn > a && tn < b && step.is_finite()) {
            // check an unevaluated bracket end before bisecting towards it
            if tn >= b && fb.is_none() {
                let fe = spec.value(&props_pt(d, p, b, None, spec)?) - y;
                if fe < 0.0 {
                    return Err(out_of_range(d, p, y, spec));
                }
                fb = Some(fe);
            }
            if tn <= a && fa.is_none() {
                let fe = spec.value(&props_pt(d, p, a, None, spec)?) - y;
                if fe > 0.0 {
                    return Err(out_of_range(d, p, y, spec));
                }
                fa = Some(fe);
            }
            tn = 0.5 * (a + b);
            guess = None;
        }
        if (b - a) <= 1e-13 * b {
            return props_pt(d, p, 0.5 * (a + b), guess, spec);
        }
        t = tn;
    }
    Err(FluidError::NotConverged {
        flash: spec.flash(),
        inputs: [p, y],
        iterations: MAX_IT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fluids::lookup;

    /// The fast (T, rho) Newton path must be taken for ordinary refrigeration states and
    /// agree with the bracketed solver.
    #[test]
    fn fast_path_converges_and_matches_bracketed_solver() {
        let d = lookup("R134a").unwrap();
        for &p in &[4.2e6, 6e6, 1e7, 3e7, 6.9e7] {
            for &h in &[1.2e5, 2e5, 2.8e5, 3.5e5, 4.5e5, 5.5e5] {
                if let Ok(b) = solve_t(
                    d,
                    p,
                    h,
                    Spec::Enthalpy,
                    d.t_triple,
                    d.t_max,
                    None,
                    None,
                    d.t_critical,
                    None,
                ) {
                    let r = d.rho_tp(d.t_critical, p, None).unwrap().rho;
                    let f = newton_2d(
                        d,
                        p,
                        h,
                        Spec::Enthalpy,
                        &d.props(d.t_critical, r),
                        d.t_triple,
                        d.t_max,
                        true,
                    )
                    .unwrap_or_else(|| panic!("supercritical fast path {p} {h}"));
                    assert!(
                        (f.t / b.t - 1.0).abs() < 1e-10 && (f.rho / b.rho - 1.0).abs() < 1e-9,
                        "{p} {h}"
                    );
                }
            }
        }
        for &p in &[2e3, 5e4, 3e5, 1e6, 2.5e6, 3.9e6] {
            let s = d.sat_p64(p);
            for &dh in &[1e3, 2e4, 8e4, 2e5] {
                // vapour
                let h = s.v.h + dh;
                if let Ok(b) = solve_t(
                    d,
                    p,
                    h,
                    Spec::Enthalpy,
                    s.t,
                    d.t_max,
                    Some(s.v.h - h),
                    None,
                    s.t + 1.0,
                    None,
                ) {
                    let f = newton_2d(d, p, h, Spec::Enthalpy, &s.v, s.t, d.t_max, false)
                        .unwrap_or_else(|| panic!("vapour fast path {p} {h}"));
                    assert!(
                        (f.t / b.t - 1.0).abs() < 1e-10 && (f.rho / b.rho - 1.0).abs() < 1e-9,
                        "{p} {h}"
                    );
                }
                // liquid
                let h = s.l.h - dh;
                if let Ok(b) = solve_t(
                    d,
                    p,
                    h,
                    Spec::Enthalpy,
                    d.t_triple,
                    s.t,
                    None,
                    Some(s.l.h - h),
                    s.t - 1.0,
                    None,
                ) {
                    let f = newton_2d(d, p, h, Spec::Enthalpy, &s.l, d.t_triple, s.t, true)
                        .unwrap_or_else(|| panic!("liquid fast path {p} {h}"));
                    assert!(
                        (f.t / b.t - 1.0).abs() < 1e-10 && (f.rho / b.rho - 1.0).abs() < 1e-9,
                        "{p} {h}"
                    );
                }
            }
        }
    }
}
