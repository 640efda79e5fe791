//! The map's colours for the light and dark themes (the app's page backgrounds), chosen from
//! the Okabe-Ito colour-blind-safe set; marks also differ by shape and fill, never by colour
//! alone. The tests check WCAG contrast: 3:1 for graphics, 4.5:1 for text.

pub type Rgb = (u8, u8, u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// Every colour the map draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The page background behind the map (public/app.css `--bg`).
    pub background: Rgb,
    /// Fill of the states drawn.
    pub land: Rgb,
    pub state_line: Rgb,
    /// County lines: context, drawn thinner.
    pub county_line: Rgb,
    /// Fill of a matching mark.
    pub mark: Rgb,
    /// The number or tick on a matching mark.
    pub mark_text: Rgb,
    /// Outline of a mark outside the filters (hollow, thinner).
    pub faint: Rgb,
    /// Place names and legend text.
    pub text: Rgb,
    /// Focus ring of the focused mark; drawn with a gap around the mark, so it is seen
    /// against the land, not against the mark.
    pub focus: Rgb,
}

pub const LIGHT: Palette = Palette {
    background: (0xff, 0xff, 0xff),
    land: (0xf4, 0xf6, 0xf8),
    state_line: (0x5f, 0x68, 0x73),
    county_line: (0xa9, 0xb0, 0xb8),
    mark: (0x00, 0x72, 0xb2),
    mark_text: (0xff, 0xff, 0xff),
    faint: (0x5f, 0x68, 0x73),
    text: (0x1b, 0x1f, 0x24),
    focus: (0x1b, 0x1f, 0x24),
};

pub const DARK: Palette = Palette {
    background: (0x16, 0x18, 0x1d),
    land: (0x22, 0x26, 0x2d),
    state_line: (0x9a, 0xa3, 0xad),
    county_line: (0x55, 0x5d, 0x68),
    mark: (0x56, 0xb4, 0xe9),
    mark_text: (0x16, 0x18, 0x1d),
    faint: (0x9a, 0xa3, 0xad),
    text: (0xe8, 0xea, 0xed),
    focus: (0xff, 0xff, 0xff),
};

impl Theme {
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// WCAG relative luminance and contrast ratio (1 to 21), as the core computes them for the
/// app's accent colour.
pub use tactics_core::markup::colour::{contrast, luminance};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_gives_the_known_extremes() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn graphics_reach_3_to_1_and_text_4_5_to_1_in_both_themes() {
        for (theme, p) in [("light", LIGHT), ("dark", DARK)] {
            for (what, fg, min) in [
                ("state line", p.state_line, 3.0),
                ("mark", p.mark, 3.0),
                ("faint mark", p.faint, 3.0),
                ("focus ring", p.focus, 3.0),
                ("text", p.text, 4.5),
            ] {
                for (on, bg) in [("land", p.land), ("background", p.background)] {
                    let c = contrast(fg, bg);
                    assert!(c >= min, "{theme}: {what} on {on} is {c:.2}:1");
                }
            }
            let c = contrast(p.mark_text, p.mark);
            assert!(c >= 4.5, "{theme}: number on mark is {c:.2}:1");
        }
    }

    #[test]
    fn county_lines_stay_quieter_than_state_lines() {
        for p in [LIGHT, DARK] {
            assert!(contrast(p.county_line, p.land) < contrast(p.state_line, p.land));
            assert!(contrast(p.county_line, p.land) >= 1.5);
        }
    }
}
