//! Colours, marker shapes and font sizes: what tells series apart and keeps text legible.

use plotters::prelude::*;

/// Okabe-Ito colours with at least 3:1 contrast against white (WCAG 1.4.11); orange, sky blue
/// and yellow are too pale on white, so the light theme cycles through five and relies on
/// marker shapes beyond that.
const LIGHT_PALETTE: [RGBColor; 5] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x00, 0x00),
];
/// Okabe-Ito colours with at least 3:1 contrast against the dark background.
const DARK_PALETTE: [RGBColor; 7] = [
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x72, 0xB2),
];

pub(crate) struct Theme {
    pub(crate) bg: RGBColor,
    /// Text and axes (AA against `bg`).
    pub(crate) fg: RGBColor,
    /// Event lines and labels (AA against `bg`).
    pub(crate) muted: RGBColor,
    /// Grid lines (decorative).
    pub(crate) grid: RGBColor,
    pub(crate) palette: &'static [RGBColor],
}

pub(crate) fn theme(dark: bool) -> Theme {
    if dark {
        Theme {
            bg: RGBColor(0x16, 0x18, 0x1d),
            fg: RGBColor(0xe8, 0xea, 0xed),
            muted: RGBColor(0xb4, 0xba, 0xc2),
            grid: RGBColor(0x3a, 0x3f, 0x47),
            palette: &DARK_PALETTE,
        }
    } else {
        Theme {
            bg: RGBColor(0xff, 0xff, 0xff),
            fg: RGBColor(0x1b, 0x1f, 0x24),
            muted: RGBColor(0x4f, 0x57, 0x61),
            grid: RGBColor(0xdd, 0xe1, 0xe6),
            palette: &LIGHT_PALETTE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Circle,
    Square,
    Triangle,
    Diamond,
    /// A further source's figure for a period that already has one.
    Cross,
}

const SERIES_MARKS: [Mark; 4] = [Mark::Circle, Mark::Square, Mark::Triangle, Mark::Diamond];

impl Theme {
    /// The `i`th series' colour: the palette repeats, so the marks tell such series apart.
    pub(crate) fn series_colour(&self, i: usize) -> RGBColor {
        self.palette[i % self.palette.len()]
    }
}

/// The `i`th series' mark shape.
pub(crate) fn series_mark(i: usize) -> Mark {
    SERIES_MARKS[i % SERIES_MARKS.len()]
}

/// Font size in CSS pixels: 13 at 390 wide, 14 at 960, growing slowly beyond.
pub(crate) fn font_px(width: u32) -> f64 {
    ((12.0 + f64::from(width) / 480.0).clamp(13.0, 16.0) * 2.0).round() / 2.0
}

pub(crate) fn font(px: f64) -> FontDesc<'static> {
    // plotters' SVG backend writes `font-size = size / 1.24`.
    ("sans-serif", px * 1.24).into_font()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tactics_core::markup::colour::contrast;

    fn rgb(c: RGBColor) -> (u8, u8, u8) {
        (c.0, c.1, c.2)
    }

    /// Every palette colour, not only those a test chart happens to draw, meets 3:1 (WCAG
    /// 1.4.11), and text and event colours meet 4.5:1 (WCAG 1.4.3).
    #[test]
    fn every_theme_colour_has_enough_contrast() {
        for dark in [false, true] {
            let t = theme(dark);
            let bg = rgb(t.bg);
            assert!(contrast(rgb(t.fg), bg) >= 4.5, "fg (dark={dark})");
            assert!(contrast(rgb(t.muted), bg) >= 4.5, "muted (dark={dark})");
            for c in t.palette {
                assert!(contrast(rgb(*c), bg) >= 3.0, "{c:?} (dark={dark})");
            }
        }
    }

    #[test]
    fn font_grows_with_width_within_bounds() {
        assert_eq!(font_px(390), 13.0);
        assert_eq!(font_px(960), 14.0);
        assert_eq!(font_px(4000), 16.0);
    }
}
