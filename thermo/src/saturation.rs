//! Vapour-liquid equilibrium of a pure fluid from the EOS.
//!
//! Start: superancillary (p_sat, rho', rho''); polish: Newton on the phase-equilibrium
//! equations p(T, rho') = p(T, rho''), g(T, rho') = g(T, rho'') (at given T, unknowns
//! rho', rho''), or p(T, rho') = p(T, rho'') = p, g' = g'' (at given p, unknowns T, rho',
//! rho''). Derivatives for dual inputs: implicit function theorem at the converged point
//! (slopes d rho'/dT, d rho''/dT from the linearised equilibrium conditions, dp/dT from
//! Clausius-Clapeyron: dp/dT = (s'' - s') / (1/rho'' - 1/rho')).
//!
//! Critical region: for T within [`NEAR_CRITICAL_K`] of the EOS critical temperature the
//! equilibrium equations become singular (rho' -> rho''); there the superancillary
//! itself (a fit of the EOS equilibrium, rel. accuracy ~1e-10 in this band) is used with
//! its own analytic T-derivatives, and h, s come from the EOS at those densities.

use crate::fluids::FluidData;
use crate::helmholtz::Props;
use crate::memo::{memoized_read, Ring};
use crate::scalar::{cst, re, Scalar};
use std::cell::RefCell;
use std::convert::Infallible;

/// Width of the near-critical band (K below the EOS critical temperature) where the
/// superancillary is used without polishing.
pub(crate) const NEAR_CRITICAL_K: f64 = 1e-3;

/// Converged f64 saturation state plus the slopes of the saturation curve.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sat64 {
    /// Temperature of the liquid side (bubble point), K.
    pub t: f64,
    /// Pressure of the liquid side (bubble point), Pa.
    pub p: f64,
    /// Temperature of the vapour side (dew point; = `t` for pure fluids), K.
    pub t_v: f64,
    /// Pressure of the vapour side (dew point; = `p` for pure fluids), Pa.
    pub p_v: f64,
    /// Dew-curve slope dp''/dT at `t_v` (= `dp_dt` for pure fluids), Pa/K.
    pub dpv_dt: f64,
    pub l: Props<f64>,
    pub v: Props<f64>,
    /// dp_sat/dT (bubble curve for blends), Pa/K.
    pub dp_dt: f64,
    /// d rho'/dT along the saturation curve, kg/(m3 K).
    pub drhol_dt: f64,
    /// d rho''/dT along the saturation curve, kg/(m3 K).
    pub drhov_dt: f64,
}

/// Saturated liquid and vapour properties carrying dual derivatives.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SatD<D> {
    /// Liquid-side (bubble) temperature and pressure.
    pub t: D,
    pub p: D,
    /// Vapour-side (dew) temperature and pressure (equal to `t`, `p` for pure fluids).
    pub t_v: D,
    pub p_v: D,
    pub l: Props<D>,
    pub v: Props<D>,
}

thread_local! {
    /// Recent f64 saturation states at given pressures (see [`crate::memo`]), keyed by the
    /// fluid's data address and the bits of p.
    static SAT: RefCell<Ring<(usize, u64), Sat64, 8>> = const { RefCell::new(Ring::new()) };
}

impl FluidData {
    /// Upper temperature of the saturation curve (EOS critical point), K.
    #[inline]
    pub(crate) fn t_sat_max(&self) -> f64 {
        self.superancillary.t_max
    }

    /// Upper pressure of the saturation curve, Pa (blends: the dew pressure at
    /// [`FluidData::t_sat_max`], so that both bubble and dew temperatures exist below it).
    #[inline]
    pub(crate) fn p_sat_max(&self) -> f64 {
        match &self.blend {
            Some(b) => b.dew.eval_d(self.t_sat_max()).0,
            None => self.superancillary.p_at_t_max,
        }
    }

