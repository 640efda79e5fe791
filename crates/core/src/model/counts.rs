//! Entries per top-level collection, counted with one byte scan before the typed reading, so the
//! largest vectors are allocated once at their size. Without it a vector doubles while it is
//! read, and at 30,000 places the last doubling of `uses` alone held its old and new buffers
//! (about three times its size) at once: wasm memory keeps that peak for the page's life.

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// The collections that get a size; the others are small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Big {
    Jurisdictions = 0,
    Uses = 1,
    Series = 2,
    Events = 3,
}

thread_local! {
    /// Counts for the reading under way (see [`with_sizes`]), and the text's length, which
    /// bounds what a count can reserve.
    static SIZES: Cell<([usize; 4], usize)> = const { Cell::new(([0; 4], 0)) };
}

/// Counts the entries of the top-level arrays named like [`Big`]: objects directly inside
/// each. Strings and nesting are respected; any text gives counts, never a panic. A string is
/// skipped by a search for its closing quote, not read byte by byte through the scan's states:
/// most of a dataset's bytes are in strings.
pub fn count(text: &str) -> [usize; 4] {
    let bytes = text.as_bytes();
    let mut counts = [0; 4];
    let mut depth = 0usize;
    let mut key = "";
    let mut current: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i + 1);
                if depth == 1 {
                    key = text.get(i + 1..end).unwrap_or("");
                }
                i = end;
            }
            b'[' if depth == 1 => {
                current = slot(key);
                depth += 1;
            }
            b'{' => {
                if depth == 2 {
                    if let Some(c) = current {
                        counts[c] += 1;
                    }
                }
                depth += 1;
            }
            b'[' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    counts
}

/// Where the string whose text starts at `from` ends: its closing quote, or the end of the
/// bytes when it is not closed.
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    loop {
        let rest = bytes.get(from..).unwrap_or_default();
        match rest.iter().position(|&c| c == b'"' || c == b'\\') {
            None => return bytes.len(),
            Some(k) if rest[k] == b'"' => return from + k,
            // An escape: the next byte is part of it, whatever it is.
            Some(k) => from += k + 2,
        }
    }
}

fn slot(key: &str) -> Option<usize> {
    match key {
        "jurisdictions" => Some(Big::Jurisdictions as usize),
        "uses" => Some(Big::Uses as usize),
        "series" => Some(Big::Series as usize),
        "events" => Some(Big::Events as usize),
        _ => None,
    }
}

/// Runs `read` (a typed reading of `text`) with the collections' sizes known.
pub fn with_sizes<R>(text: &str, read: impl FnOnce() -> R) -> R {
    SIZES.with(|s| s.set((count(text), text.len())));
    let out = read();
    SIZES.with(|s| s.set(([0; 4], 0)));
    out
}

/// What to reserve for `which`: its count, but never more entries than the text has bytes per
/// entry, so a file of empty objects cannot reserve more than its own size.
fn reserve<T>(which: Big) -> usize {
    let (counts, len) = SIZES.with(Cell::get);
    counts[which as usize].min(len / std::mem::size_of::<T>().max(1))
}

struct Sized<T>(usize, PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Sized<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(self.0);
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(out)
    }
}

fn sized<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    which: Big,
) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(Sized(reserve::<T>(which), PhantomData))
}

pub fn jurisdictions<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    sized(d, Big::Jurisdictions)
}

pub fn uses<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    sized(d, Big::Uses)
}

pub fn series<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    sized(d, Big::Series)
}

pub fn events<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    sized(d, Big::Events)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as first written, byte by byte through its states: the oracle of the faster one.
    fn count_plain(text: &str) -> [usize; 4] {
        let bytes = text.as_bytes();
        let mut counts = [0; 4];
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let (mut key_start, mut key) = (0usize, "");
        let mut current: Option<usize> = None;
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                    if depth == 1 {
                        key = text.get(key_start..i).unwrap_or("");
                    }
                }
                continue;
            }
            match b {
                b'"' => {
                    in_string = true;
                    key_start = i + 1;
                }
                b'[' if depth == 1 => {
                    current = slot(key);
                    depth += 1;
                }
                b'{' => {
                    if depth == 2 {
                        if let Some(c) = current {
                            counts[c] += 1;
                        }
                    }
                    depth += 1;
                }
                b'[' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        counts
    }

    // proptest is a native dev-dependency only (its random source does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any mix of JSON's structural bytes, quotes, escapes and the collections' names.
        #[test]
        fn the_fast_scan_counts_as_the_byte_scan(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "{", "}", "[", "]", "\"", "\\", ":", ",", " ", "é", "uses", "\"uses\"",
                "\"events\":", "\"series\": [", "\"jurisdictions\":[", "{}", "x",
            ]),
            0..60,
        )) {
            let text = parts.concat();
            proptest::prop_assert_eq!(count(&text), count_plain(&text));
        }
    }

    #[test]
    fn counts_entries_of_the_named_top_level_arrays_only() {
        let text = r#"{"meta": {"uses": [{}]}, "jurisdictions": [{"a": [{}, {}]}, {"b": "{[\"}"}],
            "uses": [ {}, {} , {"x": {"y": {}}}], "series": [], "events": [{}], "other": [{}]}"#;
        assert_eq!(count(text), [2, 3, 0, 1]);
    }

    #[test]
    fn garbage_gives_counts_without_panic() {
        for text in [
            "",
            "]]]}}}",
            "{\"uses\": [{",
            "\"\\",
            "\"\\\\",
            "{\"uses\":[{}]}]]][",
        ] {
            assert_eq!(count(text), count_plain(text), "{text:?}");
        }
        assert_eq!(count("{\"uses\": [{}, {}"), [0, 2, 0, 0]);
    }

    #[test]
    fn a_count_never_reserves_more_than_the_text() {
        SIZES.with(|s| s.set(([1_000_000; 4], 1000)));
        assert_eq!(reserve::<[u8; 100]>(Big::Uses), 10);
        SIZES.with(|s| s.set(([0; 4], 0)));
        assert_eq!(reserve::<u8>(Big::Uses), 0);
    }
}
