//! The SVG document around plotters' output: `role="img"` and a `<title>` and `<desc>` with
//! stable ids, so a screen reader announces the chart by name and description.

use tactics_core::markup::text::escape as escape_xml;

/// Inserts `role="img"`, `aria-labelledby`, `<title>` and `<desc>` into plotters' output.
pub(crate) fn add_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let mut key = String::with_capacity(title.len() + desc.len() + 1);
    key.push_str(title);
    key.push('\u{1f}');
    key.push_str(desc);
    let id = format!("chart-{}-{:08x}", slug(title), fnv(key.as_bytes()));
    let (Some(start), Some(open_end)) = (svg.find("<svg"), svg.find('>')) else {
        return svg.to_string();
    };
    if open_end < start {
        return svg.to_string();
    }
    format!(
        "{}<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"{}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        &svg[..start],
        &svg[start + 4..open_end],
        escape_xml(title),
        escape_xml(desc),
        &svg[open_end + 1..]
    )
}

/// Lower-case ASCII letters and digits joined by single hyphens, at most 40 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= 40 {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out.to_string()
    }
}

/// A small stable hash for element ids (FNV-1a, 32 bit).
fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}
