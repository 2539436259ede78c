//! Ctrl-C during solves and sweeps.
//!
//! Solves run with the GIL released, so Python cannot run its SIGINT handler until
//! they return. A [`SignalWatch`] gives the solver an [`Interrupt`] hook that, on the
//! thread that called the solve (the only one Python delivers signals to), takes the
//! GIL every [`POLL`] to run the signal handlers (`PyErr_CheckSignals`); a handler's
//! exception (`KeyboardInterrupt`) stops the solve at its next iteration and is
//! raised in its place. A sweep runs on a helper thread while the calling thread
//! waits and polls, so its workers stop within one iteration too.
use entropyk::solver::Interrupt;
use pyo3::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// Time between two signal checks: Ctrl-C is honoured within about this delay plus
/// one solver iteration.
pub(crate) const POLL: Duration = Duration::from_millis(20);

/// Watches for signals on the thread that created it, during one solve or sweep.
#[derive(Clone)]
pub(crate) struct SignalWatch(Arc<State>);

struct State {
    /// Set once a signal handler raised: the solve must stop.
    stop: AtomicBool,
    /// The exception a signal handler raised, to be raised instead of the result.
    error: Mutex<Option<PyErr>>,
    /// The thread that called the solve (Python runs signal handlers only on the
    /// main thread; on other threads the check is a cheap no-op).
    caller: ThreadId,
    /// When the signal handlers last ran.
    last: Mutex<Instant>,
}

impl SignalWatch {
    /// A watch for a solve or sweep called from the current thread.
    pub(crate) fn new() -> Self {
        SignalWatch(Arc::new(State {
            stop: AtomicBool::new(false),
            error: Mutex::new(None),
            caller: thread::current().id(),
            last: Mutex::new(Instant::now()),
        }))
    }

    /// Runs Python's signal handlers now (takes the GIL); `true` if one raised.
    pub(crate) fn poll(&self) -> bool {
        if let Err(e) = Python::attach(|py| py.check_signals()) {
            *self.0.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
            self.0.stop.store(true, Ordering::Relaxed);
        }
        self.0.stop.load(Ordering::Relaxed)
    }

    /// The solver's hook: `true` once a handler raised; on the calling thread, runs
    /// the handlers when [`POLL`] has passed since the last run.
    pub(crate) fn interrupt(&self) -> Interrupt {
        let watch = self.clone();
        Interrupt::new(move || {
            let state = &watch.0;
            if state.stop.load(Ordering::Relaxed) {
                return true;
            }
            if thread::current().id() != state.caller {
                return false;
            }
            let now = Instant::now();
            {
                let mut last = state.last.lock().unwrap_or_else(PoisonError::into_inner);
                if now.duration_since(*last) < POLL {
                    return false;
                }
                *last = now;
            }
            watch.poll()
        })
    }

    /// The exception a signal handler raised during the solve, if any.
    pub(crate) fn take_error(&self) -> Option<PyErr> {
        self.0.error.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Runs `work` on a helper thread while this thread polls for signals every
    /// [`POLL`] (call with the GIL released). `work` sees the stop request through
    /// [`SignalWatch::interrupt`]'s hook and should return soon after it.
    pub(crate) fn run_polling<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            let worker = scope.spawn(move || {
                let _ = tx.send(work());
            });
            loop {
                match rx.recv_timeout(POLL) {
                    Ok(result) => return result,
                    Err(RecvTimeoutError::Timeout) => {
                        self.poll();
                    }
                    Err(RecvTimeoutError::Disconnected) => {
                        // the worker panicked before sending: re-raise its panic here
                        let panic = worker.join().err();
                        std::panic::resume_unwind(panic.unwrap_or_else(|| Box::new("the worker sent no result")))
                    }
                }
            }
        })
    }
}
