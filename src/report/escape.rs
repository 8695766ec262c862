//! Making hostile text safe for each output medium: terminal control
//! characters stripped, spreadsheet formulas neutralised, HTML escaped. Names,
//! companies and evidence all come from inputs and go through here.

use crate::error::{is_bidi_control, is_terminal_control};

/// Replaces terminal control characters (escape sequences, bells, newlines)
/// and bidirectional overrides with spaces.
#[must_use]
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| if is_terminal_control(c) { ' ' } else { c })
        .collect()
}

/// Neutralises a text cell a spreadsheet would run as a formula (`=`, `+`,
/// `-`, `@`, tab, carriage return, also after leading spaces) by prefixing an
/// apostrophe.
#[must_use]
pub fn csv_safe(text: &str) -> String {
    match text.trim_start_matches(' ').chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// Escapes text for HTML element content and quoted attribute values;
/// bidirectional overrides and isolates, which a browser obeys, are dropped.
#[must_use]
pub fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => escaped.push(' '),
            c if is_bidi_control(c) => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("+1"), "'+1");
        assert_eq!(csv_safe("-2"), "'-2");
        assert_eq!(csv_safe("  =1+1"), "'  =1+1");
        assert_eq!(csv_safe("Ana"), "Ana");
    }

    #[test]
    fn terminal_output_drops_control_characters() {
        assert_eq!(terminal_safe("Ana\u{1b}[31mRed\u{7}"), "Ana [31mRed ");
        assert_eq!(terminal_safe("abc\u{202e}fed"), "abc fed");
    }

    #[test]
    fn html_markup_becomes_text() {
        assert_eq!(
            html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(html_escape("abc\u{202e}fed\u{2066}x\u{2069}"), "abcfedx");
    }
}
