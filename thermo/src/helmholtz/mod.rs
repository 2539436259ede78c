//! Helmholtz-energy equation of state: alpha = alpha0(tau, delta) + alphar(tau, delta),
//! tau = T_r / T, delta = rho / rho_r, and the thermodynamic properties derived from it.
//!
//! Property relations (R = R_molar / M, mass-specific; e.g. Span, "Multiparameter
//! Equations of State", Springer 2000, Table 3.3):
//! p = rho R T (1 + delta ar_d);
//! h / (R T) = 1 + tau (a0_t + ar_t) + delta ar_d;
//! s / R = tau (a0_t + ar_t) - a0 - ar;  u / (R T) = tau (a0_t + ar_t);
//! cv / R = -tau^2 (a0_tt + ar_tt);
//! cp / R = cv / R + (1 + delta ar_d - delta tau ar_dt)^2 / (1 + 2 delta ar_d + delta^2 ar_dd);
//! w^2 / (R T) = 1 + 2 delta ar_d + delta^2 ar_dd - (1 + delta ar_d - delta tau ar_dt)^2 / (tau^2 (a0_tt + ar_tt)).

pub(crate) mod ideal;
pub(crate) mod residual;

use crate::fluids::FluidData;
use crate::scalar::{is_plain, re, Scalar};
use nalgebra::{Const, U1};
use num_dual::{Dual64, DualSVec64};
use residual::ResidualDerivs;
use std::any::TypeId;

/// All single-phase properties at (T, rho), plus the partial derivatives the flashes need.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Props<D> {
    pub t: D,
    pub rho: D,
    pub p: D,
    pub h: D,
    pub s: D,
    pub u: D,
    pub cv: D,
    pub cp: D,
    pub w: D,
    /// Gibbs energy g = h - T s, J/kg.
    pub g: D,
    /// (dp/drho)_T, Pa m3/kg.
    pub dp_drho: D,
    /// (dp/dT)_rho, Pa/K.
    pub dp_dt: D,
    /// (dh/dT)_rho, J/(kg K).
    pub dh_dt: D,
    /// (dh/drho)_T, J m3/kg2.
    pub dh_drho: D,
}

impl Props<f64> {
    /// The properties moved by (dT, drho) to first order: T, rho and the first-order
    /// properties p, h, s, u, g by their partial derivatives ((ds/dT)_rho = cv/T,
    /// (ds/drho)_T = -(dp/dT)_rho / rho^2, u = h - p/rho, g = h - T s). The second-order
    /// properties (cp, cv, w and the partials) keep their values, whose change is of the
    /// order of the step itself. For the last, round-off-sized step of a converged
    /// iteration this replaces an EOS evaluation at the moved point.
    pub(crate) fn moved(&self, dt: f64, dr: f64) -> Props<f64> {
        let mut q = *self;
        q.t += dt;
        q.rho += dr;
        q.p += self.dp_dt * dt + self.dp_drho * dr;
        q.h += self.dh_dt * dt + self.dh_drho * dr;
        // (dr / rho divided separately: rho^2 underflows at the densities of p -> 0)
        q.s += self.cv / self.t * dt - self.dp_dt / self.rho * (dr / self.rho);
        q.u = q.h - q.p / q.rho;
        q.g = q.h - q.t * q.s;
        q
    }
}

impl FluidData {
    /// Specific gas constant of the EOS, J/(kg K).
    #[inline]
    pub(crate) fn r_specific(&self) -> f64 {
        self.gas_constant_molar / self.molar_mass
    }

    /// Evaluate every property at (T, rho). Inputs must be positive and finite.
    #[inline]
    pub(crate) fn props<D: Scalar>(&self, t: D, rho: D) -> Props<D> {
        if is_plain::<D>() || D::NDERIV != 1 || TypeId::of::<D>() == TypeId::of::<Dual64>() {
            return self.props_direct(t, rho);
        }
        self.props_by_chain_rule(t, rho)
    }

    /// [`Self::props`] for first-order duals with many directions (the `DualSVec64<6|12>`
    /// of component Jacobians): the EOS is evaluated once in the two directions (T, rho),
    /// and every property X is composed as X_D = X + X_T (T_D - T) + X_rho (rho_D - rho).
    /// That is the chain rule, exact to first order, at about a quarter of the cost of
    /// carrying 6 or 12 directions through every Helmholtz term.
    fn props_by_chain_rule<D: Scalar>(&self, t: D, rho: D) -> Props<D> {
        let (t0, rho0) = (re(t), re(rho));
        let seeded = |x: f64, i: usize| DualSVec64::<2>::from_re(x).derivative(i);
        let q = self.props_direct(seeded(t0, 0), seeded(rho0, 1));
        let (dt, drho) = (t - t0, rho - rho0);
        let lift = |x: DualSVec64<2>| {
            let g = x.eps.unwrap_generic(Const::<2>, U1);
            dt * g[0] + drho * g[1] + x.re
        };
        Props {
            t,
            rho,
            p: lift(q.p),
            h: lift(q.h),
            s: lift(q.s),
            u: lift(q.u),
            cv: lift(q.cv),
            cp: lift(q.cp),
            w: lift(q.w),
            g: lift(q.g),
            dp_drho: lift(q.dp_drho),
            dp_dt: lift(q.dp_dt),
            dh_dt: lift(q.dh_dt),
            dh_drho: lift(q.dh_drho),
        }
    }

