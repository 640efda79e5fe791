//! Small helpers for writing SVG text safely: data text can be hostile, so every text and
//! attribute goes through `escape` (the core's, shared with the rest of the app: it also
//! drops the characters XML cannot hold), and numbers are written short.

pub use tactics_core::markup::text::escape;

/// A number with at most one decimal, without a trailing ".0". Written from integer tenths,
/// so the drawing code needs no float formatting (smaller wasm).
pub fn num(v: f64) -> String {
    let tenths = if v.is_finite() {
        (v * 10.0).round() as i64
    } else {
        0
    };
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, frac) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// Splits text into lines of at most `max` characters at spaces (a longer word stays whole).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_open_markup() {
        let s = escape("<script>\"a\" & 'b'</script>\u{1}\u{fffe}\u{ffff}");
        assert_eq!(
            s,
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-3.25), "-3.3");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let lines = wrap(
            "Boundaries: U.S. Census Bureau cartographic boundary files",
            30,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 30));
        assert_eq!(
            lines.join(" "),
            "Boundaries: U.S. Census Bureau cartographic boundary files"
        );
    }
}
