//! Flashes of a mixture of fixed overall composition z at given pressure: (p, T), (p, h),
//! (p, s) and (p, vapour mass fraction), single-phase or two-phase with the temperature
//! glide.
//!
//! Classification at p from the bubble and dew points (see `bubble_dew`): a state whose
//! T, h or s lies below the bubble point's is liquid, above the dew point's vapour, in
//! between two-phase. Two-phase unknowns `u = [ln rho_L, ln rho_V, x_1..x_N, y_1..y_N, beta,
//! ln T]` (beta the vapour mole fraction) and equations (Michelsen & Mollerup,
//! "Thermodynamic Models", 2nd ed. 2007, ch. 6 and 12):
//! * equal fugacities `ln(x_i rho_L) + mu_i(L) = ln(y_i rho_V) + mu_i(V)`;
//! * both phases at p; material balances `(1 - beta) x_i + beta y_i = z_i`;
//!   `sum x_i = sum y_i` (with the balances both are 1, also at beta = 0 and 1);
//! * the specification: `(1 - beta) h_L + beta h_V = h` (molar), the same for s,
//!   `beta M(y) = q M(z)` (q the vapour mass fraction), or `ln T = ln T_spec`.
//!
//! The start interpolates between the bubble point (beta = 0) and the dew point (beta = 1);
//! Newton with the Jacobian from dual numbers (each phase evaluated only for the unknowns it
//! depends on) solves in f64, and one Newton step in the caller's scalar type lifts the
//! solution (implicit function theorem), so every output carries exact derivatives.
//! Single-phase states: Newton on (ln rho, ln T) for p(T, rho) = p and the specification,
//! started from the bubble (liquid) or dew (vapour) point. Pressures above the two-phase
//! envelope (no bubble or dew point at p) are refused with the bubble/dew error.

use crate::error::FluidError;
use crate::memo::{memoized, Ring};
use crate::mixture::bubble_dew::{Kind, Spec};
use crate::mixture::envelope::SolveCache;
use crate::mixture::jacobian::{by_size, jacobian, seeded};
use crate::mixture::model::{MixtureModel, R_MIX};
use crate::scalar::{re, Scalar};
use nalgebra::{DMatrix, DVector};
use num_dual::{Dual64, DualNum, DualSVec64};
use std::cell::RefCell;

/// The coexisting phases of a two-phase mixture state.
#[derive(Clone, Debug)]
pub struct TwoPhase<D> {
    /// Vapour mole fraction (moles of vapour per mole of mixture).
    pub beta: D,
    /// Vapour mass fraction (the quality).
    pub quality: D,
    /// Mole fractions of the liquid.
    pub x_liquid: Vec<D>,
    /// Mole fractions of the vapour.
    pub y_vapor: Vec<D>,
    /// Molar density of the liquid, mol/m3.
    pub rho_liquid: D,
    /// Molar density of the vapour, mol/m3.
    pub rho_vapor: D,
}

/// A mixture state at fixed overall composition (single- or two-phase), molar basis with
/// mass-specific accessors.
#[derive(Clone, Debug)]
pub struct MixtureState<D> {
    /// Temperature, K.
    pub t: D,
    /// Pressure, Pa.
    pub p: D,
    /// Overall molar density, mol/m3.
    pub rho_molar: D,
    /// Molar enthalpy, J/mol.
    pub h_molar: D,
    /// Molar entropy, J/(mol K).
    pub s_molar: D,
    /// Molar mass of the overall composition, kg/mol.
    pub molar_mass: f64,
    /// The two phases, `None` for a single-phase state.
    pub two_phase: Option<TwoPhase<D>>,
}

impl<D: Scalar> MixtureState<D> {
    /// Mass density, kg/m3.
    pub fn rho(&self) -> D {
        self.rho_molar * self.molar_mass
    }
    /// Specific enthalpy, J/kg.
    pub fn h(&self) -> D {
        self.h_molar / self.molar_mass
    }
    /// Specific entropy, J/(kg K).
    pub fn s(&self) -> D {
        self.s_molar / self.molar_mass
    }
    /// Vapour mass fraction in a two-phase state.
    pub fn quality(&self) -> Option<D> {
        self.two_phase.as_ref().map(|tp| tp.quality)
    }
}