    /// The EOS and its derived properties evaluated directly in `D`.
    fn props_direct<D: Scalar>(&self, t: D, rho: D) -> Props<D> {
        let tau = t.recip() * self.t_reducing;
        let delta = rho / self.rho_reducing;
        self.props_from_residual(t, rho, residual::residual(self.residual, tau, delta))
    }

    /// The properties at (T, rho) from the residual part `a` already evaluated there
    /// (the ideal part is added here).
    #[inline]
    pub(crate) fn props_from_residual<D: Scalar>(&self, t: D, rho: D, a: ResidualDerivs<D>) -> Props<D> {
        let r = self.r_specific();
        let tau = t.recip() * self.t_reducing;
        let delta = rho / self.rho_reducing;
        let i = ideal::ideal(self.ideal, tau, delta);
        let rt = t * r;
        let one_d = a.d + 1.0;
        let tt = i.tt + a.tt;
        let x = one_d - a.dt; // 1 + delta ar_d - delta tau ar_dt
        let y = a.d * 2.0 + a.dd + 1.0; // 1 + 2 delta ar_d + delta^2 ar_dd
        let tsum = i.t + a.t;
        let p = rho * rt * one_d;
        let h = rt * (tsum + one_d);
        let s = (tsum - i.a - a.a) * r;
        let u = rt * tsum;
        let cv = -tt * r;
        let cp = cv + x * x / y * r;
        let w2 = rt * (y - x * x / tt);
        let w = w2.sqrt();
        let g = rt * (one_d + i.a + a.a);
        let dp_drho = rt * y;
        let dp_dt = rho * r * x;
        let dh_dt = cv + x * r;
        // (divided by rho last: rt / rho overflows at the densities of p -> 0)
        let dh_drho = rt * (a.dt + a.d + a.dd) / rho;
        Props {
            t,
            rho,
            p,
            h,
            s,
            u,
            cv,
            cp,
            w,
            g,
            dp_drho,
            dp_dt,
            dh_dt,
            dh_drho,
        }
    }

    /// Pressure and (dp/drho)_T only (residual part only), f64; used by density solvers.
    #[inline]
    pub(crate) fn pressure(&self, t: f64, rho: f64) -> (f64, f64) {
        let (p, dp, _) = self.pressure_and_residual(t, rho);
        (p, dp)
    }

