//! Bubble and dew points of a mixture of fixed overall composition z, at given T or p.
//!
//! Unknowns: the molar densities of the phase of composition z and of the incipient phase,
//! the incipient phase's composition w, and (p given) T. Equations (Michelsen & Mollerup,
//! "Thermodynamic Models: Fundamentals & Computational Aspects", 2nd ed. 2007, ch. 12; in
//! (T, rho) variables as in Kunz & Wagner, J. Chem. Eng. Data 57, 3032 (2012), sec. 7.4):
//! * equal fugacities: `ln(z_i rho_z) + mu_i(T, rho_z, z) = ln(w_i rho_w) + mu_i(T, rho_w, w)`
//!   with `mu_i = (d(n alphar)/dn_i)_{T,V}`, since `ln f_i = ln(x_i rho R T) + mu_i`;
//! * equal pressures `p(T, rho_z, z) = p(T, rho_w, w)`; `sum_i w_i = 1`;
//! * (p given) `ln p(T, rho_z, z) = ln p`.
//!
//! Bubble point: z is the liquid, w the vapour; dew point: z the vapour, w the liquid.
//! Start: ideal-solution K-values from the components' vapour pressures (Raoult's law;
//! above a component's T_c Wilson's `K_i = (p_c,i / p) exp(5.373 (1 + omega_i)(1 - T_c,i / T))`,
//! G. M. Wilson 1968, with acentric factors from the saturation curves), density roots at
//! the estimate, a few successive-substitution steps with the EOS K-values, then
//! Newton on the full system with the Jacobian from dual numbers. The f64 solution is lifted
//! to the caller's scalar type by one Newton step in that type (implicit function theorem),
//! so the outputs carry exact derivatives with respect to the seeded T or p.
//!
//! Near the mixture's critical point the two phases merge and the system becomes singular:
//! a solution whose two densities differ by less than 1e-3 relative is refused (it is the
//! trivial solution), so states close to the critical point may fail with `NotConverged`.

use crate::error::FluidError;
use crate::memo::{memoized, Ring};
use crate::mixture::envelope::{SolveCache, Solved, MEMO_U};
use crate::mixture::jacobian::{by_size, jacobian, seeded};
use crate::mixture::model::MixtureModel;
use crate::scalar::{re, Scalar};
use nalgebra::{DMatrix, DVector};
use num_dual::{Dual64, DualSVec64};
use std::cell::RefCell;

/// (mixture id, bubble 0 / dew 1, T 0 / p 1 given, bits of the given value).
type SolvedKey = (u64, u8, u8, u64);

thread_local! {
    /// f64 equilibrium solutions by (mixture id, bubble/dew, T/p given, bits of the spec).
    /// The start of every solve is deterministic (the envelope table), so a hit returns
    /// exactly what a new solve would.
    static SOLVED: RefCell<Ring<SolvedKey, Option<Solved>, 16>> = const { RefCell::new(Ring::new()) };
}

/// A vapour-liquid equilibrium state (bubble or dew point).
#[derive(Clone, Debug)]
pub struct PhaseEquilibrium<D> {
    /// Temperature, K.
    pub t: D,
    /// Pressure, Pa.
    pub p: D,
    /// Molar density of the liquid, mol/m3.
    pub rho_liquid: D,
    /// Molar density of the vapour, mol/m3.
    pub rho_vapor: D,
    /// Mole fractions of the liquid.
    pub x_liquid: Vec<D>,
    /// Mole fractions of the vapour.
    pub y_vapor: Vec<D>,
}

/// Which saturation point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// z is the liquid.
    Bubble,
    /// z is the vapour.
    Dew,
}

/// Which variable is given.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Spec<D> {
    T(D),
    P(D),
}

const MAX_NEWTON: usize = 60;

impl MixtureModel {
    /// One phase's contributions: `g_i = ln(c_i rho) + mu_i` (ln f_i up to the common
    /// ln(R T)) and its pressure, at (T, rho, composition c).
    fn phase_terms<D: Scalar>(&self, t: D, rho: D, c: &[D]) -> (Vec<D>, D) {
        let mu = self.dnar_dn(t, rho, c);
        let g = c.iter().zip(mu).map(|(&ci, m)| (ci * rho).ln() + m).collect();
        (g, self.pressure(t, rho, c).0)
    }

