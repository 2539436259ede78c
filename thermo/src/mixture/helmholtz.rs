//! Helmholtz energy of the mixture and the properties derived from it.
//!
//! Multi-fluid model (Kunz & Wagner, J. Chem. Eng. Data 57, 3032 (2012), Eqs. 7.1-7.10;
//! Lemmon & Jacobsen, J. Phys. Chem. Ref. Data 33, 593 (2004)), molar basis:
//! `alpha(T, rho, x) = alpha0 + alphar` with
//! * `alpha0 = sum_i x_i (R_i / R) [alpha0_i(T_r,i / T, rho / rho_r,i) + ln x_i]`: each
//!   component's own ideal-gas part at the reducing state of its own EOS (terms with
//!   x_i = 0 vanish), weighted by the ratio of its EOS's gas constant R_i to the mixture's
//!   R, so that R alpha0 carries each component's own ideal-gas heat capacity (CoolProp's
//!   convention with normalized gas constants; |R_i / R - 1| <= 1.1e-6 here);
//! * `alphar = sum_i x_i alphar_i(tau, delta) + sum_{i<j} x_i x_j F_ij alphar_ij(tau, delta)`
//!   at the mixture's tau = T_r(x) / T, delta = rho / rho_r(x) (see `reducing`).
//!
//! With R = [`R_MIX`] and the scaled derivatives (X_t = tau dX/dtau at constant delta and
//! x, X_d = delta dX/ddelta), the relations are those of a pure fluid (Span,
//! "Multiparameter Equations of State", Springer 2000, Table 3.3), per mole:
//! p = rho R T (1 + ar_d); h = R T (1 + a0_t + ar_t + ar_d); s = R (a0_t + ar_t - a0 - ar);
//! u = R T (a0_t + ar_t); cv = -R (a0_tt + ar_tt);
//! cp = cv + R (1 + ar_d - ar_dt)^2 / (1 + 2 ar_d + ar_dd);
//! w^2 = (R T / M) [1 + 2 ar_d + ar_dd - (1 + ar_d - ar_dt)^2 / (a0_tt + ar_tt)].
//! For the ideal part, tau d/dtau at constant delta is T d/dT at constant density, and
//! with tau_i = T_r,i / T it equals `sum_i x_i (R_i / R) tau_i dalpha0_i/dtau_i`.
//!
//! Reference state of h and s: each component keeps its pure-fluid reference state
//! (the ideal-gas constants of the generated data reproduce CoolProp's defaults), and the
//! mixture adds the ideal mixing entropy `-sum x_i R_i ln x_i`; this is CoolProp's
//! convention for HEOS mixtures, so h and s compare with CoolProp directly. One deliberate
//! difference: CoolProp 8.0.0 evaluates a component's ideal part at the nominal critical
//! point of its fluid file instead of its EOS's reducing state; where they differ (R134a,
//! R1234ze(E), R600a) its mixture ideal-gas cp of that component is off its own pure-fluid
//! value by up to 5e-5. Here the component's ideal part is exactly its pure-fluid one.

use crate::helmholtz::ideal::{ideal, IdealDerivs};
use crate::helmholtz::residual::{residual, ResidualDerivs};
use crate::mixture::departure::departure;
use crate::mixture::model::{MixtureModel, R_MIX};
use crate::scalar::{re, Scalar};

/// Properties of a single-phase mixture state at (T, rho, x), molar basis.
#[derive(Clone, Copy, Debug)]
pub struct MixtureProps<D> {
    /// Temperature, K.
    pub t: D,
    /// Molar density, mol/m3.
    pub rho_molar: D,
    /// Molar mass of the mixture, kg/mol.
    pub molar_mass: D,
    /// Pressure, Pa.
    pub p: D,
    /// Molar enthalpy, J/mol.
    pub h_molar: D,
    /// Molar entropy, J/(mol K).
    pub s_molar: D,
    /// Molar internal energy, J/mol.
    pub u_molar: D,
    /// Molar isochoric heat capacity, J/(mol K).
    pub cv_molar: D,
    /// Molar isobaric heat capacity, J/(mol K).
    pub cp_molar: D,
    /// Speed of sound, m/s.
    pub w: D,
    /// Residual molar enthalpy h - h_ideal-gas(T), J/mol: R T (ar_t + ar_d).
    pub h_res_molar: D,
    /// Residual molar entropy s - s_ideal-gas(T, rho), J/(mol K): R (ar_t - ar).
    pub s_res_molar: D,
    /// Ideal-gas molar isobaric heat capacity at T, J/(mol K): R (1 - a0_tt).
    pub cp0_molar: D,
    /// Compressibility factor Z = p / (rho R T).
    pub z: D,
    /// (dp/drho)_T,x, Pa m3/mol.
    pub dp_drho: D,
}

impl<D: Scalar> MixtureProps<D> {
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
    /// Specific isobaric heat capacity, J/(kg K).
    pub fn cp(&self) -> D {
        self.cp_molar / self.molar_mass
    }
}

fn zero_derivs<D: Scalar>() -> ResidualDerivs<D> {
    ResidualDerivs {
        a: D::zero(),
        d: D::zero(),
        dd: D::zero(),
        t: D::zero(),
        tt: D::zero(),
        dt: D::zero(),
    }
}

fn add_scaled<D: Scalar>(acc: &mut ResidualDerivs<D>, w: D, r: &ResidualDerivs<D>) {
    acc.a += w * r.a;
    acc.d += w * r.d;
    acc.dd += w * r.dd;
    acc.t += w * r.t;
    acc.tt += w * r.tt;
    acc.dt += w * r.dt;
}

