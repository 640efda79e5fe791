//! The checks between entries, which both paths run: unique ids, references between
//! collections, the 15 tactics, places and their locations, uses and their evidence.

use super::entries::*;
use super::located::Validator;
use super::rules::*;
use crate::model::dataset::{
    Jurisdiction, Location, Source, Tactic, TacticUse, UseStatus, TACTICS,
};
use crate::model::fast_hash::{self, FastMap, FastSet};
use crate::model::json::Node;

impl Validator<'_> {
    /// Ids, then references between collections: the checks both paths share. `root` is the
    /// positioned tree on the located path, None on the fast path.
    pub(super) fn between_entries(&mut self, root: Option<&Node>, e: &Entries<'_, '_>) {
        let source_ids = self.unique_ids(&e.sources, |s| &s.id);
        let tactic_ids = self.unique_ids(&e.tactics, |t| &t.id);
        let place_ids = self.unique_ids(&e.jurisdictions, |j| &j.id);
        self.unique_ids(&e.series, |s| &s.id);
        self.unique_ids(&e.events, |e| &e.id);
        self.unique_ids(&e.resources, |r| &r.id);
        let search_ids = self.unique_ids(&e.searches, |s| &s.id);
        let known = Known {
            sources: &source_ids,
            tactics: &tactic_ids,
            places: &place_ids,
            searches: &search_ids,
        };
        for s in &e.sources {
            self.check_source_dates(s);
        }
        let tactics_at = root.map_or(0, |r| r.get("tactics").map_or(r.offset, |n| n.offset));
        self.check_tactics(tactics_at, &e.tactics);
        for t in &e.tactics {
            for (k, n) in t.value.national.iter().enumerate() {
                let path = || format!("{}.national[{k}].source", t.path());
                let offset = t.at_elem("national", k);
                self.source_ref(&known, path, offset, &n.source);
            }
        }
        for j in &e.jurisdictions {
            self.check_place(&known, j);
        }
        self.check_uses(&known, &e.uses);
        self.check_series_and_events(&known, e);
    }

    pub(super) fn check_series_and_events(&mut self, known: &Known<'_>, e: &Entries<'_, '_>) {
        for s in &e.series {
            let path = || format!("{}.place", s.path());
            self.place_ref(known, path, s.at("place"), &s.value.place);
            for (k, o) in s.value.observations.iter().enumerate() {
                let path = || format!("{}.observations[{k}].source", s.path());
                let offset = s.at_elem("observations", k);
                self.source_ref(known, path, offset, &o.source);
            }
        }
        for ev in &e.events {
            let path = || format!("{}.place", ev.path());
            self.place_ref(known, path, ev.at("place"), &ev.value.place);
            self.source_list(known, ev, "sources", &ev.value.sources, true);
            for (k, t) in ev.value.tactics.iter().enumerate() {
                let path = || format!("{}.tactics[{k}]", ev.path());
                self.tactic_ref(known, path, ev.at_elem("tactics", k), t);
            }
        }
        for r in &e.resources {
            if let Some(place) = &r.value.place {
                let path = || format!("{}.place", r.path());
                self.place_ref(known, path, r.at("place"), place);
            }
        }
    }

    pub(super) fn unique_ids<'v, T>(
        &mut self,
        items: &[Item<'_, 'v, T>],
        id: impl Fn(&'v T) -> &'v String,
    ) -> FastSet<&'v str> {
        let mut seen = fast_hash::set(items.len());
        for item in items {
            let value = id(item.value);
            if value.is_empty() {
                self.error(
                    &format!("{}.id", item.path()),
                    item.at("id"),
                    "the id is empty",
                );
            } else if !seen.insert(value.as_str()) {
                let msg = format!("duplicate id \"{}\"", shorten(value));
                self.error(&format!("{}.id", item.path()), item.at("id"), msg);
            }
        }
        seen
    }

    pub(super) fn check_tactics(&mut self, tactics_at: usize, tactics: &[Item<'_, '_, Tactic>]) {
        for t in tactics {
            match TACTICS.iter().find(|(id, _)| *id == t.value.id) {
                None => {
                    let msg = format!("unknown tactic id \"{}\"", shorten(&t.value.id));
                    self.error(&format!("{}.id", t.path()), t.at("id"), msg);
                }
                Some((_, name)) if *name != t.value.name => {
                    let msg = format!("the name of \"{}\" must be \"{name}\"", t.value.id);
                    self.error(&format!("{}.name", t.path()), t.at("name"), msg);
                }
                Some(_) => {}
            }
        }
        for (id, _) in TACTICS {
            if !tactics.iter().any(|t| t.value.id == id) {
                self.error(
                    "$.tactics",
                    tactics_at,
                    format!("tactic \"{id}\" is missing"),
                );
            }
        }
    }

    /// A publication date must say whether the source shows it or it is our estimate, so an
    /// estimate is never presented as exact.
    pub(super) fn check_source_dates(&mut self, s: &Item<'_, '_, Source>) {
        let v = &s.value;
        match (&v.published, v.published_basis) {
            (Some(_), None) => {
                let msg = "a \"published\" date needs \"published_basis\": \"shown\" when the \
                           source shows the date, \"estimated\" when it is your estimate";
                self.error(&format!("{}.published", s.path()), s.at("published"), msg);
            }
            (None, Some(_)) => {
                let msg = "\"published_basis\" is given but \"published\" is not";
                let path = format!("{}.published_basis", s.path());
                self.error(&path, s.at("published_basis"), msg);
            }
            _ => {}
        }
        if v.kind.is_none() {
            let msg =
                "a source needs a \"kind\": \"primary\" (police, sheriff, prosecutor, court, \
                       government, or news reporting of the event) or \"compilation\" (a page or \
                       report that summarises other sources, such as Demand Forum's narratives)";
            self.error(&s.path(), s.offset(), msg);
        }
    }

    pub(super) fn check_place(&mut self, known: &Known<'_>, j: &Item<'_, '_, Jurisdiction>) {
        let p = &j.value;
        if let Some(state) = &p.state {
            if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
                let msg = format!("\"{}\" is not a two-letter state code", shorten(state));
                self.error(&format!("{}.state", j.path()), j.at("state"), msg);
            }
        }
        if let Some(pop) = &p.population {
            let offset = j.node.map_or(0, |node| {
                node.get("population").map_or(node.offset, |n| {
                    n.get("source").map_or(n.offset, |s| s.offset)
                })
            });
            self.source_ref(
                known,
                || format!("{}.population.source", j.path()),
                offset,
                &pop.source,
            );
        }
        if let Some(loc) = &p.location {
            self.check_location(known, j, loc);
        }
        for (k, parent) in p.parents.iter().enumerate() {
            let path = || format!("{}.parents[{k}]", j.path());
            self.place_ref(known, path, j.at_elem("parents", k), parent);
        }
        for (g, group) in p.sources.iter().enumerate() {
            for (k, id) in group.sources.iter().enumerate() {
                let path = || format!("{}.sources[{g}].sources[{k}]", j.path());
                self.source_ref(known, path, j.at_elem("sources", g), id);
            }
        }
    }

    pub(super) fn check_location(
        &mut self,
        known: &Known<'_>,
        j: &Item<'_, '_, Jurisdiction>,
        loc: &Location,
    ) {
        let node = j.node.and_then(|n| n.get("location"));
        let at = |field: &str| {
            node.and_then(|n| n.get(field))
                .or(node)
                .map_or(j.offset(), |n| n.offset)
        };
        if !(-90.0..=90.0).contains(&loc.lat) {
            let msg = format!("latitude {} is outside -90..=90", loc.lat);
            self.error(&format!("{}.location.lat", j.path()), at("lat"), msg);
        }
        if !(-180.0..=180.0).contains(&loc.lon) {
            let msg = format!("longitude {} is outside -180..=180", loc.lon);
            self.error(&format!("{}.location.lon", j.path()), at("lon"), msg);
        }
        let path = || format!("{}.location.source", j.path());
        self.source_ref(known, path, at("source"), &loc.source);
    }

    pub(super) fn check_uses(&mut self, known: &Known<'_>, uses: &[Item<'_, '_, TacticUse>]) {
        let mut pairs: FastMap<(&str, &str), usize> = fast_hash::map(uses.len());
        for u in uses {
            let v = &u.value;
            self.place_ref(
                known,
                || format!("{}.place", u.path()),
                u.at("place"),
                &v.place,
            );
            self.tactic_ref(
                known,
                || format!("{}.tactic", u.path()),
                u.at("tactic"),
                &v.tactic,
            );
            if let Some(first) = pairs.insert((&v.place, &v.tactic), u.i) {
                let first = format!("$.{}[{first}]", u.coll);
                let msg = format!("a second entry for this place and tactic (first at {first})");
                self.error(&u.path(), u.offset(), msg);
            }
            if let (Some(a), Some(b)) = (v.first_year, v.last_year) {
                if a > b {
                    let msg = format!("first_year {a} is after last_year {b}");
                    self.error(&format!("{}.first_year", u.path()), u.at("first_year"), msg);
                }
            }
            self.check_use_years(u);
            match v.status {
                UseStatus::Used => self.source_list(known, u, "sources", &v.sources, true),
                UseStatus::NotFound => self.check_not_found(known, u),
            }
        }
    }

    /// Listed evidence years must lie within first_year..=last_year when those are given.
    pub(super) fn check_use_years(&mut self, u: &Item<'_, '_, TacticUse>) {
        let v = &u.value;
        for (k, &y) in v.years.iter().enumerate() {
            let before = v.first_year.is_some_and(|a| y < a);
            let after = v.last_year.is_some_and(|b| y > b);
            if before || after {
                let msg = format!("year {y} is outside first_year..=last_year");
                self.error(
                    &format!("{}.years[{k}]", u.path()),
                    u.at_elem("years", k),
                    msg,
                );
            }
        }
    }

    /// A "not found" says when someone looked, and what they searched: a note, a source
    /// that was searched, or a documented search in `searches`.
    pub(super) fn check_not_found(&mut self, known: &Known<'_>, u: &Item<'_, '_, TacticUse>) {
        let v = &u.value;
        if v.checked.is_none() {
            let msg = "\"not_found\" needs the date it was checked (\"checked\")";
            self.error(&u.path(), u.offset(), msg);
        }
        let has_note = v.note.as_deref().is_some_and(|n| !n.trim().is_empty());
        if !has_note && v.sources.is_empty() && v.search.is_none() {
            let msg = "\"not_found\" must say what was searched: give a \"note\", the \
                       \"sources\" that were searched, or the id of a documented search in \
                       \"search\"; if nobody searched, leave the entry out (not researched)";
            self.error(&u.path(), u.offset(), msg);
        }
        if let Some(id) = &v.search {
            if !known.searches.contains(id.as_str()) {
                let msg = format!("search \"{}\" does not exist in \"searches\"", shorten(id));
                self.error(&format!("{}.search", u.path()), u.at("search"), msg);
            }
        }
        self.source_list(known, u, "sources", &v.sources, false);
    }

    pub(super) fn source_list<T>(
        &mut self,
        known: &Known<'_>,
        item: &Item<'_, '_, T>,
        field: &str,
        ids: &[String],
        required: bool,
    ) {
        if required && ids.is_empty() {
            let msg = "a figure without a source: name at least one source id";
            self.error(&format!("{}.{field}", item.path()), item.at(field), msg);
        }
        for (k, id) in ids.iter().enumerate() {
            let path = || format!("{}.{field}[{k}]", item.path());
            self.source_ref(known, path, item.at_elem(field, k), id);
        }
    }

    pub(super) fn source_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.sources.contains(id) {
            let msg = format!("source \"{}\" does not exist in \"sources\"", shorten(id));
            self.error(&path(), offset, msg);
        }
    }

    pub(super) fn place_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.places.contains(id) {
            let msg = format!("jurisdiction \"{}\" does not exist", shorten(id));
            self.error(&path(), offset, msg);
        }
    }

    pub(super) fn tactic_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.tactics.contains(id) || !TACTICS.iter().any(|(t, _)| *t == id) {
            let msg = format!("unknown tactic id \"{}\"", shorten(id));
            self.error(&path(), offset, msg);
        }
    }
}

pub(super) struct Known<'a> {
    sources: &'a FastSet<&'a str>,
    tactics: &'a FastSet<&'a str>,
    places: &'a FastSet<&'a str>,
    searches: &'a FastSet<&'a str>,
}
