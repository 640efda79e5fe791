//! A collection's entries as the checks read them: each with its place in the collection,
//! its node in the positioned tree when there is one, and its typed value.

use crate::model::dataset::{
    Event, Jurisdiction, Resource, Search, Series, Source, Tactic, TacticUse,
};
use crate::model::json::Node;

pub(super) const COLLECTIONS: [&str; 8] = [
    "sources",
    "tactics",
    "jurisdictions",
    "uses",
    "series",
    "events",
    "resources",
    "searches",
];
/// Collections a file may leave out (older files have no documented searches).
pub(super) const OPTIONAL_COLLECTIONS: [&str; 1] = ["searches"];

/// One entry of a collection: its place in the collection, its node in the positioned tree
/// when there is one (the located path), and its typed value.
pub(super) struct Item<'n, 'v, T> {
    pub(super) coll: &'static str,
    pub(super) i: usize,
    pub(super) node: Option<&'n Node<'n>>,
    pub(super) value: &'v T,
}

impl<T> Item<'_, '_, T> {
    /// `$.uses[3]`: written out only for a problem.
    pub(super) fn path(&self) -> String {
        format!("$.{}[{}]", self.coll, self.i)
    }

    /// Offset of a field of this entry, or of the entry when the field is absent (0 on the
    /// fast path, which reports no position).
    pub(super) fn at(&self, field: &str) -> usize {
        self.node
            .map_or(0, |n| n.get(field).map_or(n.offset, |f| f.offset))
    }

    /// Offset of element `k` of an array field.
    pub(super) fn at_elem(&self, field: &str, k: usize) -> usize {
        self.node
            .and_then(|n| n.get(field))
            .and_then(Node::as_array)
            .and_then(|a| a.get(k))
            .map_or(self.at(field), |n| n.offset)
    }

    pub(super) fn offset(&self) -> usize {
        self.node.map_or(0, |n| n.offset)
    }
}

/// An entry typed on the located path, kept until the entries with errors are left out.
pub(super) struct Typed<'n, T> {
    pub(super) i: usize,
    pub(super) node: &'n Node<'n>,
    pub(super) value: T,
}

/// Every collection's entries, as the checks between entries read them.
pub(super) struct Entries<'n, 'v> {
    pub(super) sources: Vec<Item<'n, 'v, Source>>,
    pub(super) tactics: Vec<Item<'n, 'v, Tactic>>,
    pub(super) jurisdictions: Vec<Item<'n, 'v, Jurisdiction>>,
    pub(super) uses: Vec<Item<'n, 'v, TacticUse>>,
    pub(super) series: Vec<Item<'n, 'v, Series>>,
    pub(super) events: Vec<Item<'n, 'v, Event>>,
    pub(super) resources: Vec<Item<'n, 'v, Resource>>,
    pub(super) searches: Vec<Item<'n, 'v, Search>>,
}

pub(super) fn items<'v, T>(coll: &'static str, values: &'v [T]) -> Vec<Item<'static, 'v, T>> {
    let each = |(i, value)| Item {
        coll,
        i,
        node: None,
        value,
    };
    values.iter().enumerate().map(each).collect()
}

pub(super) fn located<'n, 'v, T>(
    coll: &'static str,
    typed: &'v [Typed<'n, T>],
) -> Vec<Item<'n, 'v, T>> {
    let each = |t: &'v Typed<'n, T>| Item {
        coll,
        i: t.i,
        node: Some(t.node),
        value: &t.value,
    };
    typed.iter().map(each).collect()
}

pub(super) fn kept<T>(
    coll: &str,
    items: Vec<Typed<'_, T>>,
    keep: &impl Fn(&str, usize) -> bool,
) -> Vec<T> {
    items
        .into_iter()
        .filter(|t| keep(coll, t.i))
        .map(|i| i.value)
        .collect()
}

/// `$.uses[3].sources[0]` -> `$.uses[3]`; paths outside a collection entry give None.
pub(super) fn entry_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("$.")?;
    let open = rest.find('[')?;
    if !COLLECTIONS.contains(&&rest[..open]) {
        return None;
    }
    let close = rest[open..].find(']')? + open;
    Some(format!("$.{}", &rest[..=close]))
}