    /// Residuals of the equilibrium system at unknowns
    /// `u = [ln rho_z, ln rho_w, w_1..w_N, (ln T if p is given)]`.
    fn vle_residuals<D: Scalar>(&self, z: &[D], spec: Spec<D>, u: &[D]) -> Vec<D> {
        let n = z.len();
        let t = match spec {
            Spec::T(t) => t,
            Spec::P(_) => u[n + 2].exp(),
        };
        let w = &u[2..2 + n];
        let (gz, pz) = self.phase_terms(t, u[0].exp(), z);
        let (gw, pw) = self.phase_terms(t, u[1].exp(), w);
        let scale = re(pz).abs().max(1.0);
        let mut f: Vec<D> = gz.iter().zip(&gw).map(|(&a, &b)| a - b).collect();
        f.push((pz - pw) / scale);
        f.push(w.iter().fold(D::zero(), |s, &v| s + v) - 1.0);
        if let Spec::P(p) = spec {
            f.push(pz.ln() - p.ln());
        }
        f
    }

    /// Jacobian of [`Self::vle_residuals`] w.r.t. u (f64) by dual numbers, one phase
    /// evaluation per unknown it depends on: rho_z moves only the z phase; rho_w and w only
    /// the incipient phase; T (p given) both.
    fn vle_jacobian(&self, z: &[f64], spec: Spec<f64>, u: &[f64]) -> DMatrix<f64> {
        by_size!(u.len(), self.vle_jacobian_vec(z, spec, u)).unwrap_or_else(|| self.vle_jacobian_columns(z, spec, u))
    }

    /// [`Self::vle_jacobian`] from one evaluation of the residuals in `DualSVec64<M>`.
    fn vle_jacobian_vec<const M: usize>(&self, z: &[f64], spec: Spec<f64>, u: &[f64]) -> DMatrix<f64> {
        let zd: Vec<DualSVec64<M>> = z.iter().map(|&v| DualSVec64::from(v)).collect();
        let sd = match spec {
            Spec::T(t) => Spec::T(DualSVec64::from(t)),
            Spec::P(p) => Spec::P(DualSVec64::from(p)),
        };
        jacobian(&self.vle_residuals(&zd, sd, &seeded::<M>(u)))
    }

    /// [`Self::vle_jacobian`] column by column in `Dual64` (any number of unknowns).
    fn vle_jacobian_columns(&self, z: &[f64], spec: Spec<f64>, u: &[f64]) -> DMatrix<f64> {
        let n = z.len();
        let m = u.len();
        let t = match spec {
            Spec::T(t) => t,
            Spec::P(_) => u[n + 2].exp(),
        };
        let (rz, rw) = (u[0].exp(), u[1].exp());
        let cst = |v: f64| Dual64::from(v);
        let zd: Vec<Dual64> = z.iter().map(|&v| cst(v)).collect();
        let wd: Vec<Dual64> = u[2..2 + n].iter().map(|&v| cst(v)).collect();
        let pz0 = self.pressure(t, rz, z).0;
        let scale = pz0.abs().max(1.0);
        let mut j = DMatrix::zeros(m, m);
        // column 0: ln rho_z (d rho / d ln rho = rho)
        let (gz, pz) = self.phase_terms(cst(t), Dual64::new(rz, rz), &zd);
        for i in 0..n {
            j[(i, 0)] = gz[i].eps;
        }
        j[(n, 0)] = pz.eps / scale;
        if m > n + 2 {
            j[(n + 2, 0)] = pz.eps / pz0;
        }
        // columns 1 and 2..2+n: ln rho_w and w_k
        for c in 1..2 + n {
            let mut w = wd.clone();
            let mut rho = cst(rw);
            if c == 1 {
                rho = Dual64::new(rw, rw);
            } else {
                w[c - 2] = Dual64::new(u[c], 1.0);
            }
            let (gw, pw) = self.phase_terms(cst(t), rho, &w);
            for i in 0..n {
                j[(i, c)] = -gw[i].eps;
            }
            j[(n, c)] = -pw.eps / scale;
            if c >= 2 {
                j[(n + 1, c)] = 1.0;
            }
        }
        // column n + 2: ln T (p given)
        if m > n + 2 {
            let td = Dual64::new(t, t);
            let (gz, pz) = self.phase_terms(td, cst(rz), &zd);
            let (gw, pw) = self.phase_terms(td, cst(rw), &wd);
            for i in 0..n {
                j[(i, n + 2)] = gz[i].eps - gw[i].eps;
            }
            j[(n, n + 2)] = (pz.eps - pw.eps) / scale;
            j[(n + 2, n + 2)] = pz.eps / pz0;
        }
        j
    }

