//! How every error and note is shown: one line, at most
//! [`MESSAGE_MAX_CHARS`] characters, with nothing a terminal would act on.
//! Messages quote values from inputs (a header, a name, a zip member), and
//! those may hold newlines, escape sequences, bidirectional overrides or
//! megabytes of text.

use std::collections::VecDeque;

/// The most characters an error or a note is shown with.
pub const MESSAGE_MAX_CHARS: usize = 300;

/// What stands for the middle of a message that was too long (3 characters).
const ELISION: &str = " … ";

/// True for characters a terminal acts on instead of showing: controls
/// (escape sequences, bells, newlines) and the bidirectional overrides and
/// isolates that reorder the text around them.
#[must_use]
pub fn is_terminal_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// True for the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which make text display in another
/// order than it reads.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters kept from the start of a message that is too long, and from
/// its end (where the file and the advice are).
const HEAD_CHARS: usize = (MESSAGE_MAX_CHARS - 3) * 2 / 3;
const TAIL_CHARS: usize = MESSAGE_MAX_CHARS - 3 - HEAD_CHARS;

/// `text` as one line of a message: every run of whitespace and terminal
/// controls becomes one space, and a text longer than [`MESSAGE_MAX_CHARS`]
/// keeps its start and its end around an ellipsis.
///
/// Complexity: one pass over `text`, and memory for the line only.
#[must_use]
pub fn one_line(text: &str) -> String {
    let chars = text
        .split(|c: char| c.is_whitespace() || is_terminal_control(c))
        .filter(|word| !word.is_empty())
        .enumerate()
        .flat_map(|(index, word)| (index > 0).then_some(' ').into_iter().chain(word.chars()));
    let mut line = String::new();
    // The latest characters after the head, enough to finish a line that
    // turns out to fit.
    let mut rest = VecDeque::with_capacity(MESSAGE_MAX_CHARS - HEAD_CHARS + 1);
    let mut count = 0_usize;
    for c in chars {
        if count < HEAD_CHARS {
            line.push(c);
        } else {
            if rest.len() == MESSAGE_MAX_CHARS - HEAD_CHARS {
                rest.pop_front();
            }
            rest.push_back(c);
        }
        count += 1;
    }
    if count > MESSAGE_MAX_CHARS {
        line.push_str(ELISION);
        rest.drain(..rest.len() - TAIL_CHARS);
    }
    line.extend(rest);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_escapes_and_overrides_become_single_spaces() {
        assert_eq!(
            one_line("found: foo,bar\nx,y\r\n  z\u{1b}[2J\u{202e}evil\u{7}\n"),
            "found: foo,bar x,y z [2J evil"
        );
    }

    #[test]
    fn short_messages_are_kept_whole() {
        let text = "a".repeat(MESSAGE_MAX_CHARS);
        assert_eq!(one_line(&text), text);
    }

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let text = format!("people.csv: {} rebuild it", "x".repeat(2_000_000));
        let line = one_line(&text);
        assert_eq!(line.chars().count(), MESSAGE_MAX_CHARS);
        assert!(line.starts_with("people.csv: xxx"), "{line}");
        assert!(line.ends_with("xxx rebuild it"), "{line}");
        assert!(line.contains(" … "), "{line}");
    }
}