    /// Density at (T, p) on the requested branch (liquid or vapour), also where that branch
    /// is metastable (blends: the bubble pressure may lie slightly below the EOS's own
    /// equilibrium pressure and the dew pressure above it, as for the nearly azeotropic
    /// R507A); Newton from the EOS equilibrium density, as CoolProp starts from its
    /// ancillary density.
    fn rho_branch(&self, t: f64, p: f64, liquid: bool) -> f64 {
        if t < self.t_sat_max() {
            let (ps, rl, rv) = self.superancillary.eval(t);
            let stable = if liquid { p >= ps } else { p <= ps };
            if !stable {
                let mut x = if liquid { rl } else { rv };
                for _ in 0..50 {
                    let (pc, dp) = self.pressure(t, x);
                    let step = -(pc - p) / dp;
                    if !(dp > 0.0 && step.is_finite()) {
                        break;
                    }
                    x += step;
                    if step.abs() <= 1e-14 * x {
                        return x;
                    }
                }
                return x;
            }
        }
        // start from the EOS equilibrium density of the requested phase (close to the root)
        let guess = if t < self.t_sat_max() {
            let (_, rl, rv) = self.superancillary.eval(t);
            Some(if liquid { rl } else { rv })
        } else {
            None
        };
        self.rho_tp(t, p, guess).map(|r| r.rho).unwrap_or(f64::NAN)
    }

    /// Blend saturation at T: bubble p' from the ancillary, liquid density from the EOS at
    /// (T, p'); dew p'' likewise with the vapour density.
    fn blend_sat_t64(&self, b: &crate::fluids::BlendData, t: f64) -> Sat64 {
        let (pb, dpb) = b.bubble.eval_d(t);
        let (pd, dpd) = b.dew.eval_d(t);
        debug_assert!(pb.is_finite() && pd.is_finite());
        let l = self.props(t, self.rho_branch(t, pb, true));
        let v = self.props(t, self.rho_branch(t, pd, false));
        Sat64 {
            t,
            p: pb,
            t_v: t,
            p_v: pd,
            dpv_dt: dpd,
            dp_dt: dpb,
            drhol_dt: (dpb - l.dp_dt) / l.dp_drho,
            drhov_dt: (dpd - v.dp_dt) / v.dp_drho,
            l,
            v,
        }
    }

    /// Blend saturation at p: bubble temperature T' with p'(T') = p, dew T'' with p''(T'') = p.
    fn blend_sat_p64(&self, b: &crate::fluids::BlendData, p: f64) -> Sat64 {
        let t0 = self.superancillary.t_sat(p);
        let tb = b.bubble.t_of_p(p, t0, self.t_triple);
        let td = b.dew.t_of_p(p, t0, self.t_triple);
        let (_, dpb) = b.bubble.eval_d(tb);
        let (_, dpd) = b.dew.eval_d(td);
        let l = self.props(tb, self.rho_branch(tb, p, true));
        let v = self.props(td, self.rho_branch(td, p, false));
        Sat64 {
            t: tb,
            p,
            t_v: td,
            p_v: p,
            dpv_dt: dpd,
            dp_dt: dpb,
            drhol_dt: (dpb - l.dp_dt) / l.dp_drho,
            drhov_dt: (dpd - v.dp_dt) / v.dp_drho,
            l,
            v,
        }
    }

    /// Slopes of the saturation curve at a converged equilibrium (implicit function theorem).
    fn slopes(l: &Props<f64>, v: &Props<f64>) -> (f64, f64, f64) {
        // F1 = p' - p'', F2 = g' - g''; (dg/dT)_rho = -s + (dp/dT)_rho / rho
        let ft1 = l.dp_dt - v.dp_dt;
        let ft2 = (-l.s + l.dp_dt / l.rho) - (-v.s + v.dp_dt / v.rho);
        let dvl = 1.0 / l.rho - 1.0 / v.rho;
        // with dP' = p'_rho drho', dP'' = p''_rho drho'': dP' - dP'' = -ft1, dP'/rho' - dP''/rho'' = -ft2
        let dpv = (ft1 / l.rho - ft2) / dvl;
        let dpl = dpv - ft1;
        let dp_dt = (v.s - l.s) / (1.0 / v.rho - 1.0 / l.rho);
        (dp_dt, dpl / l.dp_drho, dpv / v.dp_drho)
    }

