//! Fugacity coefficients of the mixture components.
//!
//! `ln phi_i = (d(n alphar)/dn_i)_{T, V, n_j} - ln Z` (Kunz & Wagner, J. Chem. Eng. Data
//! 57, 3032 (2012), Table B4; Michelsen & Mollerup, "Thermodynamic Models", 2007, ch. 2),
//! with Z = 1 + delta alphar_delta. The mole-number derivative is exact: n alphar is
//! evaluated with the mole numbers n_k = x_k + [k = i] eps in a dual number (V fixed:
//! rho = n / V with n = 1 + eps, x_k = n_k / n), so the composition dependence of the
//! reducing functions and of the departure weights x_i x_j is differentiated without
//! hand-written composition derivatives.

use crate::mixture::model::MixtureModel;
use crate::scalar::Scalar;
use num_dual::Dual;

impl MixtureModel {
    /// ln phi_i of every component at (T, molar density, x).
    pub(crate) fn ln_phi<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> Vec<D> {
        let (tr, vr) = self.reducing(x);
        let ln_z = (self.alphar(tr / t, rho * vr, x).d + 1.0).ln();
        let mut out = self.dnar_dn(t, rho, x);
        for v in &mut out {
            *v -= ln_z;
        }
        out
    }

    /// `(d(n alphar)/dn_i)_{T, V, n_j}` of every component: the residual chemical potential
    /// over R T; `ln f_i = ln(x_i rho R T) + (d(n alphar)/dn_i)` (fugacity in Pa).
    pub(crate) fn dnar_dn<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> Vec<D> {
        (0..x.len())
            .map(|i| {
                let n: Vec<Dual<D>> = x
                    .iter()
                    .enumerate()
                    .map(|(k, &xk)| Dual::new(xk, if k == i { D::one() } else { D::zero() }))
                    .collect();
                let n_tot = n.iter().fold(Dual::from_re(D::zero()), |s, &v| s + v);
                let xs: Vec<Dual<D>> = n.iter().map(|&v| v / n_tot).collect();
                let (tr, vr) = self.reducing(&xs);
                let tau = tr / Dual::from_re(t);
                let delta = vr * Dual::from_re(rho) * n_tot;
                (self.alphar(tau, delta, &xs).a * n_tot).eps
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;
    use crate::mixture::model::MixtureModel;

    /// Gibbs-Duhem / summation: sum x_i ln phi_i = alphar + Z - 1 - ln Z = g_res/(RT).
    #[test]
    fn summation_rule() {
        let m = MixtureModel::new(vec![lookup("R32").unwrap(), lookup("R1234yf").unwrap()]).unwrap();
        for &(t, rho, x0) in &[(280.0, 11900.0, 0.3), (320.0, 400.0, 0.7), (300.0, 9900.0, 0.05)] {
            let x = [x0, 1.0 - x0];
            let lp = m.ln_phi(t, rho, &x);
            let (tr, vr) = m.reducing(&x);
            let a = m.alphar(tr / t, rho * vr, &x);
            let z: f64 = 1.0 + a.d;
            let g = a.a + z - 1.0 - z.ln();
            let s = x[0] * lp[0] + x[1] * lp[1];
            assert!((s - g).abs() < 1e-12 * g.abs().max(1.0), "{s} {g}");
        }
    }

    /// The mole-number derivative against a central finite difference of n alphar.
    #[test]
    fn matches_finite_difference() {
        let m = MixtureModel::new(vec![lookup("R1234yf").unwrap(), lookup("R134a").unwrap()]).unwrap();
        let (t, rho) = (290.0, 10720.0); // compressed liquid, about 3 MPa
        let x = [0.6, 0.4];
        let lp = m.ln_phi(t, rho, &x);
        let n_alphar = |n: [f64; 2]| {
            let nt = n[0] + n[1];
            let xs = [n[0] / nt, n[1] / nt];
            let (tr, vr) = m.reducing(&xs);
            nt * m.alphar(tr / t, rho * nt * vr, &xs).a
        };
        let (tr, vr) = m.reducing(&x);
        let ln_z = (1.0 + m.alphar(tr / t, rho * vr, &x).d).ln();
        let h = 1e-5;
        for i in 0..2 {
            let (mut np, mut nm) = (x, x);
            np[i] += h;
            nm[i] -= h;
            let fd = (n_alphar(np) - n_alphar(nm)) / (2.0 * h) - ln_z;
            assert!((fd - lp[i]).abs() < 1e-8 * lp[i].abs().max(1.0), "{i}: {fd} {}", lp[i]);
        }
    }
}
