//! An ordered map over a slice on the machine's cores, for work that is pure per item.
//!
//! Building and self-checking the statements of ~20,000 changes is a third of offline
//! `generate --full` (docs/BENCHMARKS.md); each change builds on its own, so the items are
//! shared out between threads in small blocks and the results put back in the items'
//! order. The output is the same as a sequential map's, whatever thread built what.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Items per block a thread takes at a time: small enough to share the tail evenly, large
/// enough that taking one costs nothing next to building it.
const BLOCK: usize = 16;

/// Fewer items than this are mapped on the calling thread: starting threads would cost
/// more than it saves.
const MIN_PARALLEL: usize = 4 * BLOCK;

/// Threads at most: the work is CPU-bound and the output waits for the slowest block.
const MAX_THREADS: usize = 4;

/// `items.iter().map(f).collect()`, run on up to [`MAX_THREADS`] threads. A panic in `f`
/// is raised again on the calling thread with its own payload.
pub fn map_ordered<T, R>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS);
    if threads < 2 || items.len() < MIN_PARALLEL {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<R>)> = Vec::new();
        loop {
            let start = next.fetch_add(BLOCK, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = (start + BLOCK).min(items.len());
            done.push((start, items[start..end].iter().map(&f).collect()));
        }
    };
    let mut blocks = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut blocks = work();
        for h in helpers {
            match h.join() {
                Ok(b) => blocks.extend(b),
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        blocks
    });
    blocks.sort_unstable_by_key(|(start, _)| *start);
    let mut out = Vec::with_capacity(items.len());
    for (_, b) in blocks {
        out.extend(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_items_order() {
        for n in [0, 1, MIN_PARALLEL - 1, MIN_PARALLEL, 1000, 1001] {
            let items: Vec<usize> = (0..n).collect();
            let out = map_ordered(&items, |i| i * 3);
            assert_eq!(out, items.iter().map(|i| i * 3).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panic_keeps_its_payload() {
        let items: Vec<usize> = (0..1000).collect();
        let caught = std::panic::catch_unwind(|| {
            map_ordered(&items, |&i| {
                if i == 700 {
                    panic!("item 700");
                }
                i
            })
        })
        .unwrap_err();
        assert_eq!(caught.downcast_ref::<&str>(), Some(&"item 700"));
    }
}
