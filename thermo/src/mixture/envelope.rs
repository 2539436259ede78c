//! A mixture's phase envelope, tabulated once: start values for bubble and dew points and
//! a cheap phase classification for the flashes at given p.
//!
//! A flash at (p, h) must know whether h lies below the bubble point's enthalpy, above the
//! dew point's or in between; solving both equilibria at every call costs two Newton solves
//! of N + 3 unknowns. Instead the bubble and dew points are solved once, at pressures spaced
//! evenly in ln p over the envelope, together with their exact derivatives d/d ln p (from
//! the inverse Jacobian of the equilibrium system: the spec enters only through
//! `ln p(T, rho_z, z) - ln p`, so `du/d ln p` is the Jacobian inverse's last column). Cubic
//! Hermite interpolation in ln p between nodes then gives every unknown (start values one
//! or two Newton steps from the solution) and the bubble/dew T, h and s. The interpolation
//! error of each interval is measured at build time against an exact solve at the
//! interval's midpoint (where the Hermite error s^2 (1 - s)^2 f''''/24 peaks) and stored,
//! times a safety factor of 4, as the interval's margin.
//!
//! Classification rule: a specification beyond the interpolated bubble (dew) value by more
//! than the margin is single-phase; one inside both by more than the margins is two-phase;
//! only within a margin of either boundary are the exact bubble and dew points solved. The
//! margins bound the interpolation error, so the classification equals the one from exact
//! bubble and dew points, and the flash result is the same converged solution: only its
//! start differs, by a deterministic (thread- and history-independent) amount.
//!
//! The table is built lazily on the first flash, is shared by clones of a [`Mixture`]
//! (crate::Mixture) and is never modified afterwards.

use crate::mixture::bubble_dew::{Kind, Spec};
use crate::mixture::model::MixtureModel;
use nalgebra::DMatrix;
use num_dual::Dual64;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Number of table nodes over the envelope.
const NODES: usize = 40;
/// Safety factor on the interpolation error measured at the interval midpoints.
const SAFETY: f64 = 4.0;

/// One solved equilibrium (bubble or dew) at a node: unknowns u and du/d ln p, and the
/// z-phase's T, molar h, molar s with their d/d ln p.
#[derive(Clone, Debug)]
struct Point {
    u: Vec<f64>,
    du: Vec<f64>,
    ths: [f64; 3],
    dths: [f64; 3],
}

#[derive(Clone, Debug)]
struct Node {
    ln_p: f64,
    /// [bubble, dew]
    pts: [Point; 2],
}

/// Interpolated bubble and dew points at a pressure inside the table.
#[derive(Clone, Debug)]
pub(crate) struct Estimate {
    /// Unknown vectors `[ln rho_z, ln rho_w, w.., ln T]` of [bubble, dew].
    pub u: [Vec<f64>; 2],
    /// T (K), molar h (J/mol), molar s (J/(mol K)) of the z phase of [bubble, dew].
    pub ths: [[f64; 3]; 2],
    /// Bound on the interpolation error of `ths`.
    pub err: [[f64; 3]; 2],
}

/// The tabulated envelope of one mixture composition.
#[derive(Clone, Debug)]
pub(crate) struct Envelope {
    nodes: Vec<Node>,
    /// Per interval: margins of [bubble, dew] x [T, h, s].
    err: Vec<[[f64; 3]; 2]>,
}

fn hermite(s: f64, d: f64, f0: f64, df0: f64, f1: f64, df1: f64) -> f64 {
    let (s2, s3) = (s * s, s * s * s);
    (2.0 * s3 - 3.0 * s2 + 1.0) * f0 + (s3 - 2.0 * s2 + s) * d * df0 + (-2.0 * s3 + 3.0 * s2) * f1 + (s3 - s2) * d * df1
}

impl MixtureModel {
    /// Solve one equilibrium at p from `start` (falling back to the cold start) and its
    /// derivatives w.r.t. ln p.
    fn envelope_point(&self, z: &[f64], kind: Kind, p: f64, start: Option<Vec<f64>>) -> Option<Point> {
        let n = z.len();
        let (u, inv) = self.solve_vle_from(z, kind, Spec::P(p), start).ok()?;
        let m = u.len();
        let du: Vec<f64> = (0..m).map(|k| inv[(k, m - 1)]).collect();
        Some(self.point_from(z, u, du, n))
    }