/// The variable given with p (molar h and s; q the vapour mass fraction; beta the vapour
/// mole fraction).
#[derive(Clone, Copy, Debug)]
pub(crate) enum FlashSpec<D> {
    H(D),
    S(D),
    Quality(D),
    Beta(D),
    T(D),
}

impl FlashSpec<f64> {
    fn map<E>(self, f: impl Fn(f64) -> E) -> FlashSpec<E> {
        match self {
            FlashSpec::H(v) => FlashSpec::H(f(v)),
            FlashSpec::S(v) => FlashSpec::S(f(v)),
            FlashSpec::Quality(v) => FlashSpec::Quality(f(v)),
            FlashSpec::Beta(v) => FlashSpec::Beta(f(v)),
            FlashSpec::T(v) => FlashSpec::T(f(v)),
        }
    }
}

impl<D: Scalar> FlashSpec<D> {
    fn re(&self) -> FlashSpec<f64> {
        match *self {
            FlashSpec::H(v) => FlashSpec::H(re(v)),
            FlashSpec::S(v) => FlashSpec::S(re(v)),
            FlashSpec::Quality(v) => FlashSpec::Quality(re(v)),
            FlashSpec::Beta(v) => FlashSpec::Beta(re(v)),
            FlashSpec::T(v) => FlashSpec::T(re(v)),
        }
    }
}

/// One phase's contributions: `g_i = ln(c_i rho) + mu_i`, p, molar h and s.
#[derive(Clone, Debug)]
struct PhaseEval<D> {
    g: Vec<D>,
    p: D,
    h: D,
    s: D,
}

impl PhaseEval<f64> {
    fn constant(&self) -> PhaseEval<Dual64> {
        PhaseEval {
            g: self.g.iter().map(|&v| Dual64::from(v)).collect(),
            p: self.p.into(),
            h: self.h.into(),
            s: self.s.into(),
        }
    }
}

const MAX_NEWTON: usize = 60;

/// Largest number of flash unknowns memoized (2 N + 4 for N <= 5 components).
const MEMO_FLASH: usize = 14;

/// A memoized f64 flash solution: unknowns (2: single phase) and inverse Jacobian.
#[derive(Clone, Copy)]
struct FlashSolved {
    len: usize,
    u: [f64; MEMO_FLASH],
    inv: [f64; MEMO_FLASH * MEMO_FLASH],
}

impl FlashSolved {
    fn pack(u: &[f64], inv: &DMatrix<f64>) -> FlashSolved {
        let m = u.len();
        let mut s = FlashSolved {
            len: m,
            u: [0.0; MEMO_FLASH],
            inv: [0.0; MEMO_FLASH * MEMO_FLASH],
        };
        s.u[..m].copy_from_slice(u);
        for r in 0..m {
            for c in 0..m {
                s.inv[r * m + c] = inv[(r, c)];
            }
        }
        s
    }

    fn unpack(&self) -> (Vec<f64>, DMatrix<f64>) {
        let m = self.len;
        (self.u[..m].to_vec(), DMatrix::from_row_slice(m, m, &self.inv[..m * m]))
    }
}

/// (mixture id, spec kind, bits of p, bits of the spec value).
type FlashKey = (u64, u8, u64, u64);

thread_local! {
    /// Flash solutions by exact inputs. Every flash starts from the deterministic envelope
    /// table (or the cold bubble/dew solution), so a hit returns exactly what a new solve
    /// would: a cycle evaluation flashes the same port state in several components, and
    /// the dual-number Jacobian evaluation repeats the residual evaluation's flashes.
    static FLASHED: RefCell<Ring<FlashKey, FlashSolved, 8>> = const { RefCell::new(Ring::new()) };
}

/// A bubble or dew point at the flash pressure (f64): T, the densities of the phase of the
/// overall composition z and of the incipient phase, the incipient composition, and the z
/// phase's molar h, s, cp.
struct End {
    t: f64,
    rho_z: f64,
    rho_w: f64,
    w: Vec<f64>,
    h: f64,
    s: f64,
    cp: f64,
}

