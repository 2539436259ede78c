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

/// x^n for n >= 0 by binary exponentiation (inlined multiplications).
#[inline(always)]
fn ipow<D: Scalar>(x: D, mut n: u32) -> D {
    let mut base = x;
    let mut acc = D::one();
    while n > 0 {
        if n & 1 == 1 {
            acc *= base;
        }
        n >>= 1;
        if n > 0 {
            base = base * base;
        }
    }
    acc
}

/// tau^t; exact-integer/half-integer exponents without transcendental calls.
#[inline(always)]
fn tau_pow<D: Scalar>(tau: D, sqrt_tau: D, t: f64) -> D {
    let k2 = 2.0 * t;
    if k2 == k2.trunc() && k2.abs() <= 256.0 {
        let k = k2 as i32;
        let m = k.unsigned_abs();
        let mut v = ipow(tau, m / 2);
        if m % 2 == 1 {
            v *= sqrt_tau;
        }
        if k < 0 {
            v.recip()
        } else {
            v
        }
    } else {
        (tau.ln() * t).exp()
    }
}

/// Evaluate alphar and its derivatives at (tau, delta).
///
/// For a power term A = n delta^d tau^t exp(-delta^l), with L = l delta^l (0 if l = 0):
/// delta A_delta = A (d - L); delta^2 A_deltadelta = A [(d - L)(d - 1 - L) - l L];
/// tau A_tau = A t; tau^2 A_tautau = A t (t - 1); delta tau A_deltatau = A t (d - L).
#[inline]
pub(crate) fn residual<D: Scalar>(terms: &[ResidualTerm], tau: D, delta: D) -> ResidualDerivs<D> {
    // Cost control (this function dominates every flash):
    // * delta^d from a table of integer powers built by multiplication (d <= MAX_D);
    // * tau^t for half-integer t by inline binary exponentiation times sqrt(tau) (no
    //   libm call: calls force register spills), exp(t ln tau) otherwise; reused while
    //   consecutive terms share the same t (EOS tables are usually grouped that way);
    // * delta^l and exp(-delta^l) cached per l.
    const MAX_D: usize = 16;
    let sqrt_tau = tau.sqrt();
    let mut dpow = [D::one(); MAX_D + 1];
    for i in 1..=MAX_D {
        dpow[i] = dpow[i - 1] * delta;
    }
    let mut r = ResidualDerivs {
        a: D::zero(),
        d: D::zero(),
        dd: D::zero(),
        t: D::zero(),
        tt: D::zero(),
        dt: D::zero(),
    };
    let mut ex = [D::one(); 9];
    let mut have = [false; 9];
    let mut prev_t = 0.0;
    let mut tau_t = D::one();
    for term in terms {
        match *term {
            ResidualTerm::Power { n, d, t, l } => {
                let df = d as f64;
                if t != prev_t {
                    tau_t = tau_pow(tau, sqrt_tau, t);
                    prev_t = t;
                }
                let dd = if (0..=MAX_D as i32).contains(&d) {
                    dpow[d as usize]
                } else {
                    delta.powi(d)
                };
                let base = tau_t * dd * n;
                let (a, big_l) = if l == 0 {
                    (base, D::zero())
                } else {
                    let dl = if (0..=MAX_D as i32).contains(&l) {
                        dpow[l as usize]
                    } else {
                        delta.powi(l)
                    };
                    let li = l as usize;
                    let e = if li < 9 {
                        if !have[li] {
                            ex[li] = (-dl).exp();
                            have[li] = true;
                        }
                        ex[li]
                    } else {
                        (-dl).exp()
                    };
                    (base * e, dl * (l as f64))
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
            ResidualTerm::Power {
                n: 0.05,
                d: 2,
                t: -0.5,
                l: 0,
            },
            ResidualTerm::Power {
                n: 0.3,
                d: 2,
                t: 3.0,
                l: 1,
            },
            ResidualTerm::Power {
                n: -0.5,
                d: 1,
                t: 5.0,
                l: 2,
            },
            ResidualTerm::Power {
                n: -1e-4,
                d: 10,
                t: 50.0,
                l: 4,
            },
        ];
        let (tau, delta) = (1.1, 0.8);
        let hd = residual(
            &terms,
            HyperDual64::new(tau, 1.0, 0.0, 0.0),
            HyperDual64::new(delta, 0.0, 1.0, 0.0),
        )
        .a;
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
