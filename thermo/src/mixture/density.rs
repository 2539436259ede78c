//! Density roots of the mixture EOS at given (T, p, x), used for the initial estimates
//! of phase equilibria.
//!
//! p(rho) of a multiparameter EOS at subcritical T has a van der Waals-like loop: the
//! vapour root is the smallest, reached by Newton from the ideal-gas density (p(rho) is
//! concave there and the ideal-gas density lies below the root); the liquid root is the
//! largest, reached by Newton from above (p(rho) convex and increasing there). A step into
//! the loop ((dp/drho)_T <= 0) means that this phase has no root at (T, p).

use crate::mixture::model::{MixtureModel, R_MIX};
use crate::scalar::Scalar;

impl MixtureModel {
    /// p (Pa) and (dp/drho)_T (Pa m3/mol) at (T, molar density, x):
    /// p = rho R T (1 + ar_d), dp/drho = R T (1 + 2 ar_d + ar_dd).
    pub(crate) fn pressure<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> (D, D) {
        let (tr, vr) = self.reducing(x);
        let a = self.alphar(tr / t, rho * vr, x);
        let rt = t * R_MIX;
        (rho * rt * (a.d + 1.0), rt * (a.d * 2.0 + a.dd + 1.0))
    }

    /// Ideal-solution estimate of the liquid molar density at T: 1 / sum x_i v'_i(T), with
    /// the components' saturated-liquid volumes (their critical volume above their T_c).
    pub(crate) fn liquid_density_estimate(&self, t: f64, x: &[f64]) -> f64 {
        let v: f64 = self
            .comps
            .iter()
            .zip(x)
            .map(|(c, &xi)| {
                let rho_mass = if t < c.t_sat_max() {
                    c.superancillary.eval(t).1
                } else {
                    c.rho_critical
                };
                xi * c.molar_mass / rho_mass
            })
            .sum();
        v.recip()
    }

    /// The liquid (`liquid = true`) or vapour density root at (T, p, x), mol/m3, or `None`
    /// when that phase has no root there.
    pub(crate) fn density(&self, t: f64, p: f64, x: &[f64], liquid: bool) -> Option<f64> {
        let mut rho = if liquid {
            // start above the root: p increases without bound with density
            let mut r = 1.05 * self.liquid_density_estimate(t, x);
            let mut k = 0;
            loop {
                let (pr, dp) = self.pressure(t, r, x);
                if pr > p && dp > 0.0 {
                    break r;
                }
                r *= 1.05;
                k += 1;
                if k > 60 {
                    return None;
                }
            }
        } else {
            p / (R_MIX * t)
        };
        for _ in 0..100 {
            let (pr, dp) = self.pressure(t, rho, x);
            if !(dp > 0.0) {
                return None;
            }
            let step = (pr - p) / dp;
            let next = rho - step;
            if !(next > 0.0) {
                return None;
            }
            rho = next;
            if step.abs() <= 1e-13 * rho {
                return Some(rho);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;
    use crate::mixture::model::MixtureModel;

    #[test]
    fn roots_reproduce_the_pressure() {
        let m = MixtureModel::new(vec![lookup("R32").unwrap(), lookup("R1234yf").unwrap()]).unwrap();
        let x = [0.8292, 0.1708];
        for (t, p) in [(260.0, 3e5), (300.0, 1.2e6), (320.0, 2.0e6)] {
            let rl = m.density(t, p, &x, true).unwrap();
            let rv = m.density(t, p, &x, false).unwrap();
            assert!(rl > 5.0 * rv, "{rl} {rv}");
            for r in [rl, rv] {
                let (pr, dp): (f64, f64) = m.pressure(t, r, &x);
                assert!((pr / p - 1.0).abs() < 1e-12 && dp > 0.0);
            }
        }
    }
}