impl MixtureModel {
    fn phase_eval<D: Scalar>(&self, t: D, rho: D, c: &[D]) -> PhaseEval<D> {
        let pr = self.props(t, rho, c);
        let g = c
            .iter()
            .zip(self.dnar_dn(t, rho, c))
            .map(|(&ci, m)| (ci * rho).ln() + m)
            .collect();
        PhaseEval {
            g,
            p: pr.p,
            h: pr.h_molar,
            s: pr.s_molar,
        }
    }

    /// The two-phase residuals from the phase evaluations at `u`.
    fn assemble<D: Scalar>(
        &self,
        z: &[D],
        p: D,
        spec: FlashSpec<D>,
        u: &[D],
        l: &PhaseEval<D>,
        v: &PhaseEval<D>,
    ) -> Vec<D> {
        let n = z.len();
        let (x, y) = (&u[2..2 + n], &u[2 + n..2 + 2 * n]);
        let beta = u[2 + 2 * n];
        let ln_t = u[3 + 2 * n];
        let scale = re(p);
        let mut f: Vec<D> = (0..n).map(|i| l.g[i] - v.g[i]).collect();
        f.push((l.p - p) / scale);
        f.push((v.p - p) / scale);
        for i in 0..n {
            f.push((-beta + 1.0) * x[i] + beta * y[i] - z[i]);
        }
        // sum x = sum y (with the balances: both 1); "sum x = 1" alone would leave sum y
        // free at beta = 0 (and sum x at beta = 1), a singular system at the bubble point
        f.push(x.iter().fold(D::zero(), |s, &c| s + c) - y.iter().fold(D::zero(), |s, &c| s + c));
        f.push(match spec {
            FlashSpec::H(h) => ((-beta + 1.0) * l.h + beta * v.h - h) / (R_MIX * re(ln_t).exp()),
            FlashSpec::S(s) => ((-beta + 1.0) * l.s + beta * v.s - s) / R_MIX,
            FlashSpec::Quality(q) => {
                let mz = re(self.molar_mass_of(z));
                (beta * self.molar_mass_of(y) - q * self.molar_mass_of(z)) / mz
            }
            FlashSpec::Beta(b) => beta - b,
            FlashSpec::T(t) => ln_t - t.ln(),
        });
        f
    }

    fn two_phase_residuals<D: Scalar>(&self, z: &[D], p: D, spec: FlashSpec<D>, u: &[D]) -> Vec<D> {
        let n = z.len();
        let t = u[3 + 2 * n].exp();
        let l = self.phase_eval(t, u[0].exp(), &u[2..2 + n]);
        let v = self.phase_eval(t, u[1].exp(), &u[2 + n..2 + 2 * n]);
        self.assemble(z, p, spec, u, &l, &v)
    }

    /// Jacobian of the two-phase residuals: column k seeds u_k; the liquid is re-evaluated
    /// only for ln rho_L, x and ln T, the vapour only for ln rho_V, y and ln T.
    fn two_phase_jacobian(&self, z: &[f64], p: f64, spec: FlashSpec<f64>, u: &[f64]) -> DMatrix<f64> {
        by_size!(u.len(), self.two_phase_jacobian_vec(z, p, spec, u))
            .unwrap_or_else(|| self.two_phase_jacobian_columns(z, p, spec, u))
    }

    /// [`Self::two_phase_jacobian`] from one evaluation of the residuals in `DualSVec64<M>`.
    fn two_phase_jacobian_vec<const M: usize>(
        &self,
        z: &[f64],
        p: f64,
        spec: FlashSpec<f64>,
        u: &[f64],
    ) -> DMatrix<f64> {
        let zd: Vec<DualSVec64<M>> = z.iter().map(|&v| DualSVec64::from(v)).collect();
        let sd = spec.map(DualSVec64::from);
        jacobian(&self.two_phase_residuals(&zd, DualSVec64::from(p), sd, &seeded::<M>(u)))
    }

