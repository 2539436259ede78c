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
    fn get(&self, key: &K) -> Option<V> {
        self.entries.iter().flatten().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn insert(&mut self, key: K, value: V) {
        self.entries[self.next] = Some((key, value));
        self.next = (self.next + 1) % N;
    }
}

/// `key`'s value from the thread's ring `ring`, else `compute()` (stored when `Ok`). The
/// ring is not borrowed while `compute` runs, so `compute` may use other memos.
pub(crate) fn memoized<K, V, E, const N: usize>(
    ring: &'static std::thread::LocalKey<RefCell<Ring<K, V, N>>>,
    key: K,
    compute: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    K: PartialEq + Copy + 'static,
    V: Copy + 'static,
{
    if let Some(v) = ring.with(|r| r.borrow().get(&key)) {
        return Ok(v);
    }
    let v = compute()?;
    ring.with(|r| r.borrow_mut().insert(key, v));
    Ok(v)
}
