//! What the integration tests share: fixtures by the name of their folder,
//! the built binary, always started the same way (from the package root, so
//! that `data/…` paths resolve wherever the tests run), and zip archives made
//! on the spot.

use std::path::{Path, PathBuf};
use std::process::Output;

/// `data/fixtures/<name>`, the fixture that tests what its name says.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/fixtures")
        .join(name)
}

/// The built `warmpath` as a plain process, for tests that need its pipes.
pub fn command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_warmpath"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// The built `warmpath`, to run with assertions on its outcome.
pub fn warmpath() -> assert_cmd::Command {
    assert_cmd::Command::from_std(command())
}

/// Runs the built `warmpath` with `args` to its end.
pub fn run(args: &[&str]) -> Output {
    warmpath().args(args).output().expect("warmpath runs")
}

/// Writes a zip archive at `zip_path` holding `entries` (name, bytes), deflated.
pub fn zip_entries(zip_path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip_path).unwrap());
    for (name, bytes) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}