    /// [`Self::two_phase_jacobian`] column by column in `Dual64` (any number of unknowns).
    fn two_phase_jacobian_columns(&self, z: &[f64], p: f64, spec: FlashSpec<f64>, u: &[f64]) -> DMatrix<f64> {
        let n = z.len();
        let m = u.len();
        let t = u[3 + 2 * n].exp();
        let l0 = self.phase_eval(t, u[0].exp(), &u[2..2 + n]).constant();
        let v0 = self.phase_eval(t, u[1].exp(), &u[2 + n..2 + 2 * n]).constant();
        let zd: Vec<Dual64> = z.iter().map(|&v| Dual64::from(v)).collect();
        let sd = match spec {
            FlashSpec::H(v) => FlashSpec::H(Dual64::from(v)),
            FlashSpec::S(v) => FlashSpec::S(Dual64::from(v)),
            FlashSpec::Quality(v) => FlashSpec::Quality(Dual64::from(v)),
            FlashSpec::Beta(v) => FlashSpec::Beta(Dual64::from(v)),
            FlashSpec::T(v) => FlashSpec::T(Dual64::from(v)),
        };
        let mut j = DMatrix::zeros(m, m);
        for c in 0..m {
            let ud: Vec<Dual64> = u
                .iter()
                .enumerate()
                .map(|(k, &v)| Dual64::new(v, if k == c { 1.0 } else { 0.0 }))
                .collect();
            let liquid = c == 0 || (2..2 + n).contains(&c) || c == m - 1;
            let vapor = c == 1 || (2 + n..2 + 2 * n).contains(&c) || c == m - 1;
            let td = ud[m - 1].exp();
            let l = if liquid {
                self.phase_eval(td, ud[0].exp(), &ud[2..2 + n])
            } else {
                l0.clone()
            };
            let v = if vapor {
                self.phase_eval(td, ud[1].exp(), &ud[2 + n..2 + 2 * n])
            } else {
                v0.clone()
            };
            for (r, val) in self.assemble(&zd, Dual64::from(p), sd, &ud, &l, &v).iter().enumerate() {
                j[(r, c)] = val.eps;
            }
        }
        j
    }

    /// Newton on the two-phase system from `u`: the solution and the inverse Jacobian there.
    fn two_phase_newton(
        &self,
        z: &[f64],
        p: f64,
        spec: FlashSpec<f64>,
        mut u: Vec<f64>,
    ) -> Option<(Vec<f64>, DMatrix<f64>)> {
        let n = z.len();
        for _it in 0..MAX_NEWTON {
            if std::env::var("PROBE").is_ok() {
                eprintln!("it {_it} u {:?}", u);
            }
            let f = self.two_phase_residuals(z, p, spec, &u);
            let j = self.two_phase_jacobian(z, p, spec, &u);
            let du = j
                .clone()
                .lu()
                .solve(&DVector::from_iterator(f.len(), f.iter().map(|v| -v)))?;
            if du.iter().any(|v| !v.is_finite()) {
                return None;
            }
            // converged when the next step is below 1e-10; the lift in `flash_p` takes it
            if du.iter().all(|v| v.abs() <= 1e-10) {
                if (u[0] - u[1]).abs() < 1e-3 {
                    return None;
                }
                return Some((u, j.try_inverse()?));
            }
            let mut lambda: f64 = 1.0;
            for k in 0..u.len() {
                let bound = if k < 2 {
                    0.5
                } else if k < 2 + 2 * n {
                    0.5 * u[k]
                } else if k == 2 + 2 * n {
                    0.25
                } else {
                    0.05
                };
                if du[k].abs() > bound {
                    lambda = lambda.min(bound / du[k].abs());
                }
            }
            for k in 0..u.len() {
                u[k] += lambda * du[k];
            }
            if (u[0] - u[1]).abs() < 1e-3 {
                return None;
            }
        }
        None
    }

    /// Single-phase residuals at `u = [ln rho, ln T]`: p(T, rho) = p and the specification
    /// (a quality, which has no single-phase meaning, fixes T at the bubble point's: the
    /// callers never pass one).
    fn single_residuals<D: Scalar>(&self, z: &[D], p: D, spec: FlashSpec<D>, u: &[D]) -> Vec<D> {
        let (rho, t) = (u[0].exp(), u[1].exp());
        let pr = self.props(t, rho, z);
        vec![
            (pr.p - p) / re(p),
            match spec {
                FlashSpec::H(h) => (pr.h_molar - h) / (R_MIX * re(t)),
                FlashSpec::S(s) => (pr.s_molar - s) / R_MIX,
                FlashSpec::T(ts) => u[1] - ts.ln(),
                FlashSpec::Quality(q) | FlashSpec::Beta(q) => q * 0.0,
            },
        ]
    }

