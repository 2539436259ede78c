//! Kunz-Wagner (GERG-2008) reducing functions of the mixture.
//!
//! Kunz & Wagner, J. Chem. Eng. Data 57, 3032 (2012), Eqs. 7.9 and 7.10 (written with
//! the components' reducing values T_c,i, v_c,i = 1 / rho_c,i):
//! `T_r(x) = sum_i x_i^2 T_c,i + sum_{i<j} 2 x_i x_j beta_T,ij gamma_T,ij
//!           (x_i + x_j) / (beta_T,ij^2 x_i + x_j) (T_c,i T_c,j)^(1/2)`,
//! `v_r(x) = sum_i x_i^2 v_c,i + sum_{i<j} 2 x_i x_j beta_v,ij gamma_v,ij
//!           (x_i + x_j) / (beta_v,ij^2 x_i + x_j) (v_c,i^(1/3) + v_c,j^(1/3))^3 / 8`,
//! and rho_r = 1 / v_r. The mixture's reduced variables are tau = T_r / T and
//! delta = rho / rho_r (molar density). Generic in the composition, so that derivatives
//! with respect to mole numbers (fugacities) come from dual numbers.

use crate::mixture::model::MixtureModel;
use crate::scalar::{re, Scalar};

impl MixtureModel {
    /// Reducing temperature (K) and reducing molar volume (m3/mol) at composition `x`.
    pub(crate) fn reducing<D: Scalar>(&self, x: &[D]) -> (D, D) {
        let mut t = D::zero();
        let mut v = D::zero();
        for (i, &xi) in x.iter().enumerate() {
            let x2 = xi * xi;
            t += x2 * self.tc[i];
            v += x2 * self.vc[i];
        }
        for p in &self.pairs {
            let (xi, xj) = (x[p.i], x[p.j]);
            // both fractions zero: the term and its first derivatives vanish (0/0 avoided)
            if re(xi) == 0.0 && re(xj) == 0.0 {
                continue;
            }
            let xij = xi * xj * (xi + xj);
            t += xij / (xi * p.beta_t2 + xj) * p.c_t;
            v += xij / (xi * p.beta_v2 + xj) * p.c_v;
        }
        (t, v)
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;
    use crate::mixture::model::MixtureModel;

    #[test]
    fn pure_limits_and_coolprop_value() {
        let m = MixtureModel::new(vec![lookup("R32").unwrap(), lookup("R1234yf").unwrap()]).unwrap();
        let (t, v) = m.reducing(&[1.0, 0.0]);
        assert_eq!((t, v), (m.tc[0], m.vc[0]));
        let (t, v) = m.reducing(&[0.0, 1.0]);
        assert_eq!((t, v), (m.tc[1], m.vc[1]));
        // CoolProp 8.0.0, AbstractState("HEOS", "R32&R1234yf"), x = (0.7, 0.3):
        // T_reducing() = 350.5605681221872 K, rhomolar_reducing() = 6350.048104468474 mol/m3
        let (t, v): (f64, f64) = m.reducing(&[0.7, 0.3]);
        assert!((t / 350.5605681221872 - 1.0).abs() < 1e-14, "{t}");
        assert!((1.0 / v / 6350.048104468474 - 1.0).abs() < 1e-14, "{}", 1.0 / v);
    }
}
