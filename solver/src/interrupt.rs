//! Cancellation of a running solve or sweep from outside (Ctrl-C in Python).
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A request to stop a solve early, polled by the solver once per iteration (Newton,
/// Picard and Fallback alike) and by [`crate::sweep`] before every point.
///
/// Set it in a configuration (`NewtonConfig::interrupt` and the like); when the poll
/// answers `true`, the solve stops with [`crate::SolverError::Interrupted`] carrying
/// its best iterate, and a sweep stops all its threads and returns that error
/// instead of partial results. The poll runs on the solving threads, so it must be
/// cheap (an atomic load, a clock read); the Python bindings use it to check for
/// signals every 20 ms on the thread that called the solve.
///
/// ```
/// use entropyk_solver::Interrupt;
/// use std::sync::atomic::{AtomicBool, Ordering};
/// use std::sync::Arc;
/// let flag = Arc::new(AtomicBool::new(false));
/// let interrupt = Interrupt::from_flag(flag.clone());
/// assert!(!interrupt.is_requested());
/// flag.store(true, Ordering::Relaxed);
/// assert!(interrupt.is_requested());
/// ```
#[derive(Clone)]
pub struct Interrupt(Arc<dyn Fn() -> bool + Send + Sync>);

impl Interrupt {
    /// An interrupt requested whenever `poll` returns `true`.
    pub fn new(poll: impl Fn() -> bool + Send + Sync + 'static) -> Self {
        Interrupt(Arc::new(poll))
    }

    /// An interrupt requested once `flag` is set (e.g. from another thread).
    pub fn from_flag(flag: Arc<AtomicBool>) -> Self {
        Interrupt::new(move || flag.load(Ordering::Relaxed))
    }

    /// Whether the solve should stop now.
    pub fn is_requested(&self) -> bool {
        (self.0)()
    }
}

impl fmt::Debug for Interrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Interrupt(..)")
    }
}

/// Two interrupts are equal when they are the same hook (clones of one another).
impl PartialEq for Interrupt {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
