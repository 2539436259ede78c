//! Per-thread memo of the most recent f64 inner solves (saturation at p, (p, y) flashes).
//!
//! A cycle evaluation asks for the same few states many times: every component on a
//! pressure level needs that level's saturation state, and a port state such as the
//! evaporator outlet is flashed by the evaporator, the compressor and the superheat set
//! point. The f64 inner solves are pure functions of their exact inputs, so returning the
//! stored result for bit-identical inputs changes no value (and no derivative: the dual
//! lift that follows is always recomputed), only the cost. Keys are the fluid's static
//! data address and the inputs' bit patterns; each thread keeps its own small ring, so
//! there is no locking and no cross-thread state.
//!
//! On a miss, the nearest stored solution ([`Ring::nearest`]) serves as the start of the
//! inner iteration: the operating points of a Newton solve move little from one
//! evaluation to the next, so a start one step away converges in one or two iterations
//! instead of several from the saturation state. The result is the same converged
//! solution (each solver keeps its own acceptance tests), only cheaper: equal to a
//! cold start's to round-off (a test checks 1e-14), though not bit for bit, so results
//! depend on a thread's history in their last bits.
use std::cell::RefCell;

/// Ring of the `N` most recent (key, value) pairs.
pub(crate) struct Ring<K, V, const N: usize> {
    entries: [Option<(K, V)>; N],
    next: usize,
}

impl<K: PartialEq + Copy, V: Copy, const N: usize> Ring<K, V, N> {
    pub(crate) const fn new() -> Self {
        Ring {
            entries: [None; N],
            next: 0,
        }
    }
    #[inline(always)]
    fn get(&self, key: &K) -> Option<&V> {
        self.entries.iter().flatten().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The stored value with the smallest `distance` below `limit`: a neighbouring
    /// solution to start an iteration from when the exact key is not stored.
    pub(crate) fn nearest(&self, limit: f64, distance: impl Fn(&K, &V) -> f64) -> Option<V> {
        let mut best = None;
        let mut smallest = limit;
        for (k, v) in self.entries.iter().flatten() {
            let d = distance(k, v);
            if d < smallest {
                smallest = d;
                best = Some(*v);
            }
        }
        best
    }

    pub(crate) fn insert(&mut self, key: K, value: V) {
        self.entries[self.next] = Some((key, value));
        self.next = (self.next + 1) % N;
    }
}

/// `key`'s value from the thread's ring `ring`, else `compute()` (stored when `Ok`). The
/// ring is not borrowed while `compute` runs, so `compute` may use other memos.
#[inline(always)]
pub(crate) fn memoized<K, V, E, const N: usize>(
    ring: &'static std::thread::LocalKey<RefCell<Ring<K, V, N>>>,
    key: K,
    compute: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    K: PartialEq + Copy + 'static,
    V: Copy + 'static,
{
    memoized_read(ring, key, compute, |v| *v)
}

/// [`memoized`], passing the value to `read` where it is stored instead of copying it
/// out (a saturation state is 36 numbers, read a few at a time). On a hit `read` runs
/// while the ring is borrowed: it must not use the same memo.
#[inline(always)]
pub(crate) fn memoized_read<K, V, E, R, const N: usize>(
    ring: &'static std::thread::LocalKey<RefCell<Ring<K, V, N>>>,
    key: K,
    compute: impl FnOnce() -> Result<V, E>,
    read: impl FnOnce(&V) -> R,
) -> Result<R, E>
where
    K: PartialEq + Copy + 'static,
    V: Copy + 'static,
{
    ring.with(|cell| {
        if let Some(v) = cell.borrow().get(&key) {
            return Ok(read(v));
        }
        let v = compute()?;
        let r = read(&v);
        cell.borrow_mut().insert(key, v);
        Ok(r)
    })
}

#[cfg(test)]
mod tests {
    use crate::Fluid;

    /// A flash (and a saturation state) computed after neighbouring ones (which it then
    /// starts from) equals the same flash on a fresh thread (cold start) to round-off:
    /// the warm starts change the cost, not the result.
    #[test]
    fn warm_started_flashes_equal_cold_ones() {
        let cases: [(&str, f64, f64); 4] = [
            ("R134a", 3.5e5, 4.1e5),
            ("R134a", 1.2e6, 2.4e5),
            ("R744", 4e6, 4.4e5),
            ("R32", 9e5, 5.3e5),
        ];
        for (name, p, h) in cases {
            let fluid = Fluid::new(name).unwrap();
            let t_of = |s: &crate::State<f64>| (s.t, s.rho, s.h, s.s);
            let cold = {
                let fluid = fluid.clone();
                std::thread::spawn(move || {
                    let s = fluid.state_ph(p, h).unwrap();
                    let sat = fluid.saturation_p(p).unwrap().t;
                    (t_of(&s), fluid.state_pt(p, s.t + 2.0).unwrap().rho, sat)
                })
                .join()
                .unwrap()
            };
            let warm = std::thread::spawn(move || {
                for k in 1..4 {
                    let e = k as f64 * 2e-3;
                    let s = fluid.state_ph(p * (1.0 + e), h * (1.0 + e)).unwrap();
                    fluid.state_pt(p * (1.0 + e), s.t + 2.0).unwrap();
                }
                let s = fluid.state_ph(p, h).unwrap();
                let sat = fluid.saturation_p(p).unwrap().t;
                (t_of(&s), fluid.state_pt(p, s.t + 2.0).unwrap().rho, sat)
            })
            .join()
            .unwrap();
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-14 * b.abs().max(1.0);
            let ((t0, r0, h0, s0), d0, ts0) = cold;
            let ((t1, r1, h1, s1), d1, ts1) = warm;
            assert!(
                close(t1, t0) && close(r1, r0) && close(h1, h0) && close(s1, s0) && close(d1, d0) && close(ts1, ts0),
                "{name}: {cold:?} {warm:?}"
            );
        }
    }
}
