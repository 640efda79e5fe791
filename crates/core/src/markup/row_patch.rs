//! Which rows of the matrix body the first view keeps, removes or parses when it shows other
//! rows (`tactics_dom::Rows` does what this says in the page).
//!
//! A tactic click mostly takes rows away, and the browser's work on new rows is most of a
//! click (docs/PERFORMANCE.md). So a row whose markup did not change stays the same element
//! (only its `aria-rowindex` is rewritten when it moved), and only new or changed rows are
//! parsed, together. Rows are compared by the markup they were written from, which is kept
//! here: nothing is read back from the page (reading `outerHTML` back and parsing every row
//! to compare cost a click about 1 ms). Generic over the element type, so it is tested
//! natively.

use crate::markup::rows::RowHtml;

/// A row element of the body and the markup it was written from.
struct Held<E> {
    /// `RowHtml::rest`, which starts with the place's id.
    rest: String,
    index: usize,
    el: E,
}

/// The rows of the body, in order.
pub struct RowState<E> {
    rows: Vec<Held<E>>,
}

/// One change to the table body; apply them in the order given.
#[derive(Debug, PartialEq)]
pub enum Op<E> {
    /// Take the row out of the body.
    Remove(E),
    /// Write the row's `aria-rowindex`.
    SetIndex(E, usize),
    /// Insert (or move) the row before the second, or at the end when there is none.
    Insert(E, Option<E>),
}

impl<E: Clone> Default for RowState<E> {
    fn default() -> Self {
        RowState { rows: Vec::new() }
    }
}

impl<E: Clone> RowState<E> {
    /// The body holds `rows` as the elements `els` (the same number, in order).
    pub fn adopt(&mut self, rows: &[RowHtml], els: Vec<E>) {
        self.rows = rows
            .iter()
            .zip(els)
            .map(|(r, el)| Held {
                rest: r.rest.clone(),
                index: r.index,
                el,
            })
            .collect();
    }

