//! Water-glycol brines (secondary refrigerants) from correlations: aqueous ethylene glycol
//! ("MEG") and aqueous propylene glycol ("MPG").
//!
//! # Correlations
//! Melinder, Å. (2010). *Properties of Secondary Working Fluids for Indirect Systems.*
//! International Institute of Refrigeration (IIR), Paris — as implemented by CoolProp
//! (`INCOMP::MEG`, `INCOMP::MPG`). With `y = T - T_base` (K), `z = w - w_base` (`w` = glycol
//! mass fraction, kg/kg):
//!
//! ```text
//! rho [kg/m3], cp [J/(kg K)], k [W/(m K)], ln(mu [Pa s]) = sum_{i+j<=5, j<=3} c_ij z^i y^j
//! T_freeze [K] = sum_{i<=5} f_i z^i
//! ```
//!
//! The coefficients (generated file `data.rs`) are recovered from CoolProp 8.0.0 by
//! `thermo/scripts/generate_brine_data.py`, which solves for the 18 coefficients of exactly
//! this basis (residual ~1e-15), so the values are CoolProp's to rounding. Density, cp,
//! conductivity and viscosity do not depend on pressure.
//!
//! # Enthalpy and entropy (CoolProp INCOMP convention, reproduced)
//! With `v = 1/rho(T)` and the reference state `T0 = 293.15 K`, `p0 = 101325 Pa`
//! ([`Brine::T_REF`], [`Brine::P_REF`]) where `h = s = 0` for every mass fraction:
//!
//! ```text
//! h(T, p) = int_{T0}^{T} cp dT + p (v - T dv/dT) - p0 (v - T dv/dT)|_{T0}     [J/kg]
//! s(T, p) = int_{T0}^{T} cp/T dT - p dv/dT + p0 dv/dT|_{T0}                  [J/(kg K)]
//! ```
//!
//! i.e. the pressure terms are the exact `(dh/dp)_T = v - T (dv/dT)_p` and
//! `(ds/dp)_T = -(dv/dT)_p` of a pressure-independent density, integrated from 0 to p at
//! fixed T. Both integrals are evaluated in closed form (the cp/T integral by dividing the
//! cp polynomial by `T`: a polynomial part plus `r ln(T/T0)`). Consequently
//! `(dh/dT)_p = cp - p T d2v/dT2` differs from the correlation's cp by up to ~1e-4
//! relative per bar (4e-3 at 50 bar, same in CoolProp); [`Brine::specific_heat`] returns the correlation's cp (as CoolProp).
//! Note that `h` is therefore *not* `int cp dT + (p - p0)/rho`: the `-T dv/dT` part of the
//! pressure term is kept so that the values match CoolProp (to ~1e-9 J/kg, see the tests).
//!
//! # Validity
//! Mass fraction `w` in [0, 0.6] (CoolProp's range); temperature from the freezing point
//! [`Brine::freezing_temperature`] up to 373.15 K. Outside, and for NaN / infinite inputs,
//! functions return a [`FluidError`] naming the value and the valid range, never NaN.
//!
//! ```
//! use entropyk_thermo::Brine;
//! use num_dual::Dual64;
//! let meg = Brine::new("MEG", 0.3).unwrap();
//! assert!((meg.freezing_temperature() - 258.574).abs() < 1e-3);
//! let rho: f64 = meg.density(280.0).unwrap(); // kg/m3
//! assert!((rho - 1042.87).abs() < 0.01);
//! // exact derivatives: h and dh/dT at 2 bar
//! let h = meg.enthalpy(Dual64::new(280.0, 1.0), Dual64::from(2e5)).unwrap();
//! assert!((h.eps - meg.specific_heat(280.0).unwrap()).abs() < 1.0);
//! // inverse: T(h, p)
//! let t = meg.temperature(h.re, 2e5).unwrap();
//! assert!((t - 280.0).abs() < 1e-9);
//! // below the freezing point: an error naming the value and the valid range
//! assert!(meg.density(250.0).is_err());
//! ```