    /// Acentric factor of component i from its saturation curve:
    /// omega = -log10(p_sat(0.7 T_c) / p_c) - 1.
    fn acentric(&self, i: usize) -> f64 {
        let c = self.comps[i];
        -(c.superancillary.p_sat(0.7 * c.t_critical) / c.p_critical).log10() - 1.0
    }

    /// Ideal-solution (Raoult) K-values at (T, p): K_i = p_sat,i(T) / p with the components'
    /// vapour pressures (superancillary curves; above a component's critical temperature
    /// Wilson's extrapolation p_c exp(5.373 (1 + omega)(1 - T_c / T)), continuous at T_c).
    fn wilson(&self, t: f64, p: f64) -> Vec<f64> {
        (0..self.len())
            .map(|i| {
                let c = self.comps[i];
                let p_sat = if t < c.t_sat_max() {
                    c.superancillary.p_sat(t)
                } else {
                    c.p_critical * (5.373 * (1.0 + self.acentric(i)) * (1.0 - c.t_critical / t)).exp()
                };
                p_sat / p
            })
            .collect()
    }

    /// Initial (T, p, w) from the ideal-solution K-values.
    fn wilson_start(&self, z: &[f64], kind: Kind, spec: Spec<f64>) -> (f64, f64, Vec<f64>) {
        let (t, p) = match spec {
            Spec::T(t) => {
                // sum z_i K_i = 1 (bubble) or sum z_i / K_i = 1 (dew), K_i proportional to 1/p
                let k1 = self.wilson(t, 1.0);
                let p = match kind {
                    Kind::Bubble => z.iter().zip(&k1).map(|(z, k)| z * k).sum::<f64>(),
                    Kind::Dew => 1.0 / z.iter().zip(&k1).map(|(z, k)| z / k).sum::<f64>(),
                };
                (t, p)
            }
            Spec::P(p) => {
                // the Wilson sum falls monotonically with T (bubble: rises): bisection in T
                let g = |t: f64| -> f64 {
                    let k = self.wilson(t, p);
                    match kind {
                        Kind::Bubble => z.iter().zip(&k).map(|(z, k)| z * k).sum::<f64>().ln(),
                        Kind::Dew => -z.iter().zip(&k).map(|(z, k)| z / k).sum::<f64>().ln(),
                    }
                };
                let tc_min = self.comps.iter().map(|c| c.t_critical).fold(f64::INFINITY, f64::min);
                let tc_max = self.comps.iter().map(|c| c.t_critical).fold(0.0, f64::max);
                let (mut a, mut b) = (0.2 * tc_min, 2.0 * tc_max);
                for _ in 0..100 {
                    let mid = 0.5 * (a + b);
                    if g(mid) > 0.0 {
                        b = mid;
                    } else {
                        a = mid;
                    }
                }
                (0.5 * (a + b), p)
            }
        };
        let k = self.wilson(t, p);
        let mut w: Vec<f64> = match kind {
            Kind::Bubble => z.iter().zip(&k).map(|(z, k)| z * k).collect(),
            Kind::Dew => z.iter().zip(&k).map(|(z, k)| z / k).collect(),
        };
        let s: f64 = w.iter().sum();
        w.iter_mut().for_each(|v| *v /= s);
        (t, p, w)
    }

    /// Densities of the z phase and of the w phase at (T, p), with fallbacks when a root
    /// does not exist at the estimate (liquid: ideal-solution volume; vapour: ideal gas).
    fn phase_densities(&self, t: f64, p: f64, z: &[f64], w: &[f64], kind: Kind) -> (f64, f64) {
        let liquid_z = kind == Kind::Bubble;
        let root = |x: &[f64], liquid: bool| {
            self.density(t, p, x, liquid).unwrap_or_else(|| {
                if liquid {
                    self.liquid_density_estimate(t, x)
                } else {
                    p / (crate::mixture::model::R_MIX * t)
                }
            })
        };
        (root(z, liquid_z), root(w, !liquid_z))
    }

