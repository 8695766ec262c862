//! `warmpath.toml`: what a dataset folder says about itself — whose data it is
//! and the date it describes. (A team manifest with members and sources builds
//! on this.)

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The manifest's file name inside a `--data` folder.
pub const MANIFEST_FILE: &str = "warmpath.toml";

/// A dataset folder's manifest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The owner: an id, email, profile URL or exact name in the data.
    pub owner: Option<String>,
    /// The date the data describes (`YYYY-MM-DD`); the default `--as-of`.
    pub as_of: Option<toml::value::Datetime>,
}

impl Manifest {
    /// The as-of date, if the manifest gives one.
    #[must_use]
    pub fn as_of_date(&self) -> Option<jiff::civil::Date> {
        let date = self.as_of.as_ref()?.date?;
        jiff::civil::Date::new(
            i16::try_from(date.year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
        )
        .ok()
    }
}

/// Reads `warmpath.toml` in `folder`, if there is one.
pub fn read_manifest(folder: &Path) -> Result<Option<Manifest>> {
    let path = folder.join(MANIFEST_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::Read { path, source }),
    };
    let manifest: Manifest = toml::from_str(&text).map_err(|error| Error::Manifest {
        path: path.clone(),
        message: error.message().to_owned(),
    })?;
    if manifest.as_of.is_some() && manifest.as_of_date().is_none() {
        return Err(Error::Manifest {
            path,
            message: "as_of must be a date, e.g. as_of = 2026-11-20".to_owned(),
        });
    }
    Ok(Some(manifest))
}