    /// [`Self::pressure`] with the residual part it was computed from, from which
    /// [`Self::props_from_residual`] gives every property at the same point.
    #[inline]
    pub(crate) fn pressure_and_residual(&self, t: f64, rho: f64) -> (f64, f64, ResidualDerivs<f64>) {
        let tau = self.t_reducing / t;
        let delta = rho / self.rho_reducing;
        let a = residual::residual(self.residual, tau, delta);
        let rt = self.r_specific() * t;
        (rho * rt * (1.0 + a.d), rt * (1.0 + 2.0 * a.d + a.dd), a)
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;

    /// Point from Tillner-Roth & Baehr (1994) / CoolProp: saturated liquid at 0 °C has
    /// h = 200 kJ/kg, s = 1 kJ/(kg K) (IIR reference; CoolProp: 199999.98853, 1000.0000370).
    #[test]
    fn reference_state() {
        let f = lookup("R134a").unwrap();
        let rho_l: f64 = 1294.7770206645357; // CoolProp D(T=273.15, Q=0)
        let pr = f.props(273.15f64, rho_l);
        assert!((pr.h - 199999.98852614488).abs() < 1e-4, "{}", pr.h);
        assert!((pr.s - 1000.0000369551423).abs() < 1e-6, "{}", pr.s);
        let (p, dp) = f.pressure(273.15, rho_l);
        assert!((p - pr.p).abs() < 1e-9 * p && (dp - pr.dp_drho).abs() < 1e-9 * dp);
    }

    /// The chain-rule lift used for many-direction duals equals the direct evaluation.
    #[test]
    fn chain_rule_props_equal_direct_dual_evaluation() {
        use nalgebra::{Const, U1};
        use num_dual::DualSVec64;
        for name in ["R134a", "Water", "R744", "R410A"] {
            let f = lookup(name).unwrap();
            let t_sub = 0.8 * f.t_critical;
            let (_, rho_l, rho_v) = f.superancillary.eval(t_sub);
            let states = [
                (t_sub, 1.01 * rho_l),
                (t_sub, 0.9 * rho_v),
                (1.3 * f.t_critical, f.rho_critical),
            ];
            for &(t, rho) in &states {
                let t: DualSVec64<3> = DualSVec64::from_re(t).derivative(0) * 1.5;
                let rho = DualSVec64::from_re(rho).derivative(1) + DualSVec64::from_re(0.0).derivative(2);
                let (a, b) = (f.props_by_chain_rule(t, rho), f.props_direct(t, rho));
                for (x, y) in [
                    (a.p, b.p),
                    (a.h, b.h),
                    (a.s, b.s),
                    (a.cp, b.cp),
                    (a.w, b.w),
                    (a.dh_drho, b.dh_drho),
                ] {
                    assert!(
                        (x.re - y.re).abs() <= 1e-12 * y.re.abs().max(1.0),
                        "{name} {} {}",
                        x.re,
                        y.re
                    );
                    let (gx, gy) = (
                        x.eps.unwrap_generic(Const::<3>, U1),
                        y.eps.unwrap_generic(Const::<3>, U1),
                    );
                    for k in 0..3 {
                        assert!(
                            (gx[k] - gy[k]).abs() <= 1e-10 * gy.amax().max(1e-300),
                            "{name} {k}: {gx} {gy}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn partials_match_finite_differences() {
        let f = lookup("R134a").unwrap();
        let (t, rho): (f64, f64) = (320.0, 60.0);
        let a = f.props::<f64>(t, rho);
        let e = 1e-6;
        let tp = f.props(t * (1.0 + e), rho);
        let tm = f.props(t * (1.0 - e), rho);
        let rp = f.props(t, rho * (1.0 + e));
        let rm = f.props(t, rho * (1.0 - e));
        let fd = |x: f64, y: f64, dx: f64| (x - y) / dx;
        assert!((fd(tp.p, tm.p, 2.0 * e * t) / a.dp_dt - 1.0).abs() < 1e-7);
        assert!((fd(tp.h, tm.h, 2.0 * e * t) / a.dh_dt - 1.0).abs() < 1e-7);
        assert!((fd(rp.p, rm.p, 2.0 * e * rho) / a.dp_drho - 1.0).abs() < 1e-7);
        assert!((fd(rp.h, rm.h, 2.0 * e * rho) / a.dh_drho - 1.0).abs() < 1e-6);
        assert!((fd(tp.u, tm.u, 2.0 * e * t) / a.cv - 1.0).abs() < 1e-7);
        assert!((a.h - a.u - a.p / rho).abs() < 1e-9 * a.h.abs());
    }
}

#[cfg(test)]
mod timing {
    use crate::fluids::lookup;
    use std::hint::black_box;
    use std::time::Instant;

    fn min_ns(mut f: impl FnMut(usize) -> f64) -> f64 {
        let n = 200_000;
        let mut best = f64::INFINITY;
        for _ in 0..15 {
            let t0 = Instant::now();
            let mut acc = 0.0;
            for i in 0..n {
                acc += f(i);
            }
            black_box(acc);
            best = best.min(t0.elapsed().as_nanos() as f64 / n as f64);
        }
        best
    }

    /// Manual timing helper (min over repetitions, robust to a noisy machine):
    /// `cargo test -p entropyk-thermo --release --lib -- --ignored --nocapture timing`
    #[test]
    #[ignore]
    fn timing_props() {
        let f = lookup("R134a").unwrap();
        let x = |i: usize| (i % 7) as f64;
        eprintln!(
            "props f64: {:.1} ns",
            min_ns(|i| f.props::<f64>(black_box(300.0 + x(i)), black_box(15.0)).h)
        );
        eprintln!(
            "props Dual64: {:.1} ns",
            min_ns(|i| f
                .props(
                    black_box(num_dual::Dual64::new(300.0 + x(i), 1.0)),
                    black_box(15.0.into())
                )
                .h
                .eps)
        );
        eprintln!(
            "pressure: {:.1} ns",
            min_ns(|i| f.pressure(black_box(300.0 + x(i)), black_box(15.0)).0)
        );
        eprintln!(
            "residual: {:.1} ns",
            min_ns(|i| crate::helmholtz::residual::residual::<f64>(
                f.residual,
                black_box(1.2 + x(i) * 0.01),
                black_box(0.03)
            )
            .a)
        );
        eprintln!(
            "superancillary: {:.1} ns",
            min_ns(|i| f.superancillary.eval::<f64>(black_box(300.0 + x(i))).0)
        );
        eprintln!(
            "t_sat (superancillary inverse): {:.1} ns",
            min_ns(|i| f.superancillary.t_sat(black_box(3e5 + x(i))))
        );
        eprintln!("sat_p64: {:.1} ns", min_ns(|i| f.sat_p64(black_box(3e5 + x(i))).t));
        eprintln!("sat_t64: {:.1} ns", min_ns(|i| f.sat_t64(black_box(270.0 + x(i))).p));
    }
}
