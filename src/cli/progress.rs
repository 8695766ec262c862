//! Progress on stderr with indicatif: a spinner per pipeline stage, hidden
//! with `--quiet` or when stderr is not a terminal.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use warmpath::progress::Progress;

/// Shows the current stage of a long build.
pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
    hidden: bool,
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

impl Progress for TerminalProgress {
    fn stage(&self, name: &str, total: Option<u64>) {
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg:>22} [{bar:30}] {human_pos}/{human_len} ({eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner(),
        };
        if self.hidden {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        } else {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        bar.set_message(name.to_owned());
        if let Ok(mut slot) = self.bar.lock()
            && let Some(previous) = slot.replace(bar)
        {
            previous.finish_and_clear();
        }
    }

    fn advance(&self, amount: u64) {
        if let Ok(slot) = self.bar.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.inc(amount);
        }
    }

    fn finish_stage(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
        }
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        self.finish_stage();
    }
}
