//! Where and what, for the skip notes of parsers that report no positions
//! (`calcard`): a cursor that finds each reported fragment in the file text,
//! moving forward only, so that a skipped record can still name its line; and
//! a short, terminal-safe excerpt of the fragment. It never parses anything.

/// A forward-only search over a file's text that knows the line it is on.
pub(super) struct LineCursor<'t> {
    text: &'t str,
    offset: usize,
    line: u64,
}

impl<'t> LineCursor<'t> {
    /// A cursor at the start of `text` (line 1).
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// Moves to the next line, from the current one, that begins like
    /// `fragment`'s first line (case-insensitive; a folded fragment is longer
    /// than its first physical line), and returns its 1-based number. Stays
    /// put and returns the last line found if none does.
    pub(super) fn find(&mut self, fragment: &str) -> u64 {
        let probe = fragment.lines().next().unwrap_or("").trim();
        if probe.is_empty() {
            return self.line;
        }
        let mut offset = self.offset;
        for (line, text_line) in (self.line..).zip(self.text[self.offset..].split_inclusive('\n')) {
            let trimmed = text_line.trim();
            let common = probe.len().min(trimmed.len());
            let same_start = common > 0
                && matches!(
                    (trimmed.get(..common), probe.get(..common)),
                    (Some(a), Some(b)) if a.eq_ignore_ascii_case(b)
                );
            offset += text_line.len();
            if same_start {
                // The next search starts after this line.
                self.offset = offset;
                self.line = line + 1;
                return line;
            }
        }
        self.line.saturating_sub(1).max(1)
    }
}

/// At most 80 characters of `text`, control characters replaced, for a skip note.
pub(super) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    let mut short: String = text
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if text.chars().nth(MAX_CHARS).is_some() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_lines_in_order() {
        let mut cursor = LineCursor::new("BEGIN:VEVENT\r\nX\r\nbegin:vevent\r\nY\n");
        assert_eq!(cursor.find("BEGIN:VEVENT"), 1);
        assert_eq!(cursor.find("BEGIN:VEVENT"), 3);
        assert_eq!(cursor.find("Y"), 4);
        assert_eq!(cursor.find("missing"), 4);
        let mut folded = LineCursor::new("a\nNOTE:long\n  continued\n");
        assert_eq!(folded.find("NOTE:longcontinued"), 2);
    }

    #[test]
    fn excerpt_is_short_and_free_of_control_characters() {
        assert_eq!(excerpt("a\u{1b}[31mb"), "a\u{fffd}[31mb");
        let long = "x".repeat(100);
        assert_eq!(excerpt(&long).chars().count(), 81);
        assert_eq!(excerpt("short"), "short");
    }
}