    fn single_newton(
        &self,
        z: &[f64],
        p: f64,
        spec: FlashSpec<f64>,
        mut u: Vec<f64>,
    ) -> Option<(Vec<f64>, DMatrix<f64>)> {
        if let FlashSpec::Quality(_) | FlashSpec::Beta(_) = spec {
            return None;
        }
        let zd: Vec<Dual64> = z.iter().map(|&v| Dual64::from(v)).collect();
        let sd = match spec {
            FlashSpec::H(v) => FlashSpec::H(Dual64::from(v)),
            FlashSpec::S(v) => FlashSpec::S(Dual64::from(v)),
            FlashSpec::Quality(v) => FlashSpec::Quality(Dual64::from(v)),
            FlashSpec::Beta(v) => FlashSpec::Beta(Dual64::from(v)),
            FlashSpec::T(v) => FlashSpec::T(Dual64::from(v)),
        };
        let jac = |u: &[f64]| {
            let mut j = DMatrix::zeros(2, 2);
            for c in 0..2 {
                let ud: Vec<Dual64> = (0..2)
                    .map(|k| Dual64::new(u[k], if k == c { 1.0 } else { 0.0 }))
                    .collect();
                for (r, v) in self.single_residuals(&zd, Dual64::from(p), sd, &ud).iter().enumerate() {
                    j[(r, c)] = v.eps;
                }
            }
            j
        };
        for _ in 0..MAX_NEWTON {
            let f = self.single_residuals(z, p, spec, &u);
            let du = jac(&u).lu().solve(&DVector::from_vec(vec![-f[0], -f[1]]))?;
            if du.iter().any(|v| !v.is_finite()) {
                return None;
            }
            let lambda = 1.0f64
                .min(0.3 / du[0].abs().max(1e-300))
                .min(0.05 / du[1].abs().max(1e-300));
            u[0] += lambda * du[0];
            u[1] += lambda * du[1];
            if lambda == 1.0 && du.iter().all(|v| v.abs() <= 1e-10) {
                let (_, dp) = self.pressure(u[1].exp(), u[0].exp(), z);
                if !(dp > 0.0) {
                    return None;
                }
                return Some((u.clone(), jac(&u).try_inverse()?));
            }
        }
        None
    }

    /// A bubble (`Kind::Bubble`) or dew point at p from its unknown vector.
    fn end_from_u(&self, z: &[f64], u: &[f64]) -> End {
        let n = z.len();
        let (t, rho_z) = (u[n + 2].exp(), u[0].exp());
        let pr = self.props(t, rho_z, z);
        End {
            t,
            rho_z,
            rho_w: u[1].exp(),
            w: u[2..2 + n].to_vec(),
            h: pr.h_molar,
            s: pr.s_molar,
            cp: pr.cp_molar,
        }
    }

