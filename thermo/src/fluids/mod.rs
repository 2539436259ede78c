//! Fluid data tables (generated) and the registry of available fluids.
//!
//! Each fluid is one `static FluidData` in a generated `<name>_data.rs` file (see
//! `thermo/scripts/generate_fluid_data.py`). Adding a fluid = generating its file and
//! listing it in [`ALL`].

use crate::helmholtz::ideal::IdealTerm;
use crate::helmholtz::residual::ResidualTerm;
use crate::superancillary::Superancillary;

#[rustfmt::skip]
mod r125_data;
#[rustfmt::skip]
mod r134a_data;
#[rustfmt::skip]
mod r404a_data;
#[rustfmt::skip]
mod r407c_data;
#[rustfmt::skip]
mod r410a_data;
#[rustfmt::skip]
mod r507a_data;
#[rustfmt::skip]
mod r1234yf_data;
#[rustfmt::skip]
mod r1234ze_e_data;
#[rustfmt::skip]
mod r290_data;
#[rustfmt::skip]
mod r32_data;
#[rustfmt::skip]
mod r600a_data;
#[rustfmt::skip]
mod r717_data;
#[rustfmt::skip]
mod r744_data;
#[rustfmt::skip]
mod water_data;

/// Coefficients and limits of one pure fluid's Helmholtz-energy EOS.
#[derive(Debug)]
pub(crate) struct FluidData {
    /// Canonical name.
    pub name: &'static str,
    /// Upper-case aliases (the canonical name is matched case-insensitively too).
    pub aliases: &'static [&'static str],
    /// Molar mass, kg/mol.
    pub molar_mass: f64,
    /// Molar gas constant of this EOS, J/(mol K).
    pub gas_constant_molar: f64,
    /// Reducing temperature, K.
    pub t_reducing: f64,
    /// Reducing density, kg/m3.
    pub rho_reducing: f64,
    /// Critical temperature, K.
    pub t_critical: f64,
    /// Critical pressure, Pa.
    pub p_critical: f64,
    /// Critical density, kg/m3.
    pub rho_critical: f64,
    /// Triple-point temperature, K.
    pub t_triple: f64,
    /// Triple-point (saturation) pressure, Pa.
    pub p_triple: f64,
    /// Upper temperature limit, K.
    pub t_max: f64,
    /// Upper pressure limit, Pa.
    pub p_max: f64,
    /// Upper density bound for root bracketing, kg/m3 (density at (T_triple, p_max) + 5 %).
    pub rho_max: f64,
    /// Ideal-gas Helmholtz terms.
    pub ideal: &'static [IdealTerm],
    /// Residual Helmholtz terms.
    pub residual: &'static [ResidualTerm],
    /// Pseudo-pure blends only: bubble and dew pressure ancillaries.
    pub blend: Option<BlendData>,
    /// Superancillary saturation curves (for pseudo-pure blends: a Chebyshev fit of the
    /// EOS's own phase equilibrium, used for density-root bracketing only).
    pub superancillary: Superancillary,
}

/// Bubble and dew pressure curves of a pseudo-pure blend (CoolProp `pL` / `pV` ancillaries;
/// Lemmon, Int. J. Thermophys. 24, 991 (2003)).
#[derive(Debug)]
pub(crate) struct BlendData {
    /// Bubble-point pressure p'(T).
    pub bubble: Ancillary,
    /// Dew-point pressure p''(T).
    pub dew: Ancillary,
}

/// Saturation-pressure ancillary `p = p_r exp(k sum n_i theta^t_i)`, `theta = 1 - T/T_r`,
/// `k = T_r/T` if `using_tau_r` else 1 (CoolProp's `pL` / `pV` form).
#[derive(Debug)]
pub(crate) struct Ancillary {
    pub n: &'static [f64],
    pub t: &'static [f64],
    pub t_r: f64,
    pub p_r: f64,
    pub using_tau_r: bool,
    #[allow(dead_code)]
    pub t_min: f64,
    pub t_max: f64,
}