    /// Superancillary-only saturation state (near-critical band).
    fn sat_superancillary(&self, t: f64) -> Sat64 {
        use num_dual::Dual64;
        let (p, rl, rv) = self.superancillary.eval(Dual64::new(t, 1.0));
        let l = self.props(t, rl.re);
        let v = self.props(t, rv.re);
        Sat64 {
            t,
            p: p.re,
            t_v: t,
            p_v: p.re,
            dpv_dt: p.eps,
            l,
            v,
            dp_dt: p.eps,
            drhol_dt: rl.eps,
            drhov_dt: rv.eps,
        }
    }

    /// Saturation at temperature T (f64), T in [t_triple, t_sat_max).
    pub(crate) fn sat_t64(&self, t: f64) -> Sat64 {
        if let Some(b) = &self.blend {
            return self.blend_sat_t64(b, t);
        }
        if self.t_sat_max() - t < NEAR_CRITICAL_K {
            return self.sat_superancillary(t);
        }
        let (_, mut rl, mut rv) = self.superancillary.eval(t);
        for _ in 0..20 {
            let l = self.props(t, rl);
            let v = self.props(t, rv);
            let f1 = l.p - v.p;
            let f2 = l.g - v.g;
            let dvl = 1.0 / l.rho - 1.0 / v.rho;
            let dpv = (f1 / l.rho - f2) / dvl;
            let dpl = dpv - f1;
            let drl = dpl / l.dp_drho;
            let drv = dpv / v.dp_drho;
            let ok = drl.is_finite() && drv.is_finite() && l.dp_drho > 0.0 && v.dp_drho > 0.0;
            if !ok {
                break;
            }
            if drl.abs() <= 1e-12 * rl && drv.abs() <= 1e-11 * rv {
                let (dp_dt, drhol_dt, drhov_dt) = Self::slopes(&l, &v);
                return Sat64 {
                    t,
                    p: v.p,
                    t_v: t,
                    p_v: v.p,
                    dpv_dt: dp_dt,
                    l,
                    v,
                    dp_dt,
                    drhol_dt,
                    drhov_dt,
                };
            }
            rl += drl;
            rv += drv;
        }
        self.sat_superancillary(t)
    }

    /// Saturation at pressure p (f64), p in [p_triple, p_sat_max); memoized per thread
    /// (see [`crate::memo`]).
    pub(crate) fn sat_p64(&'static self, p: f64) -> Sat64 {
        self.with_sat_p64(p, |s| *s)
    }

    /// `read` applied to [`Self::sat_p64`] without copying the state out of the memo;
    /// `read` must not ask for another saturation state.
    #[inline]
    pub(crate) fn with_sat_p64<R>(&'static self, p: f64, read: impl FnOnce(&Sat64) -> R) -> R {
        let key = (self as *const FluidData as usize, p.to_bits());
        let Ok(r) = memoized_read(&SAT, key, || Ok::<_, Infallible>(self.sat_p64_uncached(p)), read);
        r
    }

