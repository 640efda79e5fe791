//! The profile HTML: everything the profile said as views is there, every figure names its
//! source, text from the data stays text and only http(s) links become links.
#![cfg(not(target_arch = "wasm32"))]

use tactics_core::markup::profile::{missing_html, profile_html, Options};
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::model::validate::check;
use tactics_core::query::filter::Filter;

const SMALL: &str = include_str!("../../../tests/fixtures/small.json");
const BUNDLED: &str = include_str!("../../../public/data/dataset.json");

fn load(text: &str) -> (Dataset, Index) {
    let ds = check(text, 2027).dataset.expect("dataset");
    let index = ds.index();
    (ds, index)
}

fn profile(ds: &Dataset, index: &Index, id: &str, filter: &Filter) -> String {
    let opts = Options {
        filter,
        download: true,
        charts: true,
    };
    profile_html(ds, index, id, &opts).expect("a profile")
}

#[test]
fn the_profile_has_every_section_in_order() {
    let (ds, index) = load(SMALL);
    let out = profile(&ds, &index, "alpha-mt", &Filter::default());
    let parts = [
        "<div class=\"profile-head\"><h2 id=\"profile-title\" tabindex=\"-1\">Alpha</h2>",
        "<button type=\"button\" class=\"close\" data-action=\"close\">Close profile</button>",
        // Jump links first, then what the place has documented.
        "<nav class=\"jump\" aria-label=\"Parts of this profile\"><ul>\
         <li><a href=\"#profile-tactics\">Tactics</a></li>\
         <li><a href=\"#profile-timeline\">Timeline</a></li>\
         <li><a href=\"#charts\">Charts</a></li>\
         <li><a href=\"#profile-sources\">Sources</a></li></ul></nav>",
        "<h3 id=\"profile-tactics\" tabindex=\"-1\">Tactics documented (2 of 15)</h3><ul class=\"tactic-list\">",
        "<li><strong>John School</strong> (2016–2024; documented by a primary source) <span class=\"refs\">Source",
        "<p class=\"summary\">A test city.</p>",
        "<dl class=\"facts\"><dt>Kind</dt><dd>City</dd><dt>State</dt><dd>MT</dd>",
        "<dt>Population</dt><dd>74,822 (2020; Source A).</dd>",
        "<dt>Part of</dt><dd>Gamma County</dd></dl>",
        "<h3>Key partners</h3><ul><li>Alpha Police Department</li></ul>",
        "<h3 id=\"profile-timeline\" tabindex=\"-1\">Timeline</h3><ol class=\"timeline\"><li><time datetime=\"2016-05\">2016-05</time> Sting — Web sting. A test sting. 6 arrests.<ul class=\"sources\">",
        "<h3>Reported figures</h3><ul><li><button type=\"button\" class=\"link\" data-series=\"alpha-cases\">Cases in Alpha</button></li></ul>",
        "<h3 id=\"profile-sources\" tabindex=\"-1\">Sources of the documented tactics</h3><ol class=\"sources numbered\"><li id=\"profile-src-1\" tabindex=\"-1\">",
        "(primary source)</span><br><span class=\"backs\">Backs: ",
        "<h3>Sources by topic</h3><h4>Stings</h4><ul class=\"sources\">",
        "<p><button type=\"button\" data-testid=\"profile-download\" data-action=\"download\">",
    ];
    let mut at = 0;
    for part in parts {
        let found = out[at..].find(part);
        assert!(found.is_some(), "missing or out of order: {part}\n{out}");
        at += found.unwrap_or(0) + part.len();
    }
    // The tactic that was searched and not found is not listed as used.
    assert!(!out.contains("Auto Seizure"), "{out}");
}

#[test]
fn sections_without_data_are_left_out() {
    let (ds, index) = load(SMALL);
    let opts = Options {
        filter: &Filter::default(),
        download: false,
        charts: true,
    };
    let out = profile_html(&ds, &index, "gamma-county-mt", &opts).expect("a profile");
    assert!(
        out.contains("<dt>Population</dt><dd>Not in the data</dd>"),
        "{out}"
    );
    assert!(out.contains("Tactics documented (0 of 15)</h3><ul class=\"tactic-list\"></ul>"));
    for absent in [
        "profile-sources",
        "profile-timeline",
        "Part of",
        "Key partners",
        "Sources by topic",
        "Timeline",
        "Reported figures",
        "Download",
    ] {
        assert!(!out.contains(absent), "{absent}: {out}");
    }
}

