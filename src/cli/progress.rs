//! Progress on stderr with indicatif, hidden with `--quiet` or when stderr
//! is not a terminal: each pipeline stage shows its name and elapsed time;
//! one with a known amount of work (items, or bytes read) shows a bar, the
//! rate and an estimate of the time left.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use warmpath::progress::Progress;

/// A stage whose amount of work is not known: its name and elapsed time.
const SPINNER: &str = "{spinner} {msg} ({elapsed} elapsed)";
/// A stage of a known number of items. Bars fill what the terminal's width
/// leaves, so that a line never wraps.
const ITEMS: &str = "{msg} {human_pos}/{human_len}, {elapsed} elapsed, ~{eta} left [{wide_bar}]";
/// Reading, in bytes: the total grows as files are opened.
const BYTES: &str = "{msg} {binary_bytes}/{binary_total_bytes} at {binary_bytes_per_sec}, \
                     {elapsed} elapsed, ~{eta} left [{wide_bar}]";

/// Shows the current stage of a long build.
pub struct TerminalProgress {
    bar: Mutex<Option<Shown>>,
    hidden: bool,
}

/// The bar of the current stage, and whether it already counts bytes.
struct Shown {
    bar: ProgressBar,
    in_bytes: bool,
}

impl TerminalProgress {
    /// Progress that is drawn unless `quiet` (indicatif hides it by itself
    /// when stderr is not a terminal).
    pub fn new(quiet: bool) -> Self {
        Self {
            bar: Mutex::new(None),
            hidden: quiet,
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Progress for TerminalProgress {
    fn stage(&self, name: &str, total: Option<u64>) {
        // The message is set before the first tick draws the bar.
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(style(ITEMS)),
            None => ProgressBar::new_spinner().with_style(style(SPINNER)),
        }
        .with_message(name.to_owned());
        if self.hidden {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        } else {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        if let Ok(mut slot) = self.bar.lock()
            && let Some(previous) = slot.replace(Shown {
                bar,
                in_bytes: false,
            })
        {
            previous.bar.finish_and_clear();
        }
    }

    fn advance(&self, amount: u64) {
        if let Ok(slot) = self.bar.lock()
            && let Some(shown) = slot.as_ref()
        {
            shown.bar.inc(amount);
        }
    }

    fn bytes(&self, done: u64, known: u64) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(shown) = slot.as_mut()
        {
            if !shown.in_bytes {
                shown.bar.set_style(style(BYTES));
                shown.in_bytes = true;
            }
            shown.bar.set_length(known);
            shown.bar.set_position(done);
        }
    }

    fn finish_stage(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(shown) = slot.take()
        {
            shown.bar.finish_and_clear();
        }
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        self.finish_stage();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_one_indicatif_accepts() {
        for template in [SPINNER, ITEMS, BYTES] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }
}
