//! Fugacity coefficients of the mixture components.
//!
//! `ln phi_i = (d(n alphar)/dn_i)_{T, V, n_j} - ln Z` (Kunz & Wagner, J. Chem. Eng. Data
//! 57, 3032 (2012), Table B4; Michelsen & Mollerup, "Thermodynamic Models", 2007, ch. 2),
//! with Z = 1 + delta alphar_delta; the mole-number derivative from the analytic form of
//! Kunz & Wagner (see [`MixtureModel::dnar_dn`]), checked against differentiating n alphar
//! with a dual number on the mole numbers.

use crate::helmholtz::residual::residual;
use crate::mixture::departure::departure;
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
    ///
    /// Kunz & Wagner (2012), Table B4 / GERG-2008 Eq. 7.31:
    /// `d(n alphar)/dn_i = alphar + delta alphar_delta [1 + (1/v_r) n dv_r/dn_i] +
    /// tau alphar_tau (1/T_r) n dT_r/dn_i + alphar_xi - sum_k x_k alphar_xk`,
    /// with `n dY/dn_i = dY/dx_i - sum_k x_k dY/dx_k` (x_k independent in the partials),
    /// `alphar_xi = alphar_0i + sum_{k != i} x_k F_ik alphar_ik`. The partials of the
    /// reducing functions come from a dual number per component (they are cheap); the
    /// Helmholtz terms are evaluated once.
    pub(crate) fn dnar_dn<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> Vec<D> {
        let n = x.len();
        let (tr, vr) = self.reducing(x);
        let (tau, delta) = (tr / t, rho * vr);
        // alphar and its scaled tau / delta derivatives, and alphar_xi
        let (mut a, mut a_d, mut a_t) = (D::zero(), D::zero(), D::zero());
        let mut a_x: Vec<D> = Vec::with_capacity(n);
        for (c, &xi) in self.comps.iter().zip(x) {
            let r = residual(c.residual, tau, delta);
            a += xi * r.a;
            a_d += xi * r.d;
            a_t += xi * r.t;
            a_x.push(r.a);
        }
        for p in &self.pairs {
            if p.f != 0.0 {
                let r = departure(p.departure, tau, delta);
                let (xi, xj) = (x[p.i], x[p.j]);
                a += xi * xj * p.f * r.a;
                a_d += xi * xj * p.f * r.d;
                a_t += xi * xj * p.f * r.t;
                a_x[p.i] += xj * p.f * r.a;
                a_x[p.j] += xi * p.f * r.a;
            }
        }
        // partial derivatives of T_r and v_r w.r.t. each x_k (independent)
        let (mut dt, mut dv) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for k in 0..n {
            let xs: Vec<Dual<D>> = x
                .iter()
                .enumerate()
                .map(|(q, &v)| Dual::new(v, if q == k { D::one() } else { D::zero() }))
                .collect();
            let (t_k, v_k) = self.reducing(&xs);
            dt.push(t_k.eps);
            dv.push(v_k.eps);
        }
        let sum_x = |d: &[D]| x.iter().zip(d).fold(D::zero(), |s, (&xk, &dk)| s + xk * dk);
        let (st, sv, sa) = (sum_x(&dt), sum_x(&dv), sum_x(&a_x));
        (0..n)
            .map(|i| a + a_d * ((dv[i] - sv) / vr + 1.0) + a_t * (dt[i] - st) / tr + a_x[i] - sa)
            .collect()
    }

    /// [`Self::dnar_dn`] by differentiating n alphar with a dual number on the mole
    /// numbers (V fixed: rho = n / V with n = 1 + eps, x_k = n_k / n): the test oracle.
    #[cfg(test)]
    pub(crate) fn dnar_dn_by_duals<D: Scalar>(&self, t: D, rho: D, x: &[D]) -> Vec<D> {
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

    /// The analytic mole-number derivative equals the dual-number differentiation of
    /// n alphar, for a ternary with three departure functions, also in Dual64.
    #[test]
    fn analytic_equals_dual_differentiation() {
        let m = MixtureModel::new(vec![
            lookup("R32").unwrap(),
            lookup("R1234yf").unwrap(),
            lookup("R134a").unwrap(),
        ])
        .unwrap();
        for &(t, rho, x) in &[
            (280.0_f64, 12000.0_f64, [0.5_f64, 0.3, 0.2]),
            (330.0, 300.0, [0.1, 0.2, 0.7]),
        ] {
            let a = m.dnar_dn(t, rho, &x);
            let b = m.dnar_dn_by_duals(t, rho, &x);
            for i in 0..3 {
                assert!(
                    (a[i] - b[i]).abs() < 1e-13 * b[i].abs().max(1.0),
                    "{i}: {} {}",
                    a[i],
                    b[i]
                );
            }
            let td = num_dual::Dual64::new(t, 1.0);
            let xd = x.map(num_dual::Dual64::from);
            let (a, b) = (m.dnar_dn(td, rho.into(), &xd), m.dnar_dn_by_duals(td, rho.into(), &xd));
            for i in 0..3 {
                assert!((a[i].eps - b[i].eps).abs() < 1e-12 * b[i].eps.abs().max(1e-3));
            }
        }
    }
}
