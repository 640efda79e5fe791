//! Colour arithmetic for the accent parameter: whatever colour a host page asks for, text
//! on it and links in it keep WCAG AA contrast (4.5:1).

/// Page backgrounds of the light and dark themes (see public/app.css).
pub const LIGHT_BG: (u8, u8, u8) = (0xff, 0xff, 0xff);
pub const DARK_BG: (u8, u8, u8) = (0x16, 0x18, 0x1d);
pub const AA: f64 = 4.5;

pub fn parse_hex(hex: &str) -> Option<(u8, u8, u8)> {
    let hex = hex.trim_start_matches('#');
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn mix(c: (u8, u8, u8), toward: (u8, u8, u8), t: f64) -> (u8, u8, u8) {
    let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    (m(c.0, toward.0), m(c.1, toward.1), m(c.2, toward.2))
}

/// Moves `c` toward black or white in small steps until it reaches AA against `bg`.
fn until_aa(c: (u8, u8, u8), bg: (u8, u8, u8), toward: (u8, u8, u8)) -> (u8, u8, u8) {
    (0..=20)
        .map(|i| mix(c, toward, f64::from(i) / 20.0))
        .find(|&m| contrast(m, bg) >= AA)
        .unwrap_or(toward)
}

pub fn to_hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The accent adjusted for the light theme (darkened as needed) and the dark theme
/// (lightened as needed), or None when `hex` is not a colour.
pub fn accessible_accent(hex: &str) -> Option<(String, String)> {
    let c = parse_hex(hex)?;
    let light = until_aa(c, LIGHT_BG, (0, 0, 0));
    let dark = until_aa(c, DARK_BG, (255, 255, 255));
    Some((to_hex(light), to_hex(dark)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_accent_meets_aa_on_both_themes() {
        for hex in ["ffff00", "000000", "ffffff", "0b6e4f", "e69f00", "7f7f7f"] {
            let (light, dark) = accessible_accent(hex).expect("valid colour");
            let light = parse_hex(&light).expect("hex");
            let dark = parse_hex(&dark).expect("hex");
            assert!(contrast(light, LIGHT_BG) >= AA, "{hex} on light");
            assert!(contrast(dark, DARK_BG) >= AA, "{hex} on dark");
        }
    }

    #[test]
    fn a_dark_enough_colour_is_kept() {
        assert_eq!(
            accessible_accent("0b6e4f").map(|p| p.0).as_deref(),
            Some("#0b6e4f")
        );
        assert_eq!(accessible_accent("nope"), None);
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    }
}