    /// Flash at pressure `p` and the specification `spec` for overall composition `z`
    /// (validated, every entry > 0). With a solve context whose envelope table covers p the
    /// phase is classified from the table (see `envelope`) and the exact bubble and dew
    /// points are solved only within the table's error margin of either.
    pub(crate) fn flash_p<D: Scalar>(
        &self,
        z: &[f64],
        p: D,
        spec: FlashSpec<D>,
        cache: Option<&SolveCache>,
    ) -> Result<MixtureState<D>, FluidError> {
        let n = z.len();
        let (p0, s0) = (re(p), spec.re());
        let (u, inv) = match cache {
            Some(c) if 2 * n + 4 <= MEMO_FLASH => {
                let (tag, v) = match s0 {
                    FlashSpec::T(v) => (0u8, v),
                    FlashSpec::H(v) => (1, v),
                    FlashSpec::S(v) => (2, v),
                    FlashSpec::Quality(v) => (3, v),
                    FlashSpec::Beta(v) => (4, v),
                };
                let key = (c.id, tag, p0.to_bits(), v.to_bits());
                let solved = memoized(&FLASHED, key, || {
                    self.solve_flash64(z, p0, s0, cache)
                        .map(|(u, inv)| FlashSolved::pack(&u, &inv))
                })?;
                solved.unpack()
            }
            _ => self.solve_flash64(z, p0, s0, cache)?,
        };
        let zd: Vec<D> = z.iter().map(|&v| D::from(v)).collect();
        let mm = self.molar_mass_of(z);
        if u.len() == 2 {
            let u0: Vec<D> = u.iter().map(|&v| D::from(v)).collect();
            let f = self.single_residuals(&zd, p, spec, &u0);
            let ud: Vec<D> = (0..2)
                .map(|k| (0..2).fold(u0[k], |acc, j| acc - f[j] * inv[(k, j)]))
                .collect();
            let (rho, t) = (ud[0].exp(), ud[1].exp());
            let pr = self.props(t, rho, &zd);
            return Ok(MixtureState {
                t,
                p,
                rho_molar: rho,
                h_molar: pr.h_molar,
                s_molar: pr.s_molar,
                molar_mass: mm,
                two_phase: None,
            });
        }
        let u0: Vec<D> = u.iter().map(|&v| D::from(v)).collect();
        let f = self.two_phase_residuals(&zd, p, spec, &u0);
        let ud: Vec<D> = (0..u.len())
            .map(|k| (0..u.len()).fold(u0[k], |acc, j| acc - f[j] * inv[(k, j)]))
            .collect();
        let t = ud[3 + 2 * n].exp();
        let beta = ud[2 + 2 * n];
        let (rl, rv) = (ud[0].exp(), ud[1].exp());
        let (x, y) = (ud[2..2 + n].to_vec(), ud[2 + n..2 + 2 * n].to_vec());
        let (lp, vp) = (self.props(t, rl, &x), self.props(t, rv, &y));
        let quality = beta * self.molar_mass_of(&y) / mm;
        Ok(MixtureState {
            t,
            p,
            rho_molar: ((-beta + 1.0) / rl + beta / rv).recip(),
            h_molar: (-beta + 1.0) * lp.h_molar + beta * vp.h_molar,
            s_molar: (-beta + 1.0) * lp.s_molar + beta * vp.s_molar,
            molar_mass: mm,
            two_phase: Some(TwoPhase {
                beta,
                quality,
                x_liquid: x,
                y_vapor: y,
                rho_liquid: rl,
                rho_vapor: rv,
            }),
        })
    }

