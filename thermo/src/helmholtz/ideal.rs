//! Ideal-gas part alpha0(tau, delta) of the reduced Helmholtz energy.

use crate::helmholtz::residual::half_integer_pow;
use crate::scalar::Scalar;

/// One ideal-gas Helmholtz term (CoolProp naming).
#[derive(Clone, Copy, Debug)]
pub(crate) enum IdealTerm {
    /// `ln(delta) + a1 + a2 tau`
    Lead { a1: f64, a2: f64 },
    /// `a ln(tau)`
    LogTau { a: f64 },
    /// `n tau^t`
    Power { n: f64, t: f64 },
    /// `n ln(1 - exp(-t tau))`
    #[allow(dead_code)]
    PlanckEinstein { n: f64, t: f64 },
}

/// alpha0 and its tau derivatives, in the scaled form used by the property relations.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IdealDerivs<D> {
    /// alpha0
    pub a: D,
    /// tau * d alpha0 / d tau
    pub t: D,
    /// tau^2 * d2 alpha0 / d tau2
    pub tt: D,
}

/// Evaluate alpha0 and its tau derivatives. `delta` enters only via `ln(delta)` of the
/// Lead term (its delta derivatives are handled analytically by the property relations).
#[inline]
pub(crate) fn ideal<D: Scalar>(terms: &[IdealTerm], tau: D, delta: D) -> IdealDerivs<D> {
    let ln_tau = tau.ln();
    let sqrt_tau = tau.sqrt();
    let mut a = delta.ln();
    let mut t = D::zero();
    let mut tt = D::zero();
    for term in terms {
        match *term {
            IdealTerm::Lead { a1, a2 } => {
                a += tau * a2 + a1;
                t += tau * a2;
            }
            IdealTerm::LogTau { a: c } => {
                a += ln_tau * c;
                t += D::from(c);
                tt -= D::from(c);
            }
            IdealTerm::Power { n, t: e } => {
                let v = half_integer_pow(tau, sqrt_tau, e).unwrap_or_else(|| (ln_tau * e).exp()) * n;
                a += v;
                t += v * e;
                tt += v * (e * (e - 1.0));
            }
            IdealTerm::PlanckEinstein { n, t: th } => {
                // alpha = n ln(1 - E), E = exp(-th tau)
                let e = (tau * (-th)).exp();
                let one_m = -e + 1.0;
                a += one_m.ln() * n;
                let x = tau * th;
                // tau dalpha/dtau = n x E / (1 - E)
                t += x * e / one_m * n;
                // tau^2 d2alpha/dtau2 = -n x^2 E / (1 - E)^2
                tt -= x * x * e / (one_m * one_m) * n;
            }
        }
    }
    IdealDerivs { a, t, tt }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_dual::second_derivative;

    #[test]
    fn derivatives_match_autodiff() {
        let terms = [
            IdealTerm::Lead { a1: -1.0, a2: 9.0 },
            IdealTerm::LogTau { a: -1.6 },
            IdealTerm::Power { n: -9.7, t: -0.5 },
            IdealTerm::PlanckEinstein { n: 2.0, t: 1.3 },
        ];
        let tau: f64 = 1.3;
        let (a, da, d2a) = second_derivative(|x| ideal(&terms, x, 0.7.into()).a, tau);
        let r = ideal(&terms, tau, 0.7f64);
        assert!((r.a - a).abs() < 1e-12);
        assert!((r.t - tau * da).abs() < 1e-12);
        assert!((r.tt - tau * tau * d2a).abs() < 1e-11);
    }
}