    /// Start vector u (see [`Self::vle_residuals`]) from the ideal-solution estimate and a
    /// few successive-substitution steps with the EOS K-values (K_i = phi_i^L / phi_i^V).
    fn vle_start(&self, z: &[f64], kind: Kind, spec: Spec<f64>) -> Vec<f64> {
        let n = z.len();
        let (mut t, mut p, mut w) = self.wilson_start(z, kind, spec);
        let (mut rz, mut rw) = self.phase_densities(t, p, z, &w, kind);
        for _ in 0..8 {
            let lz = self.ln_phi(t, rz, z);
            let lw = self.ln_phi(t, rw, &w);
            // bubble: y_i = K_i z_i; dew: x_i = z_i / K_i; both z_i phi_i(z) / phi_i(w)
            let mut new_w: Vec<f64> = (0..n).map(|i| z[i] * (lz[i] - lw[i]).exp()).collect();
            let s: f64 = new_w.iter().sum();
            if !(s.is_finite() && s > 0.0) {
                break;
            }
            new_w.iter_mut().for_each(|v| *v /= s);
            match spec {
                Spec::T(_) => match kind {
                    Kind::Bubble => p *= s,
                    Kind::Dew => p /= s,
                },
                Spec::P(_) => {
                    // d ln S / dT from the Wilson temperature dependence of the K-values
                    let slope: f64 = (0..n)
                        .map(|i| {
                            let c = self.comps[i];
                            new_w[i] * 5.373 * (1.0 + self.acentric(i)) * c.t_critical / (t * t)
                        })
                        .sum();
                    let dt = match kind {
                        Kind::Bubble => -s.ln() / slope,
                        Kind::Dew => s.ln() / slope,
                    };
                    t += dt.clamp(-0.1 * t, 0.1 * t);
                }
            }
            let change = w.iter().zip(&new_w).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
            w = new_w;
            if change < 1e-4 {
                break;
            }
            let (a, b) = self.phase_densities(t, p, z, &w, kind);
            rz = a;
            rw = b;
        }
        let mut u: Vec<f64> = vec![rz.ln(), rw.ln()];
        u.extend(&w);
        if let Spec::P(_) = spec {
            u.push(t.ln());
        }
        u
    }

    /// Newton on the full system from `u`; the solution and the inverse Jacobian there, or
    /// `None` (no convergence, a singular system, or the trivial solution with two equal
    /// phases).
    pub(crate) fn vle_newton(&self, z: &[f64], spec: Spec<f64>, mut u: Vec<f64>) -> Option<(Vec<f64>, DMatrix<f64>)> {
        let n = z.len();
        for _ in 0..MAX_NEWTON {
            let f = self.vle_residuals(z, spec, &u);
            let j = self.vle_jacobian(z, spec, &u);
            let du = j
                .clone()
                .lu()
                .solve(&DVector::from_iterator(f.len(), f.iter().map(|v| -v)))?;
            if du.iter().any(|v| !v.is_finite()) {
                return None;
            }
            // converged when the next Newton step is below 1e-10: that step is the lift to
            // the caller's scalar (`vle_cached`), which leaves an error of order 1e-20 in the
            // values; the Jacobian it uses is the one at u, within 1e-10 of the solution
            if du.iter().all(|v| v.abs() <= 1e-10) {
                if (u[0] - u[1]).abs() < 1e-3 {
                    return None;
                }
                return Some((u, j.try_inverse()?));
            }
            // damping: density and temperature steps bounded, fractions kept positive
            let mut lambda: f64 = 1.0;
            for k in 0..u.len() {
                let d = du[k].abs();
                let bound = if k < 2 {
                    0.5
                } else if k < 2 + n {
                    0.5 * u[k]
                } else {
                    0.05
                };
                if d > bound {
                    lambda = lambda.min(bound / d);
                }
            }
            for k in 0..u.len() {
                u[k] += lambda * du[k];
            }
            if (u[0] - u[1]).abs() < 1e-3 {
                // the trivial solution (both phases identical) attracts near the critical point
                return None;
            }
        }
        None
    }