impl Ancillary {
    /// p(T), generic (T <= T_r).
    #[allow(dead_code)]
    pub(crate) fn eval<D: crate::scalar::Scalar>(&self, t: D) -> D {
        let th = -t / self.t_r + 1.0;
        let mut sum = D::zero();
        let th_re = crate::scalar::re(th);
        for (&n, &e) in self.n.iter().zip(self.t) {
            // theta^e (theta = 0 exactly at T_r: value 0; e >= 1 in all data)
            if th_re > 0.0 {
                sum += (th.ln() * e).exp() * n;
            }
        }
        if self.using_tau_r {
            sum *= t.recip() * self.t_r;
        }
        sum.exp() * self.p_r
    }

    /// p(T) and dp/dT, f64 (hand-written derivative: one ln and one exp per term):
    /// with S = sum n_i theta^t_i, k = T_r/T (or 1), p = p_r exp(k S),
    /// dp/dT = p (dk/dT S - k S_theta / T_r), S_theta = sum n_i t_i theta^(t_i - 1).
    pub(crate) fn eval_d(&self, t: f64) -> (f64, f64) {
        let th = 1.0 - t / self.t_r;
        let (mut s, mut s_th) = (0.0, 0.0);
        if th > 0.0 {
            let ln_th = th.ln();
            for (&n, &e) in self.n.iter().zip(self.t) {
                let v = n * (e * ln_th).exp();
                s += v;
                s_th += v * e / th;
            }
        }
        let (k, dk) = if self.using_tau_r {
            (self.t_r / t, -self.t_r / (t * t))
        } else {
            (1.0, 0.0)
        };
        let p = self.p_r * (k * s).exp();
        (p, p * (dk * s - k * s_th / self.t_r))
    }

    /// T with p(T) = p (p below p(t_max)): Newton on ln p from `t0`, bisection-safeguarded
    /// on [t_lo, t_max].
    pub(crate) fn t_of_p(&self, p: f64, t0: f64, t_lo: f64) -> f64 {
        let (mut a, mut b) = (t_lo * 0.9, self.t_max);
        let lp = p.ln();
        let mut t = t0.clamp(a, b);
        for _ in 0..100 {
            let (v, dv) = self.eval_d(t);
            let f = v.ln() - lp;
            if f > 0.0 {
                b = t;
            } else {
                a = t;
            }
            let step = -f * v / dv;
            if step.abs() <= 1e-14 * t {
                return t + step;
            }
            let mut tn = t + step;
            if !(tn > a && tn < b) {
                tn = 0.5 * (a + b);
            }
            t = tn;
        }
        t
    }
}

/// All available fluids.
pub(crate) static ALL: &[&FluidData] = &[
    &r134a_data::R134A,
    &r32_data::R32,
    &r290_data::R290,
    &r600a_data::R600A,
    &r125_data::R125,
    &r744_data::R744,
    &r1234yf_data::R1234YF,
    &r1234ze_e_data::R1234ZE_E,
    &r717_data::R717,
    &water_data::WATER,
    &r410a_data::R410A,
    &r404a_data::R404A,
    &r407c_data::R407C,
    &r507a_data::R507A,
];

/// Look a fluid up by name or alias, case-insensitively.
pub(crate) fn lookup(name: &str) -> Option<&'static FluidData> {
    let up = name.trim().to_ascii_uppercase();
    ALL.iter()
        .copied()
        .find(|f| f.name.to_ascii_uppercase() == up || f.aliases.iter().any(|a| *a == up))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancillary_derivative_matches_dual() {
        for f in ALL.iter().filter_map(|f| f.blend.as_ref()) {
            for a in [&f.bubble, &f.dew] {
                for t in [200.0, 250.0, 300.0, 340.0] {
                    let (p, dp) = a.eval_d(t);
                    let d = a.eval(num_dual::Dual64::new(t, 1.0));
                    assert!(
                        (p / d.re - 1.0).abs() < 1e-14 && (dp / d.eps - 1.0).abs() < 1e-12,
                        "{t}"
                    );
                    let t2 = a.t_of_p(p, t + 3.0, 200.0);
                    assert!((t2 / t - 1.0).abs() < 1e-13, "{t} {t2}");
                }
            }
        }
    }
}