    /// Saturation at pressure p (f64), p in [p_triple, p_sat_max).
    fn sat_p64_uncached(&self, p: f64) -> Sat64 {
        if let Some(b) = &self.blend {
            return self.blend_sat_p64(b, p);
        }
        let sa = &self.superancillary;
        // Newton on the superancillary from the nearest recent state at another pressure
        // of this fluid (within 5 %), moved along the curve by its slope
        let near = SAT.with(|ring| {
            let fluid = self as *const FluidData as usize;
            ring.borrow()
                .nearest(0.05, |k, v| {
                    if k.0 == fluid {
                        (p / v.p - 1.0).abs()
                    } else {
                        f64::INFINITY
                    }
                })
                .map(|v| v.t + (p - v.p) / v.dp_dt)
        });
        let t0 = sa.t_sat_from(p, near.filter(|t| t.is_finite()));
        if self.t_sat_max() - t0 < NEAR_CRITICAL_K {
            return self.sat_superancillary(t0);
        }
        let (_, mut rl, mut rv) = sa.eval(t0);
        let mut t = t0;
        for _ in 0..20 {
            let l = self.props(t, rl);
            let v = self.props(t, rv);
            let f1 = l.p - p;
            let f2 = v.p - p;
            let f3 = l.g - v.g;
            // rows: [p'_T, p'_rho, 0], [p''_T, 0, p''_rho], [g'_T - g''_T, p'_rho/rho', -p''_rho/rho'']
            let dt = (-f3 + f1 / l.rho - f2 / v.rho) / (v.s - l.s);
            let drl = (-f1 - l.dp_dt * dt) / l.dp_drho;
            let drv = (-f2 - v.dp_dt * dt) / v.dp_drho;
            let ok = dt.is_finite() && drl.is_finite() && drv.is_finite() && l.dp_drho > 0.0 && v.dp_drho > 0.0;
            if !ok {
                break;
            }
            if dt.abs() <= 1e-12 * t && drl.abs() <= 1e-12 * rl && drv.abs() <= 1e-11 * rv {
                let (dp_dt, drhol_dt, drhov_dt) = Self::slopes(&l, &v);
                return Sat64 {
                    t,
                    p,
                    t_v: t,
                    p_v: p,
                    dpv_dt: dp_dt,
                    l,
                    v,
                    dp_dt,
                    drhol_dt,
                    drhov_dt,
                };
            }
            t += dt;
            rl += drl;
            rv += drv;
        }
        let mut s = self.sat_superancillary(t0);
        s.p = p;
        s.p_v = p;
        s
    }

    /// Lift a converged saturation state to dual numbers at temperature `t` (whose real
    /// part equals `s.t`): densities move along the saturation curve to first order.
    pub(crate) fn lift_sat<D: Scalar>(&self, s: &Sat64, t: D) -> SatD<D> {
        if crate::scalar::is_plain::<D>() {
            return SatD {
                t,
                p: cst(s.p),
                t_v: t,
                p_v: cst(s.p_v),
                l: lift_props(&s.l),
                v: lift_props(&s.v),
            };
        }
        let dt = t - s.t;
        let rl = dt * s.drhol_dt + s.rho_l();
        let rv = dt * s.drhov_dt + s.rho_v();
        let p = dt * s.dp_dt + s.p;
        let p_v = dt * s.dpv_dt + s.p_v;
        SatD {
            t,
            p,
            t_v: t,
            p_v,
            l: self.props(t, rl),
            v: self.props(t, rv),
        }
    }

    /// Lift at given pressure `p` (real part equal to `s.p`): T moves by Clausius-Clapeyron.
    pub(crate) fn lift_sat_p<D: Scalar>(&self, s: &Sat64, p: D) -> SatD<D> {
        if self.blend.is_some() {
            // bubble side moves along p'(T), dew side along p''(T)
            let t = (p - s.p) / s.dp_dt + s.t;
            let t_v = (p - s.p_v) / s.dpv_dt + s.t_v;
            if crate::scalar::is_plain::<D>() {
                return SatD {
                    t,
                    p,
                    t_v,
                    p_v: p,
                    l: lift_props(&s.l),
                    v: lift_props(&s.v),
                };
            }
            let rl = (t - s.t) * s.drhol_dt + s.rho_l();
            let rv = (t_v - s.t_v) * s.drhov_dt + s.rho_v();
            return SatD {
                t,
                p,
                t_v,
                p_v: p,
                l: self.props(t, rl),
                v: self.props(t_v, rv),
            };
        }
        let t = (p - s.p) / s.dp_dt + s.t;
        let mut r = self.lift_sat(s, t);
        r.p = p;
        r.p_v = p;
        let _ = re(p);
        r
    }
}