use crate::error::FluidError;
use crate::scalar::{cst, is_plain, re, Scalar};
use num_dual::Dual64;

#[rustfmt::skip]
mod data;

/// Coefficients and limits of one brine correlation (generated in `data.rs`).
#[derive(Debug)]
pub(crate) struct BrineData {
    /// Canonical name ("MEG", "MPG").
    pub name: &'static str,
    /// Human-readable description.
    pub description: &'static str,
    /// Upper-case aliases (matched after upper-casing the input).
    pub aliases: &'static [&'static str],
    /// Centring temperature of the correlation, K.
    pub t_base: f64,
    /// Centring mass fraction of the correlation.
    pub w_base: f64,
    /// Lowest valid mass fraction.
    pub w_min: f64,
    /// Highest valid mass fraction.
    pub w_max: f64,
    /// Upper temperature limit, K.
    pub t_max: f64,
    /// Density coefficients `c[i][j]` of `z^i y^j`, kg/m3.
    pub rho: [[f64; 4]; 6],
    /// Specific heat coefficients, J/(kg K).
    pub cp: [[f64; 4]; 6],
    /// Thermal conductivity coefficients, W/(m K).
    pub k: [[f64; 4]; 6],
    /// Coefficients of ln(viscosity / (Pa s)).
    pub ln_mu: [[f64; 4]; 6],
    /// Freezing temperature coefficients of `z^i`, K.
    pub t_freeze: [f64; 6],
}

/// All available brines.
static ALL: [&BrineData; 2] = [&data::MEG, &data::MPG];

/// A water-glycol brine of fixed composition: an incompressible liquid described by the
/// Melinder (2010) correlations (see the [module documentation](self)).
///
/// `Copy`: the composition-dependent polynomial coefficients are folded into a few arrays
/// at construction. All property methods are generic over [`Scalar`] (pass `f64`, or
/// num-dual numbers for exact derivatives). Units are mass-specific SI: K, Pa, kg/m3,
/// J/kg, J/(kg K), Pa s, W/(m K).
#[derive(Clone, Copy, Debug)]
pub struct Brine {
    data: &'static BrineData,
    w: f64,
    /// T-polynomial coefficients (powers of y = T - t_base) at this composition.
    rho: [f64; 4],
    cp: [f64; 4],
    k: [f64; 4],
    ln_mu: [f64; 4],
    /// cp / T = q(y) + r / T (polynomial division of cp by T = y + t_base).
    cp_over_t_q: [f64; 3],
    cp_over_t_r: f64,
    t_freeze: f64,
    /// Unreferenced h and s at (T_REF, P_REF).
    h_offset: f64,
    s_offset: f64,
}

/// Two brines are equal when they are the same glycol at the same mass fraction.
impl PartialEq for Brine {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data) && self.w == other.w
    }
}

impl std::fmt::Display for Brine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.data.name, self.w)
    }
}

/// Horner evaluation of `sum_j a[j] y^j`.
#[inline]
fn horner<D: Scalar, const N: usize>(a: &[f64; N], y: D) -> D {
    let mut acc = cst::<D>(a[N - 1]);
    for &c in a[..N - 1].iter().rev() {
        acc = acc * y + c;
    }
    acc
}

/// Collapse `c[i][j] z^i y^j` at fixed `z` into the coefficients of `y^j`.
fn collapse(c: &[[f64; 4]; 6], z: f64) -> [f64; 4] {
    let mut out = [0.0; 4];
    for (j, o) in out.iter_mut().enumerate() {
        // Horner in z over i = 5..0
        *o = (0..6).rev().fold(0.0, |acc, i| acc * z + c[i][j]);
    }
    out
}

