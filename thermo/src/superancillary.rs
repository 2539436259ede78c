//! Superancillary saturation curves: piecewise Chebyshev expansions of p_sat(T),
//! rho'(T), rho''(T) fitted by I. H. Bell and co-workers to the EOS phase equilibrium
//! (distributed with CoolProp; relative accuracy ~1e-12 or better). Used as starting
//! values for the EOS phase-equilibrium solve and, very close to the critical point, as
//! the saturation curve itself.

use crate::scalar::Scalar;

/// One Chebyshev expansion `sum c_k T_k(u)`, u = (2 x - (xmax + xmin)) / (xmax - xmin).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChebyshevExpansion {
    pub xmin: f64,
    pub xmax: f64,
    pub coef: &'static [f64],
}

/// Superancillary set of one fluid (all expansions share the same T intervals).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Superancillary {
    /// p_sat(T), Pa.
    pub p: &'static [ChebyshevExpansion],
    /// rho'(T), kg/m3.
    pub rho_liquid: &'static [ChebyshevExpansion],
    /// rho''(T), kg/m3.
    pub rho_vapor: &'static [ChebyshevExpansion],
    /// p_sat at each interval's lower T bound, plus p at `t_max` (monotone increasing).
    pub p_nodes: &'static [f64],
    /// Lowest temperature (triple point), K.
    #[allow(dead_code)]
    pub t_min: f64,
    /// Highest temperature (EOS critical point), K.
    pub t_max: f64,
    /// p_sat(t_max), Pa.
    pub p_at_t_max: f64,
}

impl ChebyshevExpansion {
    /// Value at x (Clenshaw recurrence), generic.
    #[inline]
    fn eval<D: Scalar>(&self, x: D) -> D {
        let u = (x * 2.0 - (self.xmax + self.xmin)) / (self.xmax - self.xmin);
        let c = self.coef;
        let mut b0 = D::zero();
        let mut b1 = D::zero();
        for &ck in c[1..].iter().rev() {
            let b2 = b1;
            b1 = b0;
            b0 = u * b1 * 2.0 - b2 + ck;
        }
        u * b0 - b1 + c[0]
    }

    /// Value and d/dx at x (f64).
    #[inline]
    fn eval_with_derivative(&self, x: f64) -> (f64, f64) {
        let s = 2.0 / (self.xmax - self.xmin);
        let u = (2.0 * x - (self.xmax + self.xmin)) / (self.xmax - self.xmin);
        // T_k(u) and T_k'(u) = k U_{k-1}(u)
        let (mut t0, mut t1) = (1.0, u);
        let (mut u0, mut u1) = (1.0, 2.0 * u); // U_0, U_1
        let c = self.coef;
        let mut v = c[0] + c[1] * u;
        let mut dv = c[1];
        for (k, &ck) in c.iter().enumerate().skip(2) {
            let t2 = 2.0 * u * t1 - t0;
            v += ck * t2;
            dv += ck * (k as f64) * u1;
            let u2 = 2.0 * u * u1 - u0;
            t0 = t1;
            t1 = t2;
            u0 = u1;
            u1 = u2;
        }
        (v, dv * s)
    }
}

impl Superancillary {
    /// Index of the interval containing T (T clamped into [t_min, t_max]).
    #[inline]
    fn interval(&self, t: f64) -> usize {
        let e = self.p;
        // binary search on xmin
        let (mut lo, mut hi) = (0usize, e.len() - 1);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if e[mid].xmin <= t {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// (p_sat, rho', rho'') at T, generic (T in [t_min, t_max]).
    #[inline]
    pub(crate) fn eval<D: Scalar>(&self, t: D) -> (D, D, D) {
        let i = self.interval(crate::scalar::re(t));
        (self.p[i].eval(t), self.rho_liquid[i].eval(t), self.rho_vapor[i].eval(t))
    }

    /// p_sat at T (f64).
    #[inline]
    #[allow(dead_code)]
    pub(crate) fn p_sat(&self, t: f64) -> f64 {
        self.p[self.interval(t)].eval(t)
    }

    /// Saturation temperature at p (p in [p_nodes[0], p_at_t_max]), by safeguarded Newton
    /// on the monotone expansion of the right interval. Relative accuracy ~1e-15.
    pub(crate) fn t_sat(&self, p: f64) -> f64 {
        self.t_sat_from(p, None)
    }

    /// [`Self::t_sat`], with Newton starting from `guess` when it lies inside p's
    /// interval (a neighbouring saturation state moved along the curve: one or two
    /// steps instead of four, and no logarithm); the same converged root.
    pub(crate) fn t_sat_from(&self, p: f64, guess: Option<f64>) -> f64 {
        let nodes = self.p_nodes;
        // interval i with nodes[i] <= p < nodes[i+1]
        let (mut lo, mut hi) = (0usize, nodes.len() - 2);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if nodes[mid] <= p {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let e = &self.p[lo];
        let (mut a, mut b) = (e.xmin, e.xmax);
        let (pa, pb) = (nodes[lo], nodes[lo + 1]);
        // start: the guess, else interpolate in ln p vs 1/T (Clausius-Clapeyron-like)
        let mut t = if let Some(g) = guess.filter(|g| *g > a && *g < b) {
            g
        } else if pb > pa && p > 0.0 {
            let f = (p.ln() - pa.ln()) / (pb.ln() - pa.ln());
            1.0 / (1.0 / a + f * (1.0 / b - 1.0 / a))
        } else {
            0.5 * (a + b)
        };
        for _ in 0..50 {
            let (v, dv) = e.eval_with_derivative(t);
            let f = v - p;
            if f > 0.0 {
                b = t;
            } else {
                a = t;
            }
            let step = -f / dv;
            if dv > 0.0 && step.abs() <= 1e-14 * t {
                return t + step;
            }
            let mut tn = t + step;
            if !(tn > a && tn < b) || dv <= 0.0 {
                tn = 0.5 * (a + b);
            }
            t = tn;
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;

    #[test]
    fn inverse_roundtrip_and_derivative() {
        let sa = &lookup("R134a").unwrap().superancillary;
        for &t in &[170.0, 200.0, 250.0, 300.0, 350.0, 374.0, 374.2119] {
            let p = sa.p_sat(t);
            let t2 = sa.t_sat(p);
            assert!((t2 - t).abs() < 1e-9, "{t} {t2}");
            let i = sa.interval(t);
            let (_, d) = sa.p[i].eval_with_derivative(t);
            let fd = (sa.p_sat(t + 1e-5) - sa.p_sat(t - 1e-5)) / 2e-5;
            assert!((d / fd - 1.0).abs() < 1e-6, "{d} {fd}");
        }
        // CoolProp check point: T = 261.45365494384043 K, p = 187515.12228242107 Pa
        let p = sa.p_sat(261.45365494384043);
        assert!((p / 187515.12228242107 - 1.0).abs() < 1e-12);
    }
}
