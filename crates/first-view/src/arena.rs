//! An allocator for the one bulk step of the data view: typing a whole `?data=` file. That
//! reading makes some 20 small blocks per place (ids, names, lists), and in the browser's first,
//! unoptimised code for the module the default allocator's `malloc` took about a quarter of the
//! reading at 3,000 places in a CPU profile (docs/PERFORMANCE.md). While the
//! reading runs, small blocks are instead cut one after the other from large chunks, and a
//! block given back is left where it is: the model lives as long as the page, and what the
//! reading itself drops (a list's buffer that grew) is small. Outside the reading, and for
//! large blocks, the default allocator serves.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The size of a chunk. A chunk is left for a new one when the next block does not fit in its
/// rest, which wastes at most `LARGE` and usually a few bytes; the last chunk is partly used.
const CHUNK: usize = 1 << 20;
/// Blocks above this size come from the default allocator (the collections sized in advance).
const LARGE: usize = CHUNK / 8;
/// Chunks at most (1 MiB each): the 18 MB file of 30,000 places takes 25 (natively, with
/// 64-bit pointers), a file at the size limit (20 MB) about 30. Past them the default
/// allocator serves.
const MAX_CHUNKS: usize = 96;
/// Chunks are aligned to 64 KiB (a wasm page, so aligning one wastes little), and the 64 KiB
/// a block is in says whether it is the arena's: one bit each in a 32-bit address space.
const UNIT_BITS: u32 = 16;
const UNIT_WORDS: usize = (1 << (32 - UNIT_BITS)) / 32;
const CHUNK_UNITS: usize = CHUNK >> UNIT_BITS;
// A chunk fills whole units, so no block of the default allocator shares a unit with one, and
// every block cut fits in a fresh chunk.
const _: () = assert!(CHUNK.is_multiple_of(1 << UNIT_BITS) && LARGE < CHUNK);

/// The arena's state, in plain cells: see [`Arena::new`].
pub struct Arena {
    on: Cell<bool>,
    next: Cell<usize>,
    end: Cell<usize>,
    /// The 64 KiB units that are chunks' (see `UNIT_BITS`).
    units: [Cell<u32>; UNIT_WORDS],
    /// Chunks that do not lie wholly below 4 GiB (native tests only), found by a scan.
    high: [Cell<usize>; MAX_CHUNKS],
    highs: Cell<usize>,
    count: Cell<usize>,
}

// SAFETY: `Arena::new`'s callers promise one thread.
unsafe impl Sync for Arena {}

impl Arena {
    /// # Safety
    /// The arena must be used by one thread only (the data view's wasm has one).
    pub const unsafe fn new() -> Self {
        Arena {
            on: Cell::new(false),
            next: Cell::new(0),
            end: Cell::new(0),
            units: [const { Cell::new(0) }; UNIT_WORDS],
            high: [const { Cell::new(0) }; MAX_CHUNKS],
            highs: Cell::new(0),
            count: Cell::new(0),
        }
    }

    /// Runs `read` with small blocks cut from the arena.
    pub fn reading<R>(&self, read: impl FnOnce() -> R) -> R {
        self.on.set(true);
        let out = read();
        self.on.set(false);
        out
    }

    /// Whether `ptr` was cut from one of the arena's chunks. Every block the page gives back
    /// asks it, so in the page it is one bit read (natively the tests' chunks are scanned).
    fn owns(&self, ptr: *mut u8) -> bool {
        let at = ptr as usize;
        let unit = at >> UNIT_BITS;
        let bit = self
            .units
            .get(unit / 32)
            .map(|w| w.get() & (1 << (unit % 32)) != 0);
        bit == Some(true)
            || self.high[..self.highs.get()]
                .iter()
                .any(|c| (c.get()..c.get() + CHUNK).contains(&at))
    }

    /// Records the chunk at `chunk` (aligned to a unit) as the arena's.
    fn mark(&self, chunk: usize) {
        let first = chunk >> UNIT_BITS;
        if (first + CHUNK_UNITS - 1) / 32 < UNIT_WORDS {
            for unit in first..first + CHUNK_UNITS {
                let word = &self.units[unit / 32];
                word.set(word.get() | 1 << (unit % 32));
            }
        } else {
            self.high[self.highs.get()].set(chunk);
            self.highs.set(self.highs.get() + 1);
        }
        self.count.set(self.count.get() + 1);
    }