#[test]
fn every_figure_names_its_source() {
    let (ds, index) = load(BUNDLED);
    for place in &ds.jurisdictions {
        let out = profile(&ds, &index, &place.id, &Filter::default());
        if let Some(p) = &place.population {
            let title = &ds
                .source(&index, &p.source)
                .expect("population source")
                .title;
            let escaped = tactics_core::markup::text::escape(title);
            assert!(
                out.contains(&format!("; {escaped}).")) || out.contains(&format!("({escaped}).")),
                "{}: {out}",
                place.id
            );
        }
        // Each used tactic names the numbers of its sources, each number leads to one listed
        // source that says it backs that tactic; each event (behind a content note or not)
        // carries its list of sources, none empty. The help lines are ways to get help, not
        // figures.
        let out = match out.find("<h3>Help lines</h3>") {
            Some(at) => {
                let end = out[at..].find("</ul>").map_or(out.len(), |e| at + e + 5);
                format!("{}{}", &out[..at], &out[end..])
            }
            None => out,
        };
        for item in out.split("<li><strong>").skip(1) {
            let end = item.find("</li>").expect("the end of the tactic's item");
            let item = &item[..end];
            let name = &item[..item.find("</strong>").expect("a tactic name")];
            let refs = item.split("href=\"#profile-src-").skip(1);
            let mut n = 0;
            for r in refs {
                n += 1;
                let num = &r[..r.find('"').expect("a number")];
                let at = out
                    .find(&format!("<li id=\"profile-src-{num}\""))
                    .unwrap_or_else(|| panic!("{}: source {num} is listed", place.id));
                let listed = &out[at..at + out[at..].find("</li>").expect("its end")];
                assert!(
                    listed.contains("<a ") || listed.contains("<span>"),
                    "{listed}"
                );
                let backs = &listed[listed.find("Backs: ").expect("what it backs")..];
                assert!(backs.contains(name), "{}: {name} in {listed}", place.id);
            }
            assert!(n > 0, "{}: {item}", place.id);
        }
        for item in out
            .split("<li><time")
            .skip(1)
            .chain(out.split("<summary><time").skip(1))
        {
            let end = item.find("</ul>").expect("a source list");
            assert!(
                item[..end].contains("<ul class=\"sources\"><li>"),
                "{}: {item}",
                place.id
            );
        }
    }
}

