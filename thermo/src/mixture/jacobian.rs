//! Jacobians of the mixture equilibrium systems from one evaluation in vector dual numbers.
//!
//! Seeding every unknown u_k with its own direction (`DualSVec64<M>`, M = number of
//! unknowns) gives the whole Jacobian from a single evaluation of the residuals: each phase
//! is evaluated once, its transcendental functions once, instead of once per column with
//! `Dual64`. Exact (no finite differences).

use nalgebra::{Const, DMatrix, U1};
use num_dual::{Derivative, DualSVec64};

/// `u` with u_k seeded in direction k.
pub(crate) fn seeded<const M: usize>(u: &[f64]) -> Vec<DualSVec64<M>> {
    u.iter()
        .enumerate()
        .map(|(k, &v)| DualSVec64::new(v, Derivative::derivative_generic(Const::<M>, U1, k)))
        .collect()
}

/// The Jacobian (rows: residuals, columns: the M directions).
pub(crate) fn jacobian<const M: usize>(f: &[DualSVec64<M>]) -> DMatrix<f64> {
    let mut j = DMatrix::zeros(f.len(), M);
    for (r, v) in f.iter().enumerate() {
        let e = v.eps.unwrap_generic(Const::<M>, U1);
        for c in 0..M {
            j[(r, c)] = e[c];
        }
    }
    j
}

/// `Some($this.$method::<M>(args))` for M = $m from 3 to 14 (mixtures of up to five
/// components), `None` for other sizes.
macro_rules! by_size {
    ($m:expr, $this:ident . $method:ident ( $($arg:expr),* )) => {
        match $m {
            3 => Some($this.$method::<3>($($arg),*)),
            4 => Some($this.$method::<4>($($arg),*)),
            5 => Some($this.$method::<5>($($arg),*)),
            6 => Some($this.$method::<6>($($arg),*)),
            7 => Some($this.$method::<7>($($arg),*)),
            8 => Some($this.$method::<8>($($arg),*)),
            9 => Some($this.$method::<9>($($arg),*)),
            10 => Some($this.$method::<10>($($arg),*)),
            11 => Some($this.$method::<11>($($arg),*)),
            12 => Some($this.$method::<12>($($arg),*)),
            13 => Some($this.$method::<13>($($arg),*)),
            14 => Some($this.$method::<14>($($arg),*)),
            _ => None,
        }
    };
}
pub(crate) use by_size;