impl Brine {
    /// Reference temperature where h = 0 and s = 0 (with [`Brine::P_REF`]), K. Same as
    /// CoolProp's INCOMP default reference state.
    pub const T_REF: f64 = 293.15;
    /// Reference pressure where h = 0 and s = 0 (with [`Brine::T_REF`]), Pa.
    pub const P_REF: f64 = 101_325.0;

    /// A brine of the given glycol and glycol mass fraction (kg glycol / kg solution).
    ///
    /// `kind`: "MEG" (aliases "EG", "ethylene glycol", "INCOMP::MEG") or "MPG" (aliases
    /// "PG", "propylene glycol", "INCOMP::MPG"), case-insensitive. `mass_fraction` must lie
    /// in [0, 0.6] (CoolProp's range), otherwise [`FluidError::OutOfRange`].
    pub fn new(kind: &str, mass_fraction: f64) -> Result<Brine, FluidError> {
        let key = kind.trim().to_uppercase();
        let key = key.strip_prefix("INCOMP::").unwrap_or(&key);
        let data = ALL
            .iter()
            .copied()
            .find(|d| d.name == key || d.aliases.contains(&key))
            .ok_or_else(|| FluidError::UnknownFluid {
                name: kind.to_string(),
                known: ALL.iter().map(|d| d.name).collect(),
            })?;
        if !mass_fraction.is_finite() {
            return Err(FluidError::InvalidInput {
                quantity: "mass fraction",
                value: mass_fraction,
                reason: "must be finite",
            });
        }
        if mass_fraction < data.w_min || mass_fraction > data.w_max {
            return Err(FluidError::OutOfRange {
                quantity: "mass fraction",
                value: mass_fraction,
                min: data.w_min,
                max: data.w_max,
            });
        }
        let z = mass_fraction - data.w_base;
        let cp = collapse(&data.cp, z);
        // cp(y) = (y + Tb) (q0 + q1 y + q2 y^2) + r
        let tb = data.t_base;
        let q2 = cp[3];
        let q1 = cp[2] - tb * q2;
        let q0 = cp[1] - tb * q1;
        let r = cp[0] - tb * q0;
        let mut b = Brine {
            data,
            w: mass_fraction,
            rho: collapse(&data.rho, z),
            cp,
            k: collapse(&data.k, z),
            ln_mu: collapse(&data.ln_mu, z),
            cp_over_t_q: [q0, q1, q2],
            cp_over_t_r: r,
            t_freeze: horner(&data.t_freeze, z),
            h_offset: 0.0,
            s_offset: 0.0,
        };
        b.h_offset = b.raw_enthalpy(Self::T_REF, Self::P_REF);
        b.s_offset = b.raw_entropy(Self::T_REF, Self::P_REF);
        Ok(b)
    }