impl Sat64 {
    #[inline]
    fn rho_l(&self) -> f64 {
        self.l.rho
    }
    #[inline]
    fn rho_v(&self) -> f64 {
        self.v.rho
    }
}

/// Convert f64 props to any scalar (constants).
pub(crate) fn lift_props<D: Scalar>(p: &Props<f64>) -> Props<D> {
    Props {
        t: cst(p.t),
        rho: cst(p.rho),
        p: cst(p.p),
        h: cst(p.h),
        s: cst(p.s),
        u: cst(p.u),
        cv: cst(p.cv),
        cp: cst(p.cp),
        w: cst(p.w),
        g: cst(p.g),
        dp_drho: cst(p.dp_drho),
        dp_dt: cst(p.dp_dt),
        dh_dt: cst(p.dh_dt),
        dh_drho: cst(p.dh_drho),
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;

    #[test]
    fn equilibrium_is_satisfied() {
        let f = lookup("R134a").unwrap();
        for &t in &[170.0, 220.0, 273.15, 330.0, 370.0, 374.0] {
            let s = f.sat_t64(t);
            // p' is ill-conditioned in rho' (rho dp/drho / p ~ 1e7 at 170 K): one ulp of rho'
            // moves p' by ~1e-9 relative, so compare within 16 ulp of rho'.
            let tol = 16.0 * f64::EPSILON * s.l.rho * s.l.dp_drho;
            assert!(
                (s.l.p - s.v.p).abs() < tol.max(1e-12 * s.v.p),
                "{t}: {} {}",
                s.l.p,
                s.v.p
            );
            assert!((s.l.g - s.v.g).abs() < 1e-9 * s.v.h.abs(), "{t}");
            let s2 = f.sat_p64(s.p);
            assert!((s2.t - t).abs() < 1e-9, "{t} {}", s2.t);
        }
    }
}

#[cfg(test)]
mod critical_band {
    use crate::fluids::lookup;

    /// Polished EOS equilibrium vs superancillary approaching T_c: the EOS Newton solve is
    /// used down to NEAR_CRITICAL_K below T_c; at the switch both agree closely, so the
    /// curve is continuous to that level.
    #[test]
    fn switch_is_continuous() {
        let f = lookup("R134a").unwrap();
        let tc = f.t_sat_max();
        let a = f.sat_t64(tc - super::NEAR_CRITICAL_K * 1.001); // polished
        let b = f.sat_superancillary(tc - super::NEAR_CRITICAL_K * 1.001);
        for (x, y, what) in [
            (a.p, b.p, "p"),
            (a.l.rho, b.l.rho, "rho'"),
            (a.v.rho, b.v.rho, "rho''"),
            (a.l.h, b.l.h, "h'"),
        ] {
            eprintln!(
                "{what}: polished {x} superancillary {y} rel {:.2e}",
                (x / y - 1.0).abs()
            );
            assert!((x / y - 1.0).abs() < 1e-7, "{what}: {x} vs {y}");
        }
        for dt in [1e-2, 1e-3, 1e-4, 1e-5, 1e-6] {
            let t = tc - dt;
            let s = f.sat_superancillary(t);
            let (pl, pv) = (s.l.p, s.v.p);
            eprintln!(
                "dT={dt:e}: EOS p'/p_SA-1 {:.2e}, p''/p_SA-1 {:.2e}, g'-g'' {:.2e} J/kg",
                pl / s.p - 1.0,
                pv / s.p - 1.0,
                s.l.g - s.v.g
            );
        }
    }
}