    fn point_from(&self, z: &[f64], u: Vec<f64>, du: Vec<f64>, n: usize) -> Point {
        let (t, rho) = (u[n + 2].exp(), u[0].exp());
        let td = Dual64::new(t, t * du[n + 2]);
        let rd = Dual64::new(rho, rho * du[0]);
        let zd: Vec<Dual64> = z.iter().map(|&v| Dual64::from(v)).collect();
        let pr = self.props(td, rd, &zd);
        Point {
            u,
            du,
            ths: [t, pr.h_molar.re, pr.s_molar.re],
            dths: [td.eps, pr.h_molar.eps, pr.s_molar.eps],
        }
    }

    /// Tabulate the envelope of composition `z` from `p_lo` to at most `p_hi` (Pa). Nodes
    /// are solved upwards, each started from the previous one's first-order prediction;
    /// the table ends below the first pressure where a point fails, or where the phases'
    /// density ratio falls below e^0.4 (the critical region, where interpolation is poor).
    /// `None` when fewer than 3 nodes solve.
    pub(crate) fn build_envelope(&self, z: &[f64], p_lo: f64, p_hi: f64) -> Option<Envelope> {
        let step = (p_hi / p_lo).ln() / (NODES - 1) as f64;
        let mut nodes: Vec<Node> = Vec::with_capacity(NODES);
        for k in 0..NODES {
            let ln_p = p_lo.ln() + step * k as f64;
            let p = ln_p.exp();
            let start = |i: usize| {
                nodes.last().map(|prev: &Node| {
                    let pt = &prev.pts[i];
                    pt.u.iter().zip(&pt.du).map(|(u, d)| u + step * d).collect::<Vec<f64>>()
                })
            };
            let b = self.envelope_point(z, Kind::Bubble, p, start(0));
            let d = self.envelope_point(z, Kind::Dew, p, start(1));
            match (b, d) {
                (Some(b), Some(d)) if (b.u[0] - b.u[1]).abs() > 0.4 && (d.u[0] - d.u[1]).abs() > 0.4 => {
                    nodes.push(Node { ln_p, pts: [b, d] })
                }
                _ if nodes.is_empty() => continue,
                _ => break,
            }
        }
        if nodes.len() < 3 {
            return None;
        }
        let mut env = Envelope {
            err: vec![[[0.0; 3]; 2]; nodes.len() - 1],
            nodes,
        };
        for k in 0..env.nodes.len() - 1 {
            let ln_p = 0.5 * (env.nodes[k].ln_p + env.nodes[k + 1].ln_p);
            let est = env.interpolate(k, ln_p);
            for (i, kind) in [Kind::Bubble, Kind::Dew].into_iter().enumerate() {
                let exact = self.envelope_point(z, kind, ln_p.exp(), Some(est.u[i].clone()));
                let Some(exact) = exact else {
                    // an interval whose midpoint does not solve is not used
                    env.nodes.truncate(k + 1);
                    env.err.truncate(k);
                    return (env.nodes.len() >= 3).then_some(env);
                };
                for q in 0..3 {
                    let scale = exact.ths[q].abs().max(1.0);
                    env.err[k][i][q] = SAFETY * (exact.ths[q] - est.ths[i][q]).abs() + 1e-12 * scale;
                }
            }
        }
        Some(env)
    }
}

impl Envelope {
    /// Pressure range (Pa) covered by the table.
    pub(crate) fn p_range(&self) -> (f64, f64) {
        (self.nodes[0].ln_p.exp(), self.nodes[self.nodes.len() - 1].ln_p.exp())
    }

    /// Mean bubble/dew T (K), p (Pa) and mean of the coexisting molar densities (mol/m3)
    /// at the table's highest pressure.
    pub(crate) fn top(&self, n: usize) -> (f64, f64, f64) {
        let node = &self.nodes[self.nodes.len() - 1];
        let [b, d] = &node.pts;
        let t = 0.5 * (b.u[n + 2].exp() + d.u[n + 2].exp());
        let rho = 0.25 * (b.u[0].exp() + b.u[1].exp() + d.u[0].exp() + d.u[1].exp());
        (t, node.ln_p.exp(), rho)
    }

