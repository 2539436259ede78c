//! The real mixtures' side of [`crate::Fluid`]: mixture results as the pure-fluid result
//! types ([`State`], [`Saturation`]), and the (T, x) and (T, rho) states.

use crate::error::FluidError;
use crate::mixture::blends::MixtureFluid;
use crate::mixture::{MixtureProps, MixtureState, PhaseEquilibrium};
use crate::scalar::{re, Scalar};
use crate::state::{Phase, Saturation, State};
use num_dual::Dual64;

/// Single-phase label: supercritical when T >= T_c and p >= p_c (the mixture's critical
/// point, see `blends`), else liquid above the critical density, vapour below.
fn single_phase(m: &MixtureFluid, t: f64, p: f64, rho: f64) -> Phase {
    if t >= m.critical[0] && p >= m.critical[1] {
        Phase::Supercritical
    } else if rho > m.critical[2] {
        Phase::Liquid
    } else {
        Phase::Vapor
    }
}

fn single<D: Scalar>(m: &MixtureFluid, pr: &MixtureProps<D>) -> State<D> {
    let rho = pr.rho();
    State {
        t: pr.t,
        p: pr.p,
        rho,
        h: pr.h(),
        s: pr.s(),
        u: pr.u_molar / pr.molar_mass,
        phase: single_phase(m, re(pr.t), re(pr.p), re(rho)),
        quality: None,
        cv: Some(pr.cv_molar / pr.molar_mass),
        cp: Some(pr.cp()),
        w: Some(pr.w),
    }
}

/// A mixture flash result as a [`State`] (mass-specific).
pub(crate) fn state<D: Scalar>(m: &MixtureFluid, s: MixtureState<D>) -> Result<State<D>, FluidError> {
    match &s.two_phase {
        Some(tp) => {
            let rho = s.rho();
            let h = s.h();
            Ok(State {
                t: s.t,
                p: s.p,
                rho,
                h,
                s: s.s(),
                u: h - s.p / rho,
                phase: Phase::TwoPhase,
                quality: Some(tp.quality),
                cv: None,
                cp: None,
                w: None,
            })
        }
        None => {
            // p, h, s of the props equal the flash's (converged); cp, cv, w come with them
            let pr = m.mixture.props_trho(s.t, s.rho_molar)?;
            let mut st = single(m, &pr);
            st.p = s.p;
            st.h = s.h();
            st.s = s.s();
            Ok(st)
        }
    }
}

/// Bubble-point liquid and dew-point vapour as a [`Saturation`].
pub(crate) fn saturation<D: Scalar>(
    m: &MixtureFluid,
    b: PhaseEquilibrium<D>,
    d: PhaseEquilibrium<D>,
) -> Result<Saturation<D>, FluidError> {
    let l = m.mixture.props_trho(b.t, b.rho_liquid)?;
    let v = m.mixture.props_trho(d.t, d.rho_vapor)?;
    Ok(Saturation {
        t: b.t,
        p: b.p,
        t_bubble: b.t,
        t_dew: d.t,
        p_bubble: b.p,
        p_dew: d.p,
        rho_liquid: l.rho(),
        rho_vapor: v.rho(),
        h_liquid: l.h(),
        h_vapor: v.h(),
        s_liquid: l.s(),
        s_vapor: v.s(),
        cp_liquid: l.cp(),
        cp_vapor: v.cp(),
    })
}

/// Two-phase state at (T, vapour mass fraction x): the pressure with T(p, x) = T by
/// Newton in f64 (dT/dp from a `Dual64` flash), started between the bubble and dew
/// pressures at T; then one Newton step in the caller's scalar,
/// `p_D = p - (T(p, x_D) - T_D) / (dT/dp)`, so that the state at (p_D, x_D) carries exact
/// derivatives w.r.t. T and x.
pub(crate) fn state_tx<D: Scalar>(m: &MixtureFluid, t: D, x: D) -> Result<State<D>, FluidError> {
    let mx = &m.mixture;
    let (t0, x0) = (re(t), re(x));
    let (pb, pd) = (mx.bubble_point_t(t0)?.p, mx.dew_point_t(t0)?.p);
    let mut p = pb + x0 * (pd - pb);
    let mut t_p = f64::NAN;
    let mut converged = false;
    for _ in 0..40 {
        let s = mx.state_px(Dual64::new(p, 1.0), Dual64::from(x0))?;
        t_p = s.t.eps;
        let dp = -(s.t.re - t0) / t_p;
        if !(dp.is_finite() && t_p > 0.0) {
            break;
        }
        p = (p + dp).clamp(0.5 * p, 2.0 * p);
        if dp.abs() <= 1e-13 * p {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(FluidError::NotConverged {
            flash: "mixture (T, x)",
            inputs: [t0, x0],
            iterations: 40,
        });
    }
    let at_p = mx.state_px(D::from(p), x)?;
    let p_d = -(at_p.t - t) / t_p + p;
    state(m, mx.state_px(p_d, x)?)
}

/// Single-phase state at (T, rho) (mass density); inside the two-phase region at T
/// (between the dew point's vapour and the bubble point's liquid density) an error.
pub(crate) fn state_trho<D: Scalar>(m: &MixtureFluid, t: D, rho: D) -> Result<State<D>, FluidError> {
    let mx = &m.mixture;
    let mm = mx.molar_mass();
    let (t0, r0) = (re(t), re(rho) / mm);
    if t0 < m.critical[0] {
        let b = mx.bubble_point_t(t0)?;
        let d = mx.dew_point_t(t0)?;
        if r0 > d.rho_vapor && r0 < b.rho_liquid {
            return Err(FluidError::InvalidInput {
                quantity: "density",
                value: re(rho),
                reason: "lies in the two-phase region of the mixture at this temperature; \
                         (T, rho) states of mixtures are single-phase only (use state_ph or state_pt)",
            });
        }
    }
    let pr = mx.props_trho(t, rho / mm)?;
    Ok(single(m, &pr))
}