    /// The changes that make the body show `rows`. `parse` gets the markup of the rows that
    /// need new elements (all of them in one string) and how many they are, and returns their
    /// elements in order; when it cannot (None, or another count) nothing changes and the
    /// answer is None.
    pub fn update(
        &mut self,
        rows: &[RowHtml],
        parse: impl FnOnce(&str, usize) -> Option<Vec<E>>,
    ) -> Option<Vec<Op<E>>> {
        // For each held row, the new row it is, if any.
        let mut used: Vec<Option<usize>> = vec![None; self.rows.len()];
        let mut html = String::new();
        let mut parsed = 0;
        for (j, r) in rows.iter().enumerate() {
            let found =
                (0..self.rows.len()).find(|&k| used[k].is_none() && self.rows[k].rest == r.rest);
            match found {
                Some(k) => used[k] = Some(j),
                None => {
                    r.write_html(&mut html);
                    parsed += 1;
                }
            }
        }
        let mut fresh = if parsed == 0 {
            Vec::new()
        } else {
            parse(&html, parsed).filter(|els| els.len() == parsed)?
        }
        .into_iter();
        let mut ops = Vec::new();
        // The rows that stay, in the body's order, each with its place in the new rows.
        let mut body: Vec<(Held<E>, usize)> = Vec::with_capacity(rows.len());
        for (mut h, j) in std::mem::take(&mut self.rows).into_iter().zip(used) {
            let Some((j, r)) = j.and_then(|j| Some((j, rows.get(j)?))) else {
                ops.push(Op::Remove(h.el));
                continue;
            };
            if h.index != r.index {
                ops.push(Op::SetIndex(h.el.clone(), r.index));
                h.index = r.index;
            }
            body.push((h, j));
        }
        // Walk the new order over the body: a row that is not next in the body is inserted
        // (or moved) before the next one.
        for (j, r) in rows.iter().enumerate() {
            if body.get(j).is_some_and(|(_, p)| *p == j) {
                continue;
            }
            let row = match body.iter().position(|(_, p)| *p == j) {
                Some(q) => body.remove(q),
                None => (
                    Held {
                        rest: r.rest.clone(),
                        index: r.index,
                        el: fresh.next()?,
                    },
                    j,
                ),
            };
            let before = body.get(j).map(|(b, _)| b.el.clone());
            ops.push(Op::Insert(row.0.el.clone(), before));
            body.insert(j, row);
        }
        self.rows = body.into_iter().map(|(h, _)| h).collect();
        Some(ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(r: &RowHtml) -> &str {
        r.rest.split('"').nth(1).unwrap_or_default()
    }

    fn row(place: &str, index: usize, text: &str) -> RowHtml {
        RowHtml {
            index,
            rest: format!(" data-place=\"{place}\"><td>{text}</td></tr>"),
        }
    }

    /// A body: element names with their `aria-rowindex` and a flag for hidden rows (none
    /// here: rows that leave are removed), changed
    /// by `ops` as the page would be.
    #[derive(Default)]
    struct Body(Vec<(String, usize, bool)>);

    impl Body {
        fn apply(&mut self, ops: &[Op<String>]) {
            let at = |b: &Self, e: &str| b.0.iter().position(|x| x.0 == e);
            for op in ops {
                match op {
                    Op::Remove(e) => {
                        self.0.remove(at(self, e).expect("in the body"));
                    }
                    Op::SetIndex(e, i) => {
                        let k = at(self, e).expect("in the body");
                        self.0[k].1 = *i;
                    }
                    Op::Insert(e, before) => {
                        let row = match at(self, e) {
                            Some(k) => self.0.remove(k),
                            None => {
                                let index =
                                    &e[e.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
                                (e.clone(), index.parse().expect("index"), false)
                            }
                        };
                        let k = before.as_ref().map_or(self.0.len(), |b| {
                            at(self, b).expect("before a row of the body")
                        });
                        self.0.insert(k, row);
                    }
                }
            }
        }

        /// The shown rows, as "element:index".
        fn shown(&self) -> Vec<String> {
            (self.0.iter().filter(|x| !x.2))
                .map(|x| format!("{}:{}", x.0, x.1))
                .collect()
        }
    }

    /// Elements are named by their place and the `aria-rowindex` they were parsed with.
    fn update(state: &mut RowState<String>, body: &mut Body, rows: &[RowHtml]) -> String {
        let mut parsed = String::new();
        let ops = state
            .update(rows, |html, n| {
                parsed = html.to_string();
                let els: Vec<String> = html
                    .split("<tr aria-rowindex=\"")
                    .skip(1)
                    .filter_map(|s| {
                        let (index, rest) = s.split_once('"')?;
                        let place = rest.split('"').nth(1)?;
                        Some(format!("{place}{index}"))
                    })
                    .collect();
                assert_eq!(els.len(), n);
                Some(els)
            })
            .expect("ops");
        body.apply(&ops);
        assert_eq!(
            body.0.len(),
            rows.len(),
            "only the rows shown are in the body"
        );
        parsed
    }

    fn start(rows: &[RowHtml]) -> (RowState<String>, Body) {
        let mut state = RowState::default();
        let els: Vec<String> = rows.iter().map(|r| format!("{}0", place(r))).collect();
        state.adopt(rows, els.clone());
        let body = Body(
            rows.iter()
                .map(|r| (format!("{}0", place(r)), r.index, false))
                .collect(),
        );
        (state, body)
    }

    #[test]
    fn unchanged_rows_stay_and_only_new_or_changed_ones_are_parsed() {
        let (mut state, mut body) = start(&[row("a", 2, "A"), row("b", 3, "B"), row("c", 4, "C")]);
        let next = [row("b", 2, "B"), row("c", 3, "C changed"), row("d", 4, "D")];
        let parsed = update(&mut state, &mut body, &next);
        assert_eq!(body.shown(), ["b0:2", "c3:3", "d4:4"]);
        assert_eq!(
            parsed,
            "<tr aria-rowindex=\"3\" data-place=\"c\"><td>C changed</td></tr>\
             <tr aria-rowindex=\"4\" data-place=\"d\"><td>D</td></tr>"
        );
        // The same rows again: nothing to do.
        let ops = state.update(&next, |_, _| panic!("nothing to parse"));
        assert_eq!(ops, Some(Vec::new()));
    }

    #[test]
    fn rows_that_leave_are_removed_and_parsed_when_they_come_back() {
        let all = [row("a", 2, "A"), row("b", 3, "B"), row("c", 4, "C")];
        let (mut state, mut body) = start(&all);
        update(&mut state, &mut body, &[row("b", 2, "B")]);
        assert_eq!(body.shown(), ["b0:2"]);
        let parsed = update(&mut state, &mut body, &all);
        assert_eq!(
            parsed,
            "<tr aria-rowindex=\"2\" data-place=\"a\"><td>A</td></tr>\
             <tr aria-rowindex=\"4\" data-place=\"c\"><td>C</td></tr>"
        );
        assert_eq!(body.shown(), ["a2:2", "b0:3", "c4:4"]);
    }

    #[test]
    fn a_new_order_moves_the_rows() {
        let (mut state, mut body) = start(&[row("a", 2, "A"), row("b", 3, "B"), row("c", 4, "C")]);
        let next = [
            row("c", 2, "C"),
            row("e", 3, "E"),
            row("a", 4, "A"),
            row("b", 5, "B"),
        ];
        let parsed = update(&mut state, &mut body, &next);
        assert_eq!(body.shown(), ["c0:2", "e3:3", "a0:4", "b0:5"]);
        assert!(!parsed.contains("\"a\""));
        update(&mut state, &mut body, &[row("b", 2, "B"), row("a", 3, "A")]);
        assert_eq!(body.shown(), ["b0:2", "a0:3"]);
        update(
            &mut state,
            &mut body,
            &[row("e", 2, "E"), row("c", 3, "C"), row("b", 4, "B")],
        );
        assert_eq!(body.shown(), ["e2:2", "c3:3", "b0:4"]);
        update(&mut state, &mut body, &[]);
        assert!(body.shown().is_empty());
    }

    #[test]
    fn a_failed_parse_changes_nothing() {
        let (mut state, mut body) = start(&[row("a", 2, "A")]);
        assert!(state.update(&[row("b", 2, "B")], |_, _| None).is_none());
        assert!(state
            .update(&[row("b", 2, "B")], |_, _| Some(Vec::new()))
            .is_none());
        update(&mut state, &mut body, &[row("a", 2, "A")]);
        assert_eq!(body.shown(), ["a0:2"]);
    }
}