impl MixtureModel {
    /// Molar mass at composition `x`, kg/mol.
    pub(crate) fn molar_mass_of<D: Scalar>(&self, x: &[D]) -> D {
        x.iter()
            .zip(&self.molar_mass)
            .fold(D::zero(), |m, (&xi, &mi)| m + xi * mi)
    }

    /// Residual part alphar(tau, delta; x) and its scaled tau/delta derivatives.
    pub(crate) fn alphar<D: Scalar>(&self, tau: D, delta: D, x: &[D]) -> ResidualDerivs<D> {
        let mut acc = zero_derivs();
        for (c, &xi) in self.comps.iter().zip(x) {
            if re(xi) != 0.0 || xi != D::zero() {
                add_scaled(&mut acc, xi, &residual(c.residual, tau, delta));
            }
        }
        for p in &self.pairs {
            if p.f != 0.0 {
                let w = x[p.i] * x[p.j] * p.f;
                add_scaled(&mut acc, w, &departure(p.departure, tau, delta));
            }
        }
        acc
    }

    /// Ideal part alpha0(T, rho; x) with its scaled derivatives (tau d/dtau at constant
    /// delta and x, i.e. T d/dT at constant density, with a sign: see the module doc).
    pub(crate) fn alpha0<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> IdealDerivs<D> {
        let mut out = IdealDerivs {
            a: D::zero(),
            t: D::zero(),
            tt: D::zero(),
        };
        for (i, (c, &xi)) in self.comps.iter().zip(x).enumerate() {
            if re(xi) == 0.0 && xi == D::zero() {
                continue;
            }
            let tau_i = t.recip() * self.tc[i];
            let delta_i = rho * self.vc[i];
            let d = ideal(c.ideal, tau_i, delta_i);
            let w = xi * (c.gas_constant_molar / R_MIX);
            out.a += w * (d.a + xi.ln());
            out.t += w * d.t;
            out.tt += w * d.tt;
        }
        out
    }

    /// Every single-phase property at (T, molar density, x). Inputs must be positive and
    /// finite and `x` a valid composition (checked by the public callers).
    pub(crate) fn props<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> MixtureProps<D> {
        let (tr, vr) = self.reducing(x);
        let tau = tr / t;
        let delta = rho * vr;
        let a = self.alphar(tau, delta, x);
        let i = self.alpha0(t, rho, x);
        let molar_mass = self.molar_mass_of(x);
        let rt = t * R_MIX;
        let one_d = a.d + 1.0;
        let tt = i.tt + a.tt;
        let xx = one_d - a.dt;
        let y = a.d * 2.0 + a.dd + 1.0;
        let tsum = i.t + a.t;
        let cv = -tt * R_MIX;
        MixtureProps {
            t,
            rho_molar: rho,
            molar_mass,
            p: rho * rt * one_d,
            h_molar: rt * (tsum + one_d),
            s_molar: (tsum - i.a - a.a) * R_MIX,
            u_molar: rt * tsum,
            cv_molar: cv,
            cp_molar: cv + xx * xx / y * R_MIX,
            w: (rt / molar_mass * (y - xx * xx / tt)).sqrt(),
            h_res_molar: rt * (a.t + a.d),
            s_res_molar: (a.t - a.a) * R_MIX,
            cp0_molar: (-i.tt + 1.0) * R_MIX,
            z: one_d,
            dp_drho: rt * y,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;
    use crate::helmholtz::residual::residual;
    use crate::mixture::model::{MixtureModel, R_MIX};

    /// A mixture with one mole fraction 1 is that pure fluid except for the gas constant of
    /// the residual part: with dR = R_MIX - R_i (per mass, / M), p scales with R_MIX / R_i,
    /// s - s_pure = dR (ar_t - ar), h - h_pure = dR T (1 + ar_t + ar_d),
    /// u - u_pure = dR T ar_t (the ideal-gas part is the component's own).
    #[test]
    fn pure_component_limit() {
        let (a, b) = (lookup("R32").unwrap(), lookup("R1234yf").unwrap());
        let m = MixtureModel::new(vec![a, b]).unwrap();
        for (k, f) in [(0usize, a), (1, b)] {
            let mut x = [0.0, 0.0];
            x[k] = 1.0;
            for (t, rho_mass) in [
                (300.0, 0.3 * f.rho_critical),
                (250.0, 2.5 * f.rho_critical),
                (400.0, 5.0),
            ] {
                let mp = m.props(t, rho_mass / f.molar_mass, &x);
                let pp = f.props(t, rho_mass);
                let ar = residual(f.residual, f.t_reducing / t, rho_mass / f.rho_reducing);
                let dr = (R_MIX - f.gas_constant_molar) / f.molar_mass;
                let close = |a: f64, b: f64, scale: f64| (a - b).abs() <= 1e-12 * scale;
                assert!(close(mp.p, pp.p * R_MIX / f.gas_constant_molar, pp.p.abs()));
                assert!(
                    close(mp.s() - pp.s, dr * (ar.t - ar.a), pp.s.abs()),
                    "{} {}",
                    mp.s(),
                    pp.s
                );
                assert!(close(mp.h() - pp.h, dr * t * (1.0 + ar.t + ar.d), pp.h.abs()));
                assert!(close(mp.u_molar / f.molar_mass - pp.u, dr * t * ar.t, pp.u.abs()));
                assert!(close(mp.cv_molar / f.molar_mass - pp.cv, -dr * ar.tt, pp.cv));
            }
        }
    }
}