    /// The f64 solution of a flash at p: `u = [ln rho, ln T]` (single phase) or the
    /// two-phase unknowns (see the module docs), and the inverse Jacobian there.
    fn solve_flash64(
        &self,
        z: &[f64],
        p0: f64,
        s0: FlashSpec<f64>,
        cache: Option<&SolveCache>,
    ) -> Result<(Vec<f64>, DMatrix<f64>), FluidError> {
        let n = z.len();
        if let FlashSpec::Quality(q) | FlashSpec::Beta(q) = s0 {
            if !(0.0..=1.0).contains(&q) {
                return Err(FluidError::OutOfRange {
                    quantity: "vapour fraction",
                    value: q,
                    min: 0.0,
                    max: 1.0,
                });
            }
        }
        let (value, q) = match s0 {
            FlashSpec::T(t) => (t, 0),
            FlashSpec::H(h) => (h, 1),
            FlashSpec::S(s) => (s, 2),
            FlashSpec::Quality(v) | FlashSpec::Beta(v) => (v, 3),
        };
        let est = cache.and_then(|c| c.envelope(self, z)).and_then(|e| e.at(p0));
        // the region when the table decides it: -1 liquid, 0 two-phase, 1 vapour
        let region = est.as_ref().and_then(|e| {
            if q == 3 {
                return Some(0);
            }
            let (lo, hi) = (e.ths[0][q], e.ths[1][q]);
            let (elo, ehi) = (e.err[0][q], e.err[1][q]);
            if value < lo - elo {
                Some(-1)
            } else if value > hi + ehi {
                Some(1)
            } else if value > lo + elo && value < hi - ehi {
                Some(0)
            } else {
                None
            }
        });
        let (b, d) = match (region, &est) {
            (Some(_), Some(e)) => (self.end_from_u(z, &e.u[0]), self.end_from_u(z, &e.u[1])),
            _ => {
                let (ub, _) = self.solve_vle_cached(z, Kind::Bubble, Spec::P(p0), cache)?;
                let (ud, _) = self.solve_vle_cached(z, Kind::Dew, Spec::P(p0), cache)?;
                (self.end_from_u(z, &ub), self.end_from_u(z, &ud))
            }
        };
        // position between bubble (0) and dew (1) point; outside [0, 1]: single phase
        let frac = match s0 {
            FlashSpec::H(h) => (h - b.h) / (d.h - b.h),
            FlashSpec::S(s) => (s - b.s) / (d.s - b.s),
            FlashSpec::T(t) => (t - b.t) / (d.t - b.t),
            FlashSpec::Quality(q) | FlashSpec::Beta(q) => q,
        };
        let frac = match region {
            Some(-1) => frac.min(-1e-3),
            Some(1) => frac.max(1.0 + 1e-3),
            Some(_) => frac.clamp(0.0, 1.0),
            None => frac,
        };
        let fail = || FluidError::NotConverged {
            flash: "mixture flash at p",
            inputs: [p0, frac],
            iterations: MAX_NEWTON,
        };
        if !(0.0..=1.0).contains(&frac) {
            // single phase: start from the bubble (liquid) or dew (vapour) point
            let e = if frac < 0.0 { &b } else { &d };
            let (t0, r0) = (e.t, e.rho_z);
            let t1 = match s0 {
                FlashSpec::H(h) => t0 + (h - e.h) / e.cp,
                FlashSpec::S(s) => t0 * ((s - e.s) / e.cp).exp(),
                FlashSpec::T(t) => t,
                FlashSpec::Quality(_) | FlashSpec::Beta(_) => t0,
            };
            let t1 = t1.clamp(0.5 * t0, 2.0 * t0);
            let r1 = self.density(t1, p0, z, frac < 0.0).unwrap_or(r0);
            return self
                .single_newton(z, p0, s0, vec![r1.ln(), t1.ln()])
                .or_else(|| self.single_newton(z, p0, s0, vec![r0.ln(), t0.ln()]))
                .ok_or_else(fail);
        }
        // two phase: interpolate between the bubble and dew points
        let beta0 = match s0 {
            // vapour mass fraction -> mole fraction, with the dew-side vapour (z) as estimate
            FlashSpec::Quality(q) | FlashSpec::Beta(q) => q,
            _ => frac,
        };
        let norm = |v: Vec<f64>| {
            let s: f64 = v.iter().sum();
            v.into_iter().map(|c| c / s).collect::<Vec<f64>>()
        };
        // K-values y_i / x_i interpolated in ln K between the bubble (y_b / z) and dew
        // (z / x_d) points, phase compositions from the material balance at beta0
        // (Rachford-Rice form x_i = z_i / (1 + beta (K_i - 1)))
        let k: Vec<f64> = (0..n)
            .map(|i| ((1.0 - beta0) * (b.w[i] / z[i]).ln() + beta0 * (z[i] / d.w[i]).ln()).exp())
            .collect();
        let x0 = norm((0..n).map(|i| z[i] / (1.0 + beta0 * (k[i] - 1.0))).collect());
        let y0 = norm((0..n).map(|i| k[i] * x0[i]).collect());
        let mut u = vec![
            (1.0 - beta0) * b.rho_z.ln() + beta0 * d.rho_w.ln(),
            (1.0 - beta0) * b.rho_w.ln() + beta0 * d.rho_z.ln(),
        ];
        u.extend(&x0);
        u.extend(&y0);
        u.push(beta0);
        u.push((b.t + beta0 * (d.t - b.t)).ln());
        self.two_phase_newton(z, p0, s0, u).ok_or_else(fail)
    }
}

#[cfg(test)]
mod tests {
    use crate::mixture::Mixture;

    fn r454b() -> Mixture {
        Mixture::from_mass_fractions(&[("R32", 0.689), ("R1234yf", 0.311)]).unwrap()
    }

    /// Quality 0 and 1 are the bubble and dew points; intermediate qualities lie between.
    #[test]
    fn quality_limits_are_bubble_and_dew_points() {
        let m = r454b();
        for p in [4e5_f64, 1.5e6, 3.5e6] {
            let (b, d) = (m.bubble_point_p(p).unwrap(), m.dew_point_p(p).unwrap());
            let s0 = m.state_px(p, 0.0).unwrap();
            let s1 = m.state_px(p, 1.0).unwrap();
            assert!((s0.t - b.t).abs() < 1e-9 && (s1.t - d.t).abs() < 1e-9, "{p}");
            let s = m.state_px(p, 0.4).unwrap();
            let tp = s.two_phase.as_ref().unwrap();
            assert!(s.t > b.t && s.t < d.t);
            assert!((tp.quality - 0.4).abs() < 1e-12);
            // the vapour is richer in the more volatile R32
            assert!(tp.y_vapor[0] > tp.x_liquid[0]);
        }
    }

