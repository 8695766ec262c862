//! The report as stable JSON (serde): the shape of [`super::Report`], tagged by
//! `kind` (`person` or `team`). Strings are JSON-escaped by serde; nothing else
//! to neutralise.

use std::io::{self, Write};

use super::Report;

/// Writes `report` as pretty JSON and a final newline.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
    writeln!(out)
}
