//! Progress of long operations (import, export, audit bundles), reported
//! through a trait so the core only counts: the binary draws the bar.
//! Any layer may use it; it uses nothing.

/// Reports how far a long operation has come (bytes of a file, rows of a
/// table). The command layer draws it; the core only counts.
pub trait Progress {
    fn start(&self, total: u64);
    fn set(&self, done: u64);
    fn finish(&self);
}

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn set(&self, _: u64) {}
    fn finish(&self) {}
}
