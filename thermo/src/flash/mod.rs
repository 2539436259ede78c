//! Flash calculations: solve in f64, then lift to the caller's scalar type with one
//! Newton step (implicit function theorem) so outputs carry exact first derivatives.

pub(crate) mod ph;
pub(crate) mod pt;
pub(crate) mod trho;

use crate::fluids::FluidData;
use crate::helmholtz::Props;
use crate::saturation::SatD;
use crate::scalar::Scalar;
use crate::state::{Phase, Saturation, State};

/// Phase label of a single-phase state (see [`Phase`] for the convention).
pub(crate) fn classify(d: &FluidData, t: f64, p: f64, rho: f64) -> Phase {
    let tc = d.t_critical;
    let pc = d.p_critical;
    if t >= tc {
        if p >= pc {
            Phase::Supercritical
        } else {
            Phase::Vapor
        }
    } else if p >= pc || rho > d.rho_critical {
        Phase::Liquid
    } else {
        Phase::Vapor
    }
}

/// Single-phase [`State`] from EOS properties.
pub(crate) fn single_phase_state<D: Scalar>(pr: &Props<D>, phase: Phase) -> State<D> {
    State {
        t: pr.t,
        p: pr.p,
        rho: pr.rho,
        h: pr.h,
        s: pr.s,
        u: pr.u,
        phase,
        quality: None,
        cv: Some(pr.cv),
        cp: Some(pr.cp),
        w: Some(pr.w),
    }
}

/// Two-phase [`State`] at quality x from saturated liquid/vapour:
/// 1/rho = 1/rho' + x (1/rho'' - 1/rho'), h = h' + x (h'' - h'), s likewise, u = h - p/rho.
/// Pseudo-pure blends (CoolProp's convention): T = T' + x (T'' - T') at given p (the
/// temperature glide), and p = p' + x (p'' - p') at given T.
pub(crate) fn two_phase_state<D: Scalar>(s: &SatD<D>, x: D) -> State<D> {
    let vl = s.l.rho.recip();
    let vv = s.v.rho.recip();
    let v = vl + (vv - vl) * x;
    let h = s.l.h + (s.v.h - s.l.h) * x;
    let en = s.l.s + (s.v.s - s.l.s) * x;
    let (t, p) =
        if crate::scalar::re(s.t_v) == crate::scalar::re(s.t) && crate::scalar::re(s.p_v) == crate::scalar::re(s.p) {
            (s.t, s.p)
        } else {
            (s.t + (s.t_v - s.t) * x, s.p + (s.p_v - s.p) * x)
        };
    State {
        t,
        p,
        rho: v.recip(),
        h,
        s: en,
        u: h - p * v,
        phase: Phase::TwoPhase,
        quality: Some(x),
        cv: None,
        cp: None,
        w: None,
    }
}

/// Public [`Saturation`] from a lifted saturation state.
pub(crate) fn saturation<D: Scalar>(s: &SatD<D>) -> Saturation<D> {
    Saturation {
        t: s.t,
        p: s.p,
        t_bubble: s.t,
        t_dew: s.t_v,
        p_bubble: s.p,
        p_dew: s.p_v,
        rho_liquid: s.l.rho,
        rho_vapor: s.v.rho,
        h_liquid: s.l.h,
        h_vapor: s.v.h,
        s_liquid: s.l.s,
        s_vapor: s.v.s,
        cp_liquid: s.l.cp,
        cp_vapor: s.v.cp,
    }
}
