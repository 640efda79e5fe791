//! The chart as a file that stands on its own once pasted elsewhere: the drawing with its
//! title, unit, sources, credit and as-of date written into the picture as text (not only in
//! `<title>` and `<desc>`, which an image viewer or a slide does not show), on an opaque
//! background, so a PNG made from it says the same.

use tactics_core::markup::text::escape;

/// What is written around the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub title: String,
    pub unit: String,
    /// "Source: …" (the sources of the figures drawn).
    pub sources: String,
    /// Who made the data and how to cite it.
    pub credit: String,
    /// "Data as of 2026-11-22, version 1.1.0".
    pub as_of: String,
}

const TITLE_SIZE: u32 = 16;
const TEXT_SIZE: u32 = 12;
const PAD: u32 = 12;

/// Lines of at most about `width` pixels of `size`-pixel sans-serif text (an estimate: the
/// file has no fonts to measure with; a wide glyph average keeps lines inside the picture).
fn wrap(text: &str, width: u32, size: u32) -> Vec<String> {
    let per_line =
        ((width.saturating_sub(2 * PAD)) as f32 / (size as f32 * 0.6)).max(10.0) as usize;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= per_line;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width and height attributes of an SVG's opening tag.
fn size_of(svg: &str) -> Option<(u32, u32)> {
    let head = &svg[svg.find("<svg")?..];
    let head = &head[..head.find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = head.find(&format!(" {name}=\""))? + name.len() + 3;
        head[at..].split('"').next()?.parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// `svg` (the drawing, as [`crate::render_svg`] makes it) inside a picture that also shows the
/// caption as text: title and unit above, sources, credit and as-of date below.
pub fn standalone_svg(svg: &str, caption: &Caption, dark: bool) -> String {
    let Some((width, height)) = size_of(svg) else {
        return svg.to_string();
    };
    let (bg, fg, muted) = if dark {
        ("#16181d", "#e8eaed", "#b4bac2")
    } else {
        ("#ffffff", "#1b1f24", "#4f5761")
    };
    let title = wrap(&caption.title, width, TITLE_SIZE);
    let unit = wrap(&format!("Unit: {}", caption.unit), width, TEXT_SIZE);
    let below: Vec<String> = [&caption.sources, &caption.credit, &caption.as_of]
        .iter()
        .filter(|t| !t.is_empty())
        .flat_map(|t| wrap(t, width, TEXT_SIZE))
        .collect();
    let top =
        PAD + title.len() as u32 * line(TITLE_SIZE) + unit.len() as u32 * line(TEXT_SIZE) + PAD / 2;
    let bottom = PAD / 2 + below.len() as u32 * line(TEXT_SIZE) + PAD;
    let total = top + height + bottom;
    let mut pen = Pen {
        out: format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" \
             font-family=\"sans-serif\"><rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>"
        ),
        y: PAD,
    };
    for l in &title {
        pen.text(l, TITLE_SIZE, fg, " font-weight=\"bold\"", "caption-title");
    }
    for l in &unit {
        pen.text(l, TEXT_SIZE, muted, "", "caption-unit");
    }
    // The drawing, placed below the title: its own <svg> with an offset.
    let inner = svg.replacen("<svg", &format!("<svg x=\"0\" y=\"{top}\""), 1);
    pen.out.push_str(&inner);
    pen.y = top + height + PAD / 2;
    for l in &below {
        pen.text(l, TEXT_SIZE, muted, "", "caption-credit");
    }
    pen.out.push_str("</svg>");
    pen.out
}

/// Writes lines of text down the picture.
struct Pen {
    out: String,
    /// The top of the next line.
    y: u32,
}

impl Pen {
    fn text(&mut self, s: &str, size: u32, colour: &str, extra: &str, class: &str) {
        self.y += size;
        self.out.push_str(&format!(
            "<text class=\"{class}\" x=\"{PAD}\" y=\"{}\" font-size=\"{size}\" fill=\"{colour}\"{extra}>{}</text>",
            self.y,
            escape(s)
        ));
        self.y += line(size) - size;
    }
}

/// The height of a line of `size`-pixel text.
fn line(size: u32) -> u32 {
    size + size / 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_inside_the_width_and_keeps_every_word() {
        let text = "Source: Montana Department of Justice annual reports; National Human Trafficking Hotline state pages; news reports";
        let lines = wrap(text, 390, TEXT_SIZE);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines
            .iter()
            .all(|l| l.chars().count() as f32 * 7.2 <= 390.0));
    }

    #[test]
    fn the_caption_is_drawn_as_text_around_the_drawing() {
        let drawing = "<svg width=\"400\" height=\"200\" viewBox=\"0 0 400 200\" xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>";
        let caption = Caption {
            title: "Cases <reported>".into(),
            unit: "cases".into(),
            sources: "Source: A report".into(),
            credit: "Cite as: Us".into(),
            as_of: "Data as of 2026-11-22, version 1".into(),
        };
        let out = standalone_svg(drawing, &caption, false);
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\""));
        for want in [
            ">Cases &lt;reported&gt;</text>",
            ">Unit: cases</text>",
            ">Source: A report</text>",
            ">Cite as: Us</text>",
            ">Data as of 2026-11-22, version 1</text>",
            "<svg x=\"0\" y=\"",
        ] {
            assert!(out.contains(want), "{want} in {out}");
        }
        let (_, h) = size_of(&out).unwrap_or((0, 0));
        assert!(h > 200, "taller than the drawing: {h}");
        assert!(out.ends_with("</text></svg>"));
        let drawing_end = out.find("<rect/></svg>").unwrap_or(usize::MAX);
        assert!(
            drawing_end < out.find(">Cite as: Us<").unwrap_or(0),
            "credit below"
        );
    }
}
