//! Departure functions alphar_ij(tau, delta) of the multi-fluid mixture model.
//!
//! The binary-specific departure function of a pair (i, j) enters the mixture residual
//! Helmholtz energy as `x_i x_j F_ij alphar_ij(tau, delta)`, evaluated at the mixture's
//! reduced variables (Kunz & Wagner, J. Chem. Eng. Data 57, 3032 (2012), Eq. 7.10;
//! Lemmon & Jacobsen, J. Phys. Chem. Ref. Data 33, 593 (2004), Eq. 5). Two term forms
//! occur in CoolProp's departure library:
//! * power / exponential (`"Exponential"` in CoolProp, and the polynomial terms of the
//!   `"GERG-2008"` form): `n delta^d tau^t exp(-delta^l)` (no exponential for l = 0);
//! * GERG-2008 exponential (Kunz & Wagner 2012, Eq. 7.10, second sum):
//!   `n delta^d tau^t exp(-eta (delta - epsilon)^2 - beta (delta - gamma))`.
//!
//! Every term is `A = n delta^d tau^t exp(f(delta))`, so with `P = delta d(ln A)/d delta`,
//! `P2 = delta^2 d2(ln A)/d delta2`: delta A_d = A P, delta^2 A_dd = A (P^2 + P2),
//! tau A_t = A t, tau^2 A_tt = A t (t - 1), delta tau A_dt = A P t.

use crate::helmholtz::residual::ResidualDerivs;
use crate::scalar::Scalar;

/// One term of a departure function (CoolProp naming of the coefficients).
#[derive(Clone, Copy, Debug)]
pub(crate) enum DepartureTerm {
    /// `n delta^d tau^t exp(-delta^l)`; `l = 0`: `n delta^d tau^t`.
    Power { n: f64, d: i32, t: f64, l: i32 },
    /// `n delta^d tau^t exp(-eta (delta - epsilon)^2 - beta (delta - gamma))`. Emitted by
    /// the generator for CoolProp's "GERG-2008" departure functions with exponential terms
    /// (the natural-gas pairs of Kunz & Wagner); no pair of the current components has one.
    #[cfg_attr(not(test), allow(dead_code))]
    GergExponential {
        n: f64,
        d: i32,
        t: f64,
        eta: f64,
        epsilon: f64,
        beta: f64,
        gamma: f64,
    },
}

/// alphar_ij and its scaled derivatives (same scaling as the pure-fluid residual:
/// `X_{ij} = tau^i delta^j d^{i+j} alphar_ij / dtau^i ddelta^j`).
pub(crate) fn departure<D: Scalar>(terms: &[DepartureTerm], tau: D, delta: D) -> ResidualDerivs<D> {
    let mut r = ResidualDerivs {
        a: D::zero(),
        d: D::zero(),
        dd: D::zero(),
        t: D::zero(),
        tt: D::zero(),
        dt: D::zero(),
    };
    if terms.is_empty() {
        return r;
    }
    let ln_tau = tau.ln();
    for term in terms {
        let (t, a, p, p2) = match *term {
            DepartureTerm::Power { n, d, t, l } => {
                let df = d as f64;
                if l == 0 {
                    let a = delta.powi(d) * (ln_tau * t).exp() * n;
                    (t, a, D::from(df), D::from(-df))
                } else {
                    let dl = delta.powi(l);
                    let lf = l as f64;
                    let a = delta.powi(d) * (ln_tau * t - dl).exp() * n;
                    // ln A = d ln delta - delta^l + t ln tau
                    (t, a, -dl * lf + df, -dl * (lf * (lf - 1.0)) - df)
                }
            }
            DepartureTerm::GergExponential {
                n,
                d,
                t,
                eta,
                epsilon,
                beta,
                gamma,
            } => {
                let df = d as f64;
                let de = delta - epsilon;
                let f = -de * de * eta - (delta - gamma) * beta;
                let a = delta.powi(d) * (ln_tau * t + f).exp() * n;
                // ln A = d ln delta - eta (delta - eps)^2 - beta (delta - gamma) + t ln tau
                let p = -delta * (de * (2.0 * eta) + beta) + df;
                let p2 = -delta * delta * (2.0 * eta) - df;
                (t, a, p, p2)
            }
        };
        r.a += a;
        r.d += a * p;
        r.dd += a * (p * p + p2);
        r.t += a * t;
        r.tt += a * (t * (t - 1.0));
        r.dt += a * p * t;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_dual::{second_derivative, HyperDual64};

    /// The hand-written scaled derivatives equal automatic differentiation of the value.
    #[test]
    fn derivatives_match_autodiff() {
        let terms = [
            DepartureTerm::Power {
                n: 0.449487,
                d: 1,
                t: 2.538296,
                l: 1,
            },
            DepartureTerm::Power {
                n: -0.064429,
                d: 6,
                t: 4.5,
                l: 3,
            },
            DepartureTerm::Power {
                n: 2.5574776844118,
                d: 1,
                t: 1.0,
                l: 0,
            },
            DepartureTerm::GergExponential {
                n: -0.034800214576142,
                d: 1,
                t: 7.85,
                eta: 1.0,
                epsilon: 0.5,
                beta: 1.0,
                gamma: 0.5,
            },
        ];
        for &(tau, delta) in &[(1.1, 0.8), (0.7, 2.4), (1.6, 0.05)] {
            let hd = departure(
                &terms,
                HyperDual64::new(tau, 1.0, 0.0, 0.0),
                HyperDual64::new(delta, 0.0, 1.0, 0.0),
            )
            .a;
            let (_, _, att) = second_derivative(|x| departure(&terms, x, delta.into()).a, tau);
            let (_, _, add) = second_derivative(|x| departure(&terms, tau.into(), x).a, delta);
            let r = departure(&terms, tau, delta);
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-3);
            assert!(close(r.a, hd.re), "a {} {}", r.a, hd.re);
            assert!(close(r.t, tau * hd.eps1), "t");
            assert!(close(r.d, delta * hd.eps2), "d");
            assert!(close(r.dt, tau * delta * hd.eps1eps2), "dt");
            assert!(close(r.tt, tau * tau * att), "tt {} {}", r.tt, tau * tau * att);
            assert!(close(r.dd, delta * delta * add), "dd {} {}", r.dd, delta * delta * add);
        }
    }
}
