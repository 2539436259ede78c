//! The factorized Jacobian a solve ends with, kept in its [`crate::Solution`] for the
//! chord steps of a warm start (see the `chord` module).
use crate::jacobian::Factorization;
use crate::topology::Layout;
use nalgebra::DVector;
use std::sync::Arc;

/// A factorized Jacobian kept with a solution, for warm starts from it.
pub(crate) struct Linearization {
    /// The layout the Jacobian's rows and columns refer to.
    pub layout: Arc<Layout>,
    pub lu: Arc<Factorization>,
    /// Row scales of the convergence test (see [`crate::iteration::Iterate::rescale`]).
    pub scales: DVector<f64>,
}

impl std::fmt::Debug for Linearization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Linearization({} unknowns)", self.scales.len())
    }
}