    /// Solve the bubble / dew point in f64: the unknown vector u (see
    /// [`Self::vle_residuals`]) and the inverse Jacobian at the solution.
    ///
    /// Direct: Newton from [`Self::vle_start`]. If that fails (near the critical point the
    /// start can fall on the trivial solution), continuation in ln T or ln p from a point
    /// farther from the critical point (p halved, or T lowered by 3 %, up to 8 times): each
    /// step predicts u from du/ds = -J^-1 dF/ds and corrects with Newton, halving the step
    /// on failure.
    fn solve_vle(&self, z: &[f64], kind: Kind, spec: Spec<f64>) -> Result<(Vec<f64>, DMatrix<f64>), FluidError> {
        let (flash, target) = match (kind, spec) {
            (Kind::Bubble, Spec::T(v)) => ("bubble point at T", v),
            (Kind::Bubble, Spec::P(v)) => ("bubble point at p", v),
            (Kind::Dew, Spec::T(v)) => ("dew point at T", v),
            (Kind::Dew, Spec::P(v)) => ("dew point at p", v),
        };
        let fail = |iterations| FluidError::NotConverged {
            flash,
            inputs: [target, z[0]],
            iterations,
        };
        let with = |v: f64| match spec {
            Spec::T(_) => Spec::T(v),
            Spec::P(_) => Spec::P(v),
        };
        if let Some(r) = self.vle_newton(z, spec, self.vle_start(z, kind, spec)) {
            return Ok(r);
        }
        let factor = match spec {
            Spec::T(_) => 0.97,
            Spec::P(_) => 0.5,
        };
        let mut anchor = None;
        let mut v = target;
        for _ in 0..8 {
            v *= factor;
            if let Some(r) = self.vle_newton(z, with(v), self.vle_start(z, kind, with(v))) {
                anchor = Some((v, r));
                break;
            }
        }
        let (mut v, (mut u, mut inv)) = anchor.ok_or_else(|| fail(0))?;
        let mut ds = (target / v).ln() / 4.0;
        let mut steps = 0;
        while v != target {
            steps += 1;
            if steps > 200 || ds.abs() < 1e-6 {
                return Err(fail(steps));
            }
            let next = if ((target / v).ln() - ds).abs() < 1e-12 || (target / v).ln().abs() <= ds.abs() {
                target
            } else {
                v * ds.exp()
            };
            // dF/ds at fixed u by a dual seed on the spec (d spec / d ln spec = spec)
            let zd: Vec<Dual64> = z.iter().map(|&x| Dual64::from(x)).collect();
            let ud: Vec<Dual64> = u.iter().map(|&x| Dual64::from(x)).collect();
            let sd = match spec {
                Spec::T(_) => Spec::T(Dual64::new(v, v)),
                Spec::P(_) => Spec::P(Dual64::new(v, v)),
            };
            let df: Vec<f64> = self.vle_residuals(&zd, sd, &ud).iter().map(|x| x.eps).collect();
            let h = (next / v).ln();
            let pred: Vec<f64> = (0..u.len())
                .map(|k| u[k] - h * (0..u.len()).map(|j| inv[(k, j)] * df[j]).sum::<f64>())
                .collect();
            match self.vle_newton(z, with(next), pred) {
                Some((u2, inv2)) => {
                    u = u2;
                    inv = inv2;
                    v = next;
                    ds *= 1.5;
                }
                None => ds *= 0.5,
            }
        }
        Ok((u, inv))
    }

    /// [`Self::solve_vle`], tried first with Newton from `start` (if any).
    pub(crate) fn solve_vle_from(
        &self,
        z: &[f64],
        kind: Kind,
        spec: Spec<f64>,
        start: Option<Vec<f64>>,
    ) -> Result<(Vec<f64>, DMatrix<f64>), FluidError> {
        if let Some(r) = start.and_then(|u| self.vle_newton(z, spec, u)) {
            return Ok(r);
        }
        self.solve_vle(z, kind, spec)
    }