    /// Canonical name ("MEG" or "MPG").
    pub fn name(&self) -> &'static str {
        self.data.name
    }
    /// Description, e.g. "aqueous ethylene glycol (monoethylene glycol)".
    pub fn description(&self) -> &'static str {
        self.data.description
    }
    /// Glycol mass fraction, kg/kg.
    pub fn mass_fraction(&self) -> f64 {
        self.w
    }
    /// Valid mass-fraction range of the correlation, `(min, max)`.
    pub fn mass_fraction_range(&self) -> (f64, f64) {
        (self.data.w_min, self.data.w_max)
    }
    /// Freezing temperature at this composition (lower temperature limit), K.
    pub fn freezing_temperature(&self) -> f64 {
        self.t_freeze
    }
    /// Upper temperature limit of the correlation, K.
    pub fn max_temperature(&self) -> f64 {
        self.data.t_max
    }

    fn check_t<D: Scalar>(&self, t: D) -> Result<D, FluidError> {
        let tv = re(t);
        if !tv.is_finite() {
            return Err(FluidError::InvalidInput {
                quantity: "temperature",
                value: tv,
                reason: "must be finite",
            });
        }
        if tv < self.t_freeze || tv > self.data.t_max {
            return Err(FluidError::OutOfRange {
                quantity: "temperature",
                value: tv,
                min: self.t_freeze,
                max: self.data.t_max,
            });
        }
        Ok(t - self.data.t_base)
    }

    fn check_p<D: Scalar>(p: D) -> Result<(), FluidError> {
        let pv = re(p);
        if !pv.is_finite() {
            return Err(FluidError::InvalidInput {
                quantity: "pressure",
                value: pv,
                reason: "must be finite",
            });
        }
        if pv < 0.0 {
            return Err(FluidError::OutOfRange {
                quantity: "pressure",
                value: pv,
                min: 0.0,
                max: f64::INFINITY,
            });
        }
        Ok(())
    }

    /// Density rho(T), kg/m3 (independent of pressure).
    pub fn density<D: Scalar>(&self, t: D) -> Result<D, FluidError> {
        let y = self.check_t(t)?;
        Ok(horner(&self.rho, y))
    }

    /// Isobaric specific heat cp(T) of the correlation, J/(kg K) (independent of pressure;
    /// see the module documentation for its relation to dh/dT).
    pub fn specific_heat<D: Scalar>(&self, t: D) -> Result<D, FluidError> {
        let y = self.check_t(t)?;
        Ok(horner(&self.cp, y))
    }

    /// Dynamic viscosity mu(T), Pa s.
    pub fn viscosity<D: Scalar>(&self, t: D) -> Result<D, FluidError> {
        let y = self.check_t(t)?;
        Ok(horner(&self.ln_mu, y).exp())
    }

    /// Thermal conductivity k(T), W/(m K).
    pub fn conductivity<D: Scalar>(&self, t: D) -> Result<D, FluidError> {
        let y = self.check_t(t)?;
        Ok(horner(&self.k, y))
    }

    /// `v - T dv/dT` and `dv/dT` (m3/kg, m3/(kg K)) at `y = T - t_base`.
    #[inline]
    fn volume_terms<D: Scalar>(&self, t: D, y: D) -> (D, D) {
        let rho = horner(&self.rho, y);
        let drho = horner(&[self.rho[1], 2.0 * self.rho[2], 3.0 * self.rho[3]], y);
        let v = rho.recip();
        let dvdt = -drho * v * v;
        (v - t * dvdt, dvdt)
    }

    /// h without the reference offset (no range checks).
    fn raw_enthalpy<D: Scalar>(&self, t: D, p: D) -> D {
        let y = t - self.data.t_base;
        let a = &self.cp;
        let int_cp = horner(&[0.0, a[0], a[1] / 2.0, a[2] / 3.0, a[3] / 4.0], y);
        let (g, _) = self.volume_terms(t, y);
        int_cp + p * g
    }

    /// s without the reference offset (no range checks).
    fn raw_entropy<D: Scalar>(&self, t: D, p: D) -> D {
        let y = t - self.data.t_base;
        let q = &self.cp_over_t_q;
        let int_q = horner(&[0.0, q[0], q[1] / 2.0, q[2] / 3.0], y);
        let log_term = (t * (1.0 / Self::T_REF)).ln() * self.cp_over_t_r;
        let (_, dvdt) = self.volume_terms(t, y);
        int_q + log_term - p * dvdt
    }

    /// Specific enthalpy h(T, p), J/kg, with h(T_REF, P_REF) = 0:
    /// `int_{T0}^{T} cp dT + p (v - T dv/dT) - p0 (v - T dv/dT)|_{T0}` (CoolProp INCOMP
    /// convention; see the module documentation).
    pub fn enthalpy<D: Scalar>(&self, t: D, p: D) -> Result<D, FluidError> {
        self.check_t(t)?;
        Self::check_p(p)?;
        Ok(self.raw_enthalpy(t, p) - self.h_offset)
    }

    /// Specific entropy s(T, p), J/(kg K), with s(T_REF, P_REF) = 0:
    /// `int_{T0}^{T} cp/T dT - p dv/dT + p0 dv/dT|_{T0}` (CoolProp INCOMP convention).
    pub fn entropy<D: Scalar>(&self, t: D, p: D) -> Result<D, FluidError> {
        self.check_t(t)?;
        Self::check_p(p)?;
        Ok(self.raw_entropy(t, p) - self.s_offset)
    }

    /// (dh/dT)_p and h at (t, p), f64.
    fn h_and_dhdt(&self, t: f64, p: f64) -> (f64, f64) {
        let hd = self.raw_enthalpy(Dual64::new(t, 1.0), Dual64::from(p));
        (hd.re - self.h_offset, hd.eps)
    }

    /// Temperature T(h, p), K: the inverse of [`Brine::enthalpy`] at fixed pressure.
    ///
    /// Solved by safeguarded Newton (bisection fallback on [T_freeze, T_max]) in f64, then
    /// one Newton step in `D` (implicit function theorem), so the result carries exact
    /// derivatives `dT/dh = 1/(dh/dT)_p` and `dT/dp = -(dh/dp)_T/(dh/dT)_p`. Enthalpies
    /// outside [h(T_freeze, p), h(T_max, p)] give [`FluidError::OutOfRange`].
    pub fn temperature<D: Scalar>(&self, h: D, p: D) -> Result<D, FluidError> {
        let (hv, pv) = (re(h), re(p));
        if !hv.is_finite() {
            return Err(FluidError::InvalidInput {
                quantity: "enthalpy",
                value: hv,
                reason: "must be finite",
            });
        }
        Self::check_p(p)?;
        let (mut lo, mut hi) = (self.t_freeze, self.data.t_max);
        let (h_lo, _) = self.h_and_dhdt(lo, pv);
        let (h_hi, _) = self.h_and_dhdt(hi, pv);
        // tolerate rounding-level excursions (e.g. h computed at exactly T_freeze)
        let slop = 1e-12 * (h_hi - h_lo).abs().max(h_lo.abs()).max(h_hi.abs());
        if hv < h_lo - slop || hv > h_hi + slop {
            return Err(FluidError::OutOfRange {
                quantity: "enthalpy",
                value: hv,
                min: h_lo,
                max: h_hi,
            });
        }
        // initial guess: linear interpolation between the bounds
        let mut t = lo + (hv - h_lo) / (h_hi - h_lo) * (hi - lo);
        const MAX_ITER: usize = 60;
        let mut converged = false;
        for _ in 0..MAX_ITER {
            let (ht, dhdt) = self.h_and_dhdt(t, pv);
            let f = ht - hv;
            if f == 0.0 {
                converged = true;
                break;
            }
            if f > 0.0 {
                hi = t;
            } else {
                lo = t;
            }
            let mut t_new = t - f / dhdt;
            let inside = dhdt > 0.0 && t_new > lo && t_new < hi; // false for NaN too
            if !inside {
                t_new = 0.5 * (lo + hi);
            }
            let step = (t_new - t).abs();
            t = t_new;
            if step <= 1e-13 * t || hi - lo <= 1e-13 * t {
                converged = true;
                break;
            }
        }
        if !converged {
            return Err(FluidError::NotConverged {
                flash: "brine ph",
                inputs: [hv, pv],
                iterations: MAX_ITER,
            });
        }
        if is_plain::<D>() {
            return Ok(cst::<D>(t));
        }
        // one Newton step in D: T = t - (h(t, p) - h) / (dh/dT)_p, exact first derivatives
        let (_, dhdt) = self.h_and_dhdt(t, pv);
        let resid = self.raw_enthalpy(cst::<D>(t), p) - self.h_offset - h;
        Ok(cst::<D>(t) - resid * (1.0 / dhdt))
    }
}

#[cfg(test)]
mod tests;