#[test]
fn a_source_of_several_tactics_is_listed_once_with_the_tactics_it_backs() {
    let (ds, index) = load(BUNDLED);
    let out = profile(&ds, &index, "missoula-mt", &Filter::default());
    let at = out.find("id=\"profile-sources\"").expect("a sources list");
    let end = at + out[at..].find("</ol>").expect("its end");
    let list = &out[at..end];
    // No source is listed twice, and none is listed under a tactic any more.
    let mut hrefs: Vec<&str> = list
        .split("<a href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap_or(0)])
        .collect();
    let all = hrefs.len();
    hrefs.sort_unstable();
    hrefs.dedup();
    assert_eq!(hrefs.len(), all, "{list}");
    let start = out.find("tactic-list").expect("tactics");
    let tactics = &out[start..start + out[start..].find("</ul>").expect("its end")];
    assert!(!tactics.contains("<ul class=\"sources\">"), "{tactics}");
    // At least one of Missoula's documents backs several tactics, and says which.
    assert!(
        list.split("Backs: ")
            .skip(1)
            .any(|b| b[..b.find('<').unwrap_or(b.len())].contains(", ")),
        "{list}"
    );
    // What the place documented comes before its summary and facts.
    let summary = out.find("<p class=\"summary\">").expect("a summary");
    assert!(out.find("id=\"profile-tactics\"").expect("tactics") < summary);
}

#[test]
fn text_from_the_data_stays_text() {
    let hostile = "<img src=x onerror=alert(1)>\"'&";
    let (mut ds, index) = load(SMALL);
    let alpha = &mut ds.jurisdictions[0];
    alpha.name = format!("Alpha{hostile}");
    alpha.summary = hostile.into();
    alpha.partners = vec![hostile.into()];
    alpha.sources[0].topic = hostile.into();
    ds.sources[0].title = hostile.into();
    ds.sources[0].publisher = hostile.into();
    ds.events[0].title = hostile.into();
    ds.events[0].description = hostile.into();
    ds.series[0].name = hostile.into();
    ds.series[0].id = format!("x\"{hostile}");
    let out = profile(&ds, &index, "alpha-mt", &Filter::default());
    assert!(!out.contains("<img"), "{out}");
    assert!(out.contains("Alpha&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</h2>"));
    assert!(out.contains("data-series=\"x&quot;&lt;img"), "{out}");
    assert!(!missing_html(hostile).contains("<img"));
    assert!(missing_html("x").contains("No place with the id “x” is in this dataset."));
}

#[test]
fn only_web_links_become_links() {
    let (mut ds, index) = load(SMALL);
    ds.sources[0].url = "javascript:alert(1)".into();
    let out = profile(&ds, &index, "alpha-mt", &Filter::default());
    assert!(!out.contains("javascript:"), "{out}");
    assert!(out.contains("<span>Source A</span>"), "{out}");
    let hrefs: Vec<&str> = out.split("href=\"").skip(1).collect();
    assert!(!hrefs.is_empty());
    for h in hrefs.into_iter().filter(|h| !h.starts_with('#')) {
        assert!(h.starts_with("https://example.org/b\""), "{h}");
    }
}

#[test]
fn the_timeline_follows_the_selected_years() {
    let (ds, index) = load(SMALL);
    let years = |from, to| Filter {
        from,
        to,
        ..Filter::default()
    };
    let inside = profile(&ds, &index, "alpha-mt", &years(Some(2016), Some(2016)));
    assert!(inside.contains("Web sting"), "{inside}");
    let outside = profile(&ds, &index, "alpha-mt", &years(Some(2017), None));
    assert!(!outside.contains("Web sting"), "{outside}");
    assert!(outside.contains("Timeline</h3><ol class=\"timeline\"></ol>"));
}

#[test]
fn an_unknown_place_has_no_profile() {
    let (ds, index) = load(SMALL);
    let opts = Options {
        filter: &Filter::default(),
        download: true,
        charts: true,
    };
    assert!(profile_html(&ds, &index, "nowhere", &opts).is_none());
}

#[test]
fn entries_about_children_are_behind_a_content_note() {
    use tactics_core::markup::profile::{mentions_children, CONTENT_NOTE};
    assert!(mentions_children(
        "a classified ad offering a child for sex"
    ));
    assert!(mentions_children("Teenagers who had been trafficked"));
    assert!(mentions_children("Native women and girls."));
    assert!(!mentions_children(
        "Eighteen buyers were arrested in a three-day operation."
    ));
    let (ds, index) = load(BUNDLED);
    let out = profile(&ds, &index, "missoula-county-mt", &Filter::default());
    let noted = out
        .matches("<li class=\"noted\"><details><summary>")
        .count();
    assert!(noted >= 2, "{out}");
    assert_eq!(out.matches(CONTENT_NOTE).count(), noted);
    // The entry's words come after its note, inside the closed details.
    let timeline = out.find("Timeline</h3>").expect("a timeline");
    let sting = timeline
        + out[timeline..]
            .find("offering a child")
            .expect("the web sting is listed");
    let note = out[..sting].rfind(CONTENT_NOTE).expect("a note before it");
    assert!(!out[note..sting].contains("</details>"), "{out}");
}

#[test]
fn help_lines_list_only_ways_to_get_help() {
    let (ds, index) = load(BUNDLED);
    let out = profile(&ds, &index, "missoula-mt", &Filter::default());
    let at = out
        .find("<h3>Help lines</h3>")
        .expect("a Help lines section");
    let end = out[at..].find("</ul>").map_or(out.len(), |e| at + e);
    let section = &out[at..end];
    // Missoula's own lines and the state's (Missoula is part of Montana), each with a way to reach it.
    for name in [
        "YWCA Missoula crisis line",
        "Montana Human Trafficking Hotline",
        "Missoula Human Trafficking Task Force",
    ] {
        assert!(section.contains(name), "{section}");
    }
    assert_eq!(section.matches("<li>").count(), 3, "{section}");
    assert!(section.contains("href=\"tel:18004837858\""), "{section}");
    assert!(!section.contains("episode"), "{section}");
    assert!(
        !out.contains("<h4>Help lines</h4>"),
        "no source topic is called Help lines"
    );
}