    /// The f64 solution with the mixture's solve context: started from its envelope table
    /// when the spec lies inside it, memoized per thread (exact hits only).
    pub(crate) fn solve_vle_cached(
        &self,
        z: &[f64],
        kind: Kind,
        spec: Spec<f64>,
        cache: Option<&SolveCache>,
    ) -> Result<(Vec<f64>, DMatrix<f64>), FluidError> {
        let Some(c) = cache else {
            return self.solve_vle(z, kind, spec);
        };
        let n = z.len();
        let solve = || {
            let start = c.envelope(self, z).and_then(|e| match spec {
                Spec::P(p) => e.at(p).map(|est| est.u[usize::from(kind == Kind::Dew)].clone()),
                Spec::T(t) => e.start_at_t(t, kind, n),
            });
            self.solve_vle_from(z, kind, spec, start)
        };
        if n + 3 > MEMO_U {
            return solve();
        }
        let (tag, v) = match spec {
            Spec::T(t) => (0u8, t),
            Spec::P(p) => (1u8, p),
        };
        let key = (c.id, u8::from(kind == Kind::Dew), tag, v.to_bits());
        let solved = memoized(&SOLVED, key, || solve().map(|(u, inv)| Solved::pack(&u, &inv)))?;
        match solved {
            Some(s) => Ok(s.unpack()),
            None => solve(),
        }
    }

    /// Bubble or dew point of overall composition `z` (validated, all entries > 0) at the
    /// given T or p, with exact derivatives w.r.t. the spec's seed (no solve context).
    #[cfg(test)]
    pub(crate) fn vle<D: Scalar>(
        &self,
        z: &[f64],
        kind: Kind,
        spec: Spec<D>,
    ) -> Result<PhaseEquilibrium<D>, FluidError> {
        self.vle_cached(z, kind, spec, None)
    }

