//! How the library reports progress on long work without knowing about
//! terminals: a small trait the command line implements (with indicatif).

/// Receives progress from long-running stages.
pub trait Progress: Sync {
    /// A new stage begins; `total` is the amount of work when known.
    fn stage(&self, name: &str, total: Option<u64>);
    /// `amount` more units of the current stage are done.
    fn advance(&self, amount: u64);
    /// The current stage is done.
    fn finish_stage(&self);
    /// `done` bytes of the current stage are done, of `known` known so far
    /// (a total that grows as reading opens more files). By default ignored.
    fn bytes(&self, done: u64, known: u64) {
        let _ = (done, known);
    }
}

/// Progress that goes nowhere (tests, `--quiet`, library use).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn finish_stage(&self) {}
}