    /// (p, h), (p, s) and (p, T) flashes reproduce the state of a (p, quality) flash, and
    /// single-phase states on both sides reproduce their inputs.
    #[test]
    fn flashes_are_mutually_consistent() {
        let m = r454b();
        let p: f64 = 1.2e6;
        let s = m.state_px(p, 0.3).unwrap();
        let q = s.quality().unwrap();
        for e in [
            m.state_ph(p, s.h()).unwrap(),
            m.state_ps(p, s.s()).unwrap(),
            m.state_pt(p, s.t).unwrap(),
        ] {
            assert!((e.t / s.t - 1.0).abs() < 1e-11, "{} {}", e.t, s.t);
            assert!((e.quality().unwrap() - q).abs() < 1e-9);
            assert!((e.rho() / s.rho() - 1.0).abs() < 1e-9);
        }
        let (b, d) = (m.bubble_point_p(p).unwrap(), m.dew_point_p(p).unwrap());
        for t in [b.t - 30.0, b.t - 0.5, d.t + 0.5, d.t + 40.0] {
            let e = m.state_pt(p, t).unwrap();
            assert!(e.two_phase.is_none());
            let back = m.state_ph(p, e.h()).unwrap();
            assert!((back.t / t - 1.0).abs() < 1e-11, "{t} {}", back.t);
            let back = m.state_ps(p, e.s()).unwrap();
            assert!((back.t / t - 1.0).abs() < 1e-11, "{t} {}", back.t);
            let pr = m.props_trho(e.t, e.rho_molar).unwrap();
            assert!((pr.p / p - 1.0).abs() < 1e-12);
        }
    }

    /// The table starts and the memos change the cost only: a flash after others on the
    /// same thread equals the same flash on a fresh thread bit for bit, and the solve
    /// without any table (cold bubble/dew points) to round-off.
    #[test]
    fn results_do_not_depend_on_history_or_table() {
        let m = r454b();
        let z = m.mole_fractions().to_vec();
        let p = 1.3e6;
        let (hb, hd) = (m.state_px(p, 0.0).unwrap().h(), m.state_px(p, 1.0).unwrap().h());
        let cases = [hb - 2e4, hb + 0.3 * (hd - hb), hd + 1e4];
        let run = |warm: bool| {
            let m = m.clone();
            std::thread::spawn(move || {
                if warm {
                    for k in 0..20 {
                        let e = 1.0 + 1e-3 * k as f64;
                        for h in cases {
                            m.state_ph(p * e, h * e).unwrap();
                        }
                    }
                }
                cases.map(|h| {
                    let s = m.state_ph(p, h).unwrap();
                    [s.t, s.rho_molar, s.s_molar]
                })
            })
            .join()
            .unwrap()
        };
        let (cold, warm) = (run(false), run(true));
        assert_eq!(cold, warm);
        let mm = m.molar_mass();
        for (k, h) in cases.iter().enumerate() {
            let s = m.model.flash_p(&z, p, super::FlashSpec::H(h * mm), None).unwrap();
            for (a, b) in [s.t, s.rho_molar, s.s_molar].iter().zip(cold[k]) {
                assert!((a - b).abs() <= 1e-12 * b.abs(), "{a} {b}");
            }
        }
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let m = r454b();
        assert!(matches!(
            m.state_px(1e6_f64, 1.5),
            Err(crate::FluidError::OutOfRange { .. })
        ));
        assert!(matches!(
            m.state_ph(-1.0_f64, 3e5),
            Err(crate::FluidError::InvalidInput { .. })
        ));
        assert!(matches!(
            m.state_ph(1e6_f64, f64::NAN),
            Err(crate::FluidError::InvalidInput { .. })
        ));
        // above the envelope (cricondenbar about 5.3 MPa): refused, not a wrong state
        assert!(m.state_ph(8e6_f64, 3e5).is_err());
    }
}