    /// [`Self::vle`] with the mixture's solve context (see [`Self::solve_vle_cached`]).
    pub(crate) fn vle_cached<D: Scalar>(
        &self,
        z: &[f64],
        kind: Kind,
        spec: Spec<D>,
        cache: Option<&SolveCache>,
    ) -> Result<PhaseEquilibrium<D>, FluidError> {
        let n = z.len();
        let spec64 = match spec {
            Spec::T(t) => Spec::T(re(t)),
            Spec::P(p) => Spec::P(re(p)),
        };
        let (u, inv) = self.solve_vle_cached(z, kind, spec64, cache)?;
        // one Newton step in D at the f64 solution: u_D = u - J^-1 F(u, spec_D)
        let zd: Vec<D> = z.iter().map(|&v| D::from(v)).collect();
        let u0: Vec<D> = u.iter().map(|&v| D::from(v)).collect();
        let f = self.vle_residuals(&zd, spec, &u0);
        let ud: Vec<D> = (0..u.len())
            .map(|k| (0..u.len()).fold(u0[k], |acc, j| acc - f[j] * inv[(k, j)]))
            .collect();
        let t = match spec {
            Spec::T(t) => t,
            Spec::P(_) => ud[n + 2].exp(),
        };
        let (rz, rw) = (ud[0].exp(), ud[1].exp());
        let w: Vec<D> = ud[2..2 + n].to_vec();
        let p = match spec {
            Spec::P(p) => p,
            Spec::T(_) => self.pressure(t, rz, &zd).0,
        };
        Ok(match kind {
            Kind::Bubble => PhaseEquilibrium {
                t,
                p,
                rho_liquid: rz,
                rho_vapor: rw,
                x_liquid: zd,
                y_vapor: w,
            },
            Kind::Dew => PhaseEquilibrium {
                t,
                p,
                rho_liquid: rw,
                rho_vapor: rz,
                x_liquid: w,
                y_vapor: zd,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fluids::lookup;

    /// A pure component's equilibrium condition holds at the solution: fugacities and
    /// pressures equal, and bubble at the bubble pressure gives back the temperature.
    #[test]
    fn bubble_and_dew_are_consistent() {
        let m = MixtureModel::new(vec![lookup("R32").unwrap(), lookup("R1234yf").unwrap()]).unwrap();
        let z = [0.8292, 0.1708];
        for t in [250.0, 280.0, 310.0] {
            let b = m.vle::<f64>(&z, Kind::Bubble, Spec::T(t)).unwrap();
            let d = m.vle::<f64>(&z, Kind::Dew, Spec::T(t)).unwrap();
            assert!(b.p > d.p, "{t}: bubble {} dew {}", b.p, d.p);
            let lf = |x: &[f64], rho: f64| -> Vec<f64> {
                let lp = m.ln_phi(t, rho, x);
                let (p, _) = m.pressure(t, rho, x);
                (0..2).map(|i| lp[i] + (x[i] * p).ln()).collect()
            };
            for e in [&b, &d] {
                let (fl, fv) = (lf(&e.x_liquid, e.rho_liquid), lf(&e.y_vapor, e.rho_vapor));
                for i in 0..2 {
                    assert!((fl[i] - fv[i]).abs() < 1e-10, "{t}: {fl:?} {fv:?}");
                }
            }
            let b2 = m.vle::<f64>(&z, Kind::Bubble, Spec::P(b.p)).unwrap();
            assert!((b2.t - t).abs() < 1e-8, "{} {t}", b2.t);
            let d2 = m.vle::<f64>(&z, Kind::Dew, Spec::P(d.p)).unwrap();
            assert!((d2.t - t).abs() < 1e-8, "{} {t}", d2.t);
        }
    }

    /// dp_bubble/dT from the dual lift against a central difference.
    #[test]
    fn derivative_by_implicit_function_theorem() {
        let m = MixtureModel::new(vec![lookup("R1234yf").unwrap(), lookup("R134a").unwrap()]).unwrap();
        let z = [0.5236216, 0.4763784];
        let t = 290.0;
        let e = m.vle(&z, Kind::Bubble, Spec::T(Dual64::new(t, 1.0))).unwrap();
        let h = 1e-3;
        let pp = m.vle::<f64>(&z, Kind::Bubble, Spec::T(t + h)).unwrap().p;
        let pm = m.vle::<f64>(&z, Kind::Bubble, Spec::T(t - h)).unwrap().p;
        let fd = (pp - pm) / (2.0 * h);
        assert!((e.p.eps / fd - 1.0).abs() < 1e-7, "{} {fd}", e.p.eps);
        let e = m.vle(&z, Kind::Dew, Spec::P(Dual64::new(8e5, 1.0))).unwrap();
        let tp = m.vle::<f64>(&z, Kind::Dew, Spec::P(8e5 + 10.0)).unwrap().t;
        let tm = m.vle::<f64>(&z, Kind::Dew, Spec::P(8e5 - 10.0)).unwrap().t;
        let fd = (tp - tm) / 20.0;
        assert!((e.t.eps / fd - 1.0).abs() < 1e-6, "{} {fd}", e.t.eps);
    }

    /// The phase-split Jacobian equals the derivative of the full residual vector.
    #[test]
    fn jacobian_matches_full_dual_evaluation() {
        let m = MixtureModel::new(vec![
            lookup("R32").unwrap(),
            lookup("R1234yf").unwrap(),
            lookup("R134a").unwrap(),
        ])
        .unwrap();
        let z = [0.5, 0.3, 0.2];
        let u = [9.6, 4.1, 0.6, 0.25, 0.15, 285f64.ln()];
        for spec in [Spec::T(280.0), Spec::P(6e5)] {
            let k = if let Spec::T(_) = spec { 5 } else { 6 };
            let j = m.vle_jacobian(&z, spec, &u[..k]);
            let zd: Vec<Dual64> = z.iter().map(|&v| Dual64::from(v)).collect();
            let sd = match spec {
                Spec::T(t) => Spec::T(Dual64::from(t)),
                Spec::P(p) => Spec::P(Dual64::from(p)),
            };
            for c in 0..k {
                let ud: Vec<Dual64> = (0..k)
                    .map(|q| Dual64::new(u[q], if q == c { 1.0 } else { 0.0 }))
                    .collect();
                for (r, v) in m.vle_residuals(&zd, sd, &ud).iter().enumerate() {
                    assert!(
                        (j[(r, c)] - v.eps).abs() <= 1e-12 * v.eps.abs().max(1.0),
                        "{r} {c}: {} {}",
                        j[(r, c)],
                        v.eps
                    );
                }
            }
        }
    }
}