    /// A block from the current chunk, or from a new one; null when no chunk is left.
    fn cut(&self, layout: Layout) -> *mut u8 {
        // Compared as room left, so no sum can wrap near the top of a 32-bit address space.
        let start = self.next.get().checked_next_multiple_of(layout.align());
        if let Some(start) = start.filter(|&s| s <= self.end.get()) {
            if layout.size() <= self.end.get() - start {
                self.next.set(start + layout.size());
                return start as *mut u8;
            }
        }
        if self.count.get() == MAX_CHUNKS {
            return std::ptr::null_mut();
        }
        // SAFETY: a non-zero size and a power-of-two alignment.
        let whole = unsafe { Layout::from_size_align_unchecked(CHUNK, 1 << UNIT_BITS) };
        let chunk = unsafe { System.alloc(whole) };
        if chunk.is_null() {
            return chunk;
        }
        if chunk as usize > usize::MAX - CHUNK {
            // Its end would not be an address: give it back.
            unsafe { System.dealloc(chunk, whole) };
            return std::ptr::null_mut();
        }
        self.mark(chunk as usize);
        self.next.set(chunk as usize);
        self.end.set(chunk as usize + CHUNK);
        // Fits: the chunk is aligned to 64 KiB, the block at most LARGE and aligned to at most 16.
        self.cut(layout)
    }

    /// A block cut for `layout` when the reading runs and it is small; null otherwise.
    fn small(&self, layout: Layout) -> *mut u8 {
        if self.on.get() && layout.size() <= LARGE && layout.align() <= 16 {
            self.cut(layout)
        } else {
            std::ptr::null_mut()
        }
    }
}

unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.small(layout) {
            block if block.is_null() => unsafe { System.alloc(layout) },
            block => block,
        }
    }

    /// Zeroed blocks keep the default allocator's own path outside the reading.
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match self.small(layout) {
            block if block.is_null() => unsafe { System.alloc_zeroed(layout) },
            block => {
                // A chunk's bytes may be ones the default allocator used before.
                unsafe { block.write_bytes(0, layout.size()) };
                block
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !self.owns(ptr) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !self.owns(ptr) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        if new_size <= layout.size() {
            return ptr;
        }
        // The last block cut grows in place when its chunk has room (`at + size` is `next`, at
        // most `end`, so the subtraction cannot wrap).
        let at = ptr as usize;
        if self.on.get() && at + layout.size() == self.next.get() && new_size <= self.end.get() - at
        {
            self.next.set(at + new_size);
            return ptr;
        }
        // SAFETY: the caller's alignment, a size larger than the old non-zero one.
        let grown =
            unsafe { self.alloc(Layout::from_size_align_unchecked(new_size, layout.align())) };
        if !grown.is_null() {
            unsafe { std::ptr::copy_nonoverlapping(ptr, grown, layout.size()) };
        }
        grown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn small_blocks_while_reading_come_from_chunks_in_order_and_aligned() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        let (a, b) =
            arena.reading(|| unsafe { (arena.alloc(layout(3, 1)), arena.alloc(layout(8, 8))) });
        assert!(arena.owns(a) && arena.owns(b));
        assert_eq!(b as usize % 8, 0);
        assert_eq!(b as usize, (a as usize + 3).next_multiple_of(8));
        let outside = unsafe { arena.alloc(layout(8, 8)) };
        assert!(
            !arena.owns(outside),
            "outside the reading: the default allocator"
        );
        unsafe { arena.dealloc(outside, layout(8, 8)) };
    }

    /// In the page, chunks lie below 4 GiB and are known by their bits (natively, the tests'
    /// own chunks lie above and are found by a scan): the bits of made-up addresses.
    #[test]
    fn a_chunk_below_4_gib_owns_exactly_its_own_bytes() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        let chunk = 0x0123_0000;
        arena.mark(chunk);
        assert_eq!(arena.highs.get(), 0, "known by its bits, not by the scan");
        for at in [chunk, chunk + 1, chunk + CHUNK / 2, chunk + CHUNK - 1] {
            assert!(arena.owns(at as *mut u8), "{at:#x}");
        }
        for at in [chunk - 1, chunk + CHUNK, 0, 0xffff_ffff] {
            assert!(!arena.owns(at as *mut u8), "{at:#x}");
        }
    }

    #[test]
    fn large_blocks_and_large_alignments_come_from_the_default_allocator() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        arena.reading(|| unsafe {
            let big = arena.alloc(layout(LARGE + 1, 8));
            let aligned = arena.alloc(layout(64, 64));
            assert!(!arena.owns(big) && !arena.owns(aligned));
            assert_eq!(aligned as usize % 64, 0);
            arena.dealloc(big, layout(LARGE + 1, 8));
            arena.dealloc(aligned, layout(64, 64));
        });
    }

    #[test]
    fn the_last_block_grows_in_place_and_others_move_with_their_bytes() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        arena.reading(|| unsafe {
            let first = arena.alloc(layout(4, 1));
            first.copy_from_nonoverlapping(b"abcd".as_ptr(), 4);
            let same = arena.realloc(first, layout(4, 1), 16);
            assert_eq!(same, first, "the last block cut grows in place");
            let other = arena.alloc(layout(4, 1));
            assert_eq!(
                other as usize,
                first as usize + 16,
                "cut after the grown block"
            );
            let moved = arena.realloc(first, layout(16, 1), 32);
            assert_ne!(moved, first);
            assert_eq!(std::slice::from_raw_parts(moved, 4), b"abcd");
            assert_eq!(
                arena.realloc(moved, layout(32, 1), 8),
                moved,
                "shrinking keeps the block"
            );
        });
    }

    #[test]
    fn zeroed_blocks_while_reading_are_zero_and_the_arenas() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        arena.reading(|| unsafe {
            let dirty = arena.alloc(layout(64, 8));
            dirty.write_bytes(0xab, 64);
            let zeroed = arena.alloc_zeroed(layout(64, 8));
            assert!(arena.owns(zeroed));
            assert!(std::slice::from_raw_parts(zeroed, 64)
                .iter()
                .all(|&b| b == 0));
        });
    }

    #[test]
    fn after_the_reading_a_block_of_the_arena_grows_into_the_default_allocators() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        let block = arena.reading(|| unsafe { arena.alloc(layout(4, 1)) });
        unsafe {
            block.copy_from_nonoverlapping(b"wxyz".as_ptr(), 4);
            let grown = arena.realloc(block, layout(4, 1), 64);
            assert!(
                !arena.owns(grown),
                "the reading is over: not cut from the chunk"
            );
            assert_eq!(std::slice::from_raw_parts(grown, 4), b"wxyz");
            arena.dealloc(grown, layout(64, 1));
        }
    }

    #[test]
    fn during_the_reading_a_block_of_the_default_allocator_stays_its() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        let before = unsafe { arena.alloc(layout(8, 8)) };
        arena.reading(|| unsafe {
            before.copy_from_nonoverlapping(b"12345678".as_ptr(), 8);
            let grown = arena.realloc(before, layout(8, 8), 32);
            assert!(!arena.owns(grown));
            assert_eq!(std::slice::from_raw_parts(grown, 8), b"12345678");
            arena.dealloc(grown, layout(32, 8));
        });
    }

    #[test]
    fn a_reading_longer_than_a_chunk_opens_new_ones_and_gives_back_none() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        let blocks: Vec<*mut u8> = arena.reading(|| {
            (0..3 * CHUNK / 1000)
                .map(|_| unsafe { arena.alloc(layout(1000, 8)) })
                .collect()
        });
        assert!(arena.count.get() >= 3);
        assert!(blocks.iter().all(|&b| arena.owns(b)));
        // Given back: left in place, nothing is freed twice.
        for b in blocks {
            unsafe { arena.dealloc(b, layout(1000, 8)) };
        }
    }

    #[test]
    fn with_every_chunk_used_the_default_allocator_serves() {
        // SAFETY: one thread.
        let arena = unsafe { Arena::new() };
        arena.reading(|| unsafe {
            let per_chunk = CHUNK / LARGE;
            for _ in 0..MAX_CHUNKS * per_chunk {
                assert!(arena.owns(arena.alloc(layout(LARGE, 16))));
            }
            assert_eq!(arena.count.get(), MAX_CHUNKS);
            let block = arena.alloc(layout(LARGE, 16));
            assert!(!block.is_null() && !arena.owns(block));
            arena.dealloc(block, layout(LARGE, 16));
        });
    }
}
