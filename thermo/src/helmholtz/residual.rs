//! Residual part alphar(tau, delta) of the reduced Helmholtz energy with hand-written
//! derivative sums (generic over the scalar, exact).

use crate::scalar::Scalar;

/// One residual Helmholtz term (CoolProp naming). Further term types (exponential with
/// gamma, Gaussian, non-analytic, GaoB) are added as new variants with their own
/// derivative sums in [`residual`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum ResidualTerm {
    /// `n delta^d tau^t exp(-delta^l)` (for `l = 0` no exponential factor).
    Power { n: f64, d: i32, t: f64, l: i32 },
}

/// alphar and its derivatives, scaled: `X_{ij} = tau^i delta^j d^{i+j} alphar / dtau^i ddelta^j`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ResidualDerivs<D> {
    /// alphar
    pub a: D,
    /// delta d alphar / d delta
    pub d: D,
    /// delta^2 d2 alphar / d delta2
    pub dd: D,
    /// tau d alphar / d tau
    pub t: D,
    /// tau^2 d2 alphar / d tau2
    pub tt: D,
    /// delta tau d2 alphar / d delta d tau
    pub dt: D,
}

/// Evaluate alphar and its derivatives at (tau, delta).
///
/// For a power term A = n delta^d tau^t exp(-delta^l), with L = l delta^l (0 if l = 0):
/// delta A_delta = A (d - L); delta^2 A_deltadelta = A [(d - L)(d - 1 - L) - l L];
/// tau A_tau = A t; tau^2 A_tautau = A t (t - 1); delta tau A_deltatau = A t (d - L).
#[inline]
pub(crate) fn residual<D: Scalar>(terms: &[ResidualTerm], tau: D, delta: D) -> ResidualDerivs<D> {
    let ln_tau = tau.ln();
    let ln_delta = delta.ln();
    let mut r = ResidualDerivs { a: D::zero(), d: D::zero(), dd: D::zero(), t: D::zero(), tt: D::zero(), dt: D::zero() };
    // delta^l for small l, cached (l in 0..=8 covers all published EOS power terms)
    let mut dl = [D::zero(); 9];
    let mut ex = [D::one(); 9];
    let mut have = [false; 9];
    for term in terms {
        match *term {
            ResidualTerm::Power { n, d, t, l } => {
                let df = d as f64;
                let (a, big_l) = if l == 0 {
                    ((ln_tau * t + ln_delta * df).exp() * n, D::zero())
                } else {
                    let li = l as usize;
                    if li < 9 {
                        if !have[li] {
                            dl[li] = delta.powi(l);
                            ex[li] = (-dl[li]).exp();
                            have[li] = true;
                        }
                        ((ln_tau * t + ln_delta * df).exp() * ex[li] * n, dl[li] * (l as f64))
                    } else {
                        let dli = delta.powi(l);
                        ((ln_tau * t + ln_delta * df - dli).exp() * n, dli * (l as f64))
                    }
                };
                let dm = -big_l + df;
                r.a += a;
                r.d += a * dm;
                r.dd += a * (dm * (dm - 1.0) - big_l * (l as f64));
                r.t += a * t;
                r.tt += a * (t * (t - 1.0));
                r.dt += a * dm * t;
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_dual::{second_derivative, HyperDual64};

    #[test]
    fn derivatives_match_autodiff() {
        let terms = [
            ResidualTerm::Power { n: 0.05, d: 2, t: -0.5, l: 0 },
            ResidualTerm::Power { n: 0.3, d: 2, t: 3.0, l: 1 },
            ResidualTerm::Power { n: -0.5, d: 1, t: 5.0, l: 2 },
            ResidualTerm::Power { n: -1e-4, d: 10, t: 50.0, l: 4 },
        ];
        let (tau, delta) = (1.1, 0.8);
        let hd = residual(&terms, HyperDual64::new(tau, 1.0, 0.0, 0.0), HyperDual64::new(delta, 0.0, 1.0, 0.0)).a;
        let (_, _, att) = second_derivative(|x| residual(&terms, x, delta.into()).a, tau);
        let (_, _, add) = second_derivative(|x| residual(&terms, tau.into(), x).a, delta);
        let r = residual(&terms, tau, delta);
        let tol = 1e-13;
        assert!((r.a - hd.re).abs() < tol);
        assert!((r.t - tau * hd.eps1).abs() < tol);
        assert!((r.d - delta * hd.eps2).abs() < tol);
        assert!((r.dt - tau * delta * hd.eps1eps2).abs() < tol);
        assert!((r.tt - tau * tau * att).abs() < 1e-12);
        assert!((r.dd - delta * delta * add).abs() < 1e-12);
    }
}
