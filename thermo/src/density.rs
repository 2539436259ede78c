//! Density from (T, p): safeguarded Newton (Newton with bisection fallback) inside a
//! bracket on which p(T, rho) is monotone, so that no spurious (metastable/unstable)
//! root can be returned.
//!
//! * T < T_c, p > p_sat(T): liquid, bracket [rho'(T), rho_max], start at rho'.
//! * T < T_c, p <= p_sat(T): vapour, bracket (0, rho''(T)], start at the ideal-gas density.
//! * T >= T_c: (0, rho_max], start at the ideal-gas density (or the caller's guess).

use crate::fluids::FluidData;
use crate::helmholtz::residual::ResidualDerivs;
use crate::helmholtz::Props;

/// Largest relative density step over which [`FluidData::props_tp`] moves the
/// properties of the last evaluation to first order instead of evaluating the EOS.
/// Measured on warm-started chiller solves: most last steps lie between 1e-14 and
/// 1e-13, so this limit saves an EOS evaluation in most (p, T) flashes, while the
/// second-order properties stay smooth enough (1e-13) for difference quotients with
/// steps of 1e-6 (the `pt_derivatives` property test fails at 1e-12).
const MOVE_LIMIT: f64 = 1e-13;

/// Result of a density solve.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DensityResult {
    /// Density, kg/m3.
    pub rho: f64,
    /// Newton/bisection iterations used.
    #[allow(dead_code)]
    pub iterations: usize,
    /// The density of the last EOS evaluation (within round-off of `rho`: the last
    /// Newton step, at most 1e-10 rho, or half the collapsed bracket) ...
    evaluated_at: f64,
    /// ... and the residual Helmholtz derivatives there.
    residual: ResidualDerivs<f64>,
}

impl FluidData {
    /// Every property at (T, p) in the stable phase, from the density solve of
    /// [`Self::rho_tp`]. When its last EOS evaluation lies within [`MOVE_LIMIT`] of the
    /// returned density (a warm start usually ends so), the properties there are moved
    /// to that density to first order ([`Props::moved`]) instead of evaluating the EOS
    /// again: the first-order properties (p, h, s, u, g) are then exact to round-off, and
    /// the second-order ones (cp, cv, w, partials) are those of a density at most 1e-13
    /// away, relatively. Otherwise the EOS is evaluated at the returned density.
    pub(crate) fn props_tp(&self, t: f64, p: f64, guess: Option<f64>) -> Option<Props<f64>> {
        let r = self.rho_tp(t, p, guess)?;
        let step = r.rho - r.evaluated_at;
        Some(if step.abs() <= MOVE_LIMIT * r.rho {
            self.props_from_residual(t, r.evaluated_at, r.residual).moved(0.0, step)
        } else {
            self.props(t, r.rho)
        })
    }

    /// Density at (T, p) in the stable phase; `guess` (if any) is clamped into the bracket.
    /// Returns `None` if the iteration fails (not expected inside the validity range).
    pub(crate) fn rho_tp(&self, t: f64, p: f64, guess: Option<f64>) -> Option<DensityResult> {
        let rt = self.r_specific() * t;
        let ideal = p / rt;
        if t < self.t_sat_max() {
            let (ps, rl, rv) = self.superancillary.eval(t);
            if p > ps {
                let g = guess.unwrap_or(rl).max(rl);
                self.solve_rho(t, p, g, rl, self.rho_max)
            } else {
                let g = guess.unwrap_or(ideal).min(rv).max(0.0);
                let g = if g > 0.0 { g } else { ideal.min(rv) };
                self.solve_rho(t, p, g, 0.0, rv)
            }
        } else {
            let g = guess.unwrap_or(ideal).clamp(1e-12, self.rho_max);
            self.solve_rho(t, p, g, 0.0, self.rho_max)
        }
    }

    /// Solve p(T, rho) = p on [lo, hi] (p assumed monotone increasing there).
    fn solve_rho(&self, t: f64, p: f64, start: f64, lo: f64, hi: f64) -> Option<DensityResult> {
        let (mut a, mut b) = (lo, hi);
        let mut x = start;
        if !(x > a && x < b) {
            x = if x <= a { a + (b - a) * 1e-3 } else { b - (b - a) * 1e-3 };
            if x <= 0.0 {
                x = 0.5 * (a + b);
            }
        }
        for it in 0..200 {
            let (pc, dp, residual) = self.pressure_and_residual(t, x);
            let f = pc - p;
            if f == 0.0 {
                return Some(DensityResult {
                    rho: x,
                    iterations: it + 1,
                    evaluated_at: x,
                    residual,
                });
            }
            if f > 0.0 {
                b = x;
            } else {
                a = x;
            }
            let step = -f / dp;
            // Newton converges quadratically here (exact dp/drho): after a last step of
            // at most 1e-10 rho the error is of order 1e-20 rho, below round-off
            if dp > 0.0 && step.abs() <= 1e-10 * x {
                return Some(DensityResult {
                    rho: x + step,
                    iterations: it + 1,
                    evaluated_at: x,
                    residual,
                });
            }
            let mut xn = x + step;
            if !(dp > 0.0 && xn > a && xn < b) {
                xn = 0.5 * (a + b);
            }
            if (b - a) <= 1e-15 * b {
                return Some(DensityResult {
                    rho: 0.5 * (a + b),
                    iterations: it + 1,
                    evaluated_at: x,
                    residual,
                });
            }
            x = xn;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::fluids::lookup;

    #[test]
    fn picks_stable_root() {
        let f = lookup("R134a").unwrap();
        // subcooled liquid slightly above saturation: must be the liquid root
        let t = 300.0;
        let ps = f.superancillary.p_sat(t);
        let r = f.rho_tp(t, ps * 1.001, None).unwrap().rho;
        assert!(r > 1100.0, "{r}");
        let r = f.rho_tp(t, ps * 0.999, None).unwrap().rho;
        assert!(r < 50.0, "{r}");
        let r = f.rho_tp(400.0, 5e6, None).unwrap().rho;
        let (p, _) = f.pressure(400.0, r);
        assert!((p / 5e6 - 1.0).abs() < 1e-12);
    }

    /// The first-order move of `props_tp` stays finite down to the smallest pressures
    /// (rho ~ 1e-305: rho^2 underflows), and agrees with a direct evaluation.
    #[test]
    fn moved_properties_are_finite_and_exact() {
        let f = lookup("R134a").unwrap();
        for (t, p) in [(300.0, 1e-300), (300.0, 1e5), (250.0, 2e6), (400.0, 5e6)] {
            let pr = f.props_tp(t, p, None).unwrap();
            let direct = f.props(t, pr.rho);
            for (a, b) in [(pr.h, direct.h), (pr.s, direct.s), (pr.u, direct.u), (pr.g, direct.g)] {
                assert!(
                    a.is_finite() && (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                    "{t} {p}: {a} {b}"
                );
            }
        }
    }
}