    fn interpolate(&self, k: usize, ln_p: f64) -> Estimate {
        let (a, b) = (&self.nodes[k], &self.nodes[k + 1]);
        let d = b.ln_p - a.ln_p;
        let s = (ln_p - a.ln_p) / d;
        let point = |i: usize| {
            let (pa, pb) = (&a.pts[i], &b.pts[i]);
            let u: Vec<f64> = (0..pa.u.len())
                .map(|j| hermite(s, d, pa.u[j], pa.du[j], pb.u[j], pb.du[j]))
                .collect();
            let ths = [0, 1, 2].map(|q| hermite(s, d, pa.ths[q], pa.dths[q], pb.ths[q], pb.dths[q]));
            (u, ths)
        };
        let (ub, tb) = point(0);
        let (ud, td) = point(1);
        Estimate {
            u: [ub, ud],
            ths: [tb, td],
            err: self.err.get(k).copied().unwrap_or([[f64::INFINITY; 3]; 2]),
        }
    }

    /// Interpolated bubble and dew points at `p` (Pa), `None` outside the table.
    pub(crate) fn at(&self, p: f64) -> Option<Estimate> {
        let ln_p = p.ln();
        let last = self.nodes.len() - 1;
        if !(ln_p >= self.nodes[0].ln_p && ln_p <= self.nodes[last].ln_p) {
            return None;
        }
        let step = (self.nodes[last].ln_p - self.nodes[0].ln_p) / last as f64;
        let k = (((ln_p - self.nodes[0].ln_p) / step) as usize).min(last - 1);
        Some(self.interpolate(k, ln_p))
    }

    /// Start vector for the bubble (`Kind::Bubble`) or dew point at temperature `t` (K):
    /// the table's unknowns at the pressure where the interpolated T equals `t` (bisection
    /// on the monotonic T(ln p)), without the ln T entry. `None` outside the table.
    pub(crate) fn start_at_t(&self, t: f64, kind: Kind, n: usize) -> Option<Vec<f64>> {
        let i = if kind == Kind::Bubble { 0 } else { 1 };
        let last = self.nodes.len() - 1;
        let t_of = |node: &Node| node.pts[i].ths[0];
        if !(t >= t_of(&self.nodes[0]) && t <= t_of(&self.nodes[last])) {
            return None;
        }
        let k = self.nodes.windows(2).position(|w| t <= t_of(&w[1]))?;
        let (mut lo, mut hi) = (self.nodes[k].ln_p, self.nodes[k + 1].ln_p);
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            if self.interpolate(k, mid).ths[i][0] < t {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let mut u = self.interpolate(k, 0.5 * (lo + hi)).u[i].clone();
        u.truncate(n + 2);
        Some(u)
    }
}

/// Per-mixture solve context: a process-unique id (the key of the per-thread memo of
/// equilibrium solutions; clones of a mixture share it) and the lazily built envelope.
#[derive(Debug)]
pub(crate) struct SolveCache {
    pub id: u64,
    /// Upper pressure of the table (Pa): 0.93 of the critical pressure when known.
    pub p_top: f64,
    envelope: OnceLock<Option<Envelope>>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl SolveCache {
    pub(crate) fn new(p_top: f64) -> SolveCache {
        SolveCache {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            p_top,
            envelope: OnceLock::new(),
        }
    }

    /// The envelope table (built on first use; `None` if it could not be built).
    pub(crate) fn envelope(&self, model: &MixtureModel, z: &[f64]) -> Option<&Envelope> {
        self.envelope
            .get_or_init(|| model.build_envelope(z, 0.01 / 0.93 * self.p_top, self.p_top))
            .as_ref()
    }
}

/// Maximum number of unknowns of a memoized equilibrium (N + 3 for N <= 5 components).
pub(crate) const MEMO_U: usize = 8;

/// A memoized f64 equilibrium solution: unknowns and inverse Jacobian (row-major).
#[derive(Clone, Copy)]
pub(crate) struct Solved {
    pub len: usize,
    pub u: [f64; MEMO_U],
    pub inv: [f64; MEMO_U * MEMO_U],
}

impl Solved {
    pub(crate) fn pack(u: &[f64], inv: &DMatrix<f64>) -> Option<Solved> {
        let m = u.len();
        if m > MEMO_U {
            return None;
        }
        let mut s = Solved {
            len: m,
            u: [0.0; MEMO_U],
            inv: [0.0; MEMO_U * MEMO_U],
        };
        s.u[..m].copy_from_slice(u);
        for r in 0..m {
            for c in 0..m {
                s.inv[r * m + c] = inv[(r, c)];
            }
        }
        Some(s)
    }

    pub(crate) fn unpack(&self) -> (Vec<f64>, DMatrix<f64>) {
        let m = self.len;
        (self.u[..m].to_vec(), DMatrix::from_row_slice(m, m, &self.inv[..m * m]))
    }
}
