//! The layering of `ARCHITECTURE.md`, held against the code: every module's
//! imports (`use crate::…`, `crate::…::` paths, `super::` paths that leave
//! the module, and `warmpath::…` in the binary) must be in the module's row
//! of the layering table, every row must point to lower layers only,
//! every module of `src/` must have a row, and no library module may print,
//! exit or use clap or indicatif. The table is read from the
//! document itself, so the two cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One row of the layering table.
#[derive(Debug)]
struct Row {
    layer: u32,
    may_import: BTreeSet<String>,
}

/// The rows of the table that follows the `<!-- layering` marker.
fn read_table(markdown: &str) -> BTreeMap<String, Row> {
    let start = markdown
        .find("<!-- layering")
        .expect("ARCHITECTURE.md marks its layering table with <!-- layering");
    let mut rows = BTreeMap::new();
    for line in markdown[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
    {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Ok(layer) = cells[0].parse::<u32>() else {
            continue; // the header and the separator
        };
        let module = backticked(cells[1])
            .pop()
            .expect("a module name in `backticks`");
        let may_import = backticked(cells[cells.len() - 1]).into_iter().collect();
        rows.insert(module, Row { layer, may_import });
    }
    rows
}

fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The module path of a file under `src/` (`graph/store.rs` → `graph::store`),
/// and whether it belongs to the binary (`main.rs`, `cli/`).
fn module_path(file: &str) -> (Vec<String>, bool) {
    let file = file.strip_suffix(".rs").unwrap_or(file);
    let mut segments: Vec<String> = file.split('/').map(str::to_owned).collect();
    if segments.last().is_some_and(|last| last == "mod") {
        segments.pop();
    }
    if segments == ["main"] {
        return (vec!["cli".to_owned()], true);
    }
    let binary = segments.first().is_some_and(|first| first == "cli");
    (segments, binary)
}

/// Splits a file at its unit tests: the first `#[cfg(test)]` line that
/// gates a `mod`. What follows must be test modules only (see
/// [`only_test_modules`]).
fn split_tests(text: &str) -> (&str, &str) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut offset = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.trim_end() == "#[cfg(test)]"
            && lines[index + 1..]
                .iter()
                .find(|next| !next.starts_with("#["))
                .is_some_and(|next| next.starts_with("mod "))
        {
            return text.split_at(offset);
        }
        offset += line.len();
    }
    (text, "")
}

/// True when every top-level item of `tests` is a `mod` gated by `#[cfg(test)]`.
fn only_test_modules(tests: &str) -> bool {
    let mut gated = false;
    for line in tests.lines() {
        if line.is_empty() || line.starts_with(char::is_whitespace) || line.starts_with("//") {
            continue;
        }
        if line.trim_end() == "#[cfg(test)]" {
            gated = true;
        } else if line.starts_with("#[") {
        } else if line.starts_with("mod ") {
            if !gated {
                return false;
            }
            gated = false;
        } else if line.trim_end() != "}" {
            return false;
        }
    }
    true
}

/// The code of a file without its unit tests and comments.
fn code(text: &str) -> String {
    split_tests(text)
        .0
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every path in `code` that starts with `prefix::`,
/// including each name of a `prefix::{a::…, b}` group.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    let needle = format!("{prefix}::");
    let mut rest = code;
    while let Some(at) = rest.find(&needle) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + needle.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // `xcrate::`, `my_super::`, `a::super::`
        }
        names.extend(names_at(rest));
    }
    names
}

/// The first segments of the path that `rest` starts with: one name, or
/// each name of a `{a::…, b}` group.
fn names_at(rest: &str) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut current = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => names.push(std::mem::take(&mut current)),
                _ if depth == 0 => current.push(c),
                _ => {}
            }
        }
        names.push(current);
    } else {
        names.push(
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect(),
        );
    }
    names
        .into_iter()
        .filter_map(|name| {
            let first = name.trim().split("::").next()?.trim().to_owned();
            (!first.is_empty() && first != "self" && first != "*").then_some(first)
        })
        .collect()
}

/// The top-level modules that `super::` paths reach in a module `depth`
/// segments below the crate root, for those that climb to the root
/// (`super::graph` in `src/identity.rs`, `super::super::graph` in
/// `src/ingest/csv.rs`).
fn leaving_super_paths(code: &str, depth: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at..];
        let mut climbs = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = after;
        }
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') || climbs < depth {
            continue;
        }
        names.extend(names_at(rest));
    }
    names
}

/// The top-level modules a file imports, other than its own. `reexports`
/// maps names the crate root re-exports (`Error`) to their module.
fn imports(file: &str, text: &str, reexports: &BTreeMap<String, String>) -> BTreeSet<String> {
    let (segments, binary) = module_path(file);
    let code = code(text);
    let mut found: Vec<String> = if binary {
        paths_after(&code, "warmpath")
    } else {
        paths_after(&code, "crate")
    };
    if !binary {
        found.extend(leaving_super_paths(&code, segments.len()));
    }
    let own = &segments[0];
    found
        .into_iter()
        .map(|name| reexports.get(&name).cloned().unwrap_or(name))
        .filter(|name| name != own)
        .collect()
}

/// What `src/lib.rs` re-exports at the root, by name: `pub use error::{Error, Result};`.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in code(lib).split(';') {
        let Some(used) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = used.split_once("::") else {
            continue;
        };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let item = item.trim();
            if !item.is_empty() {
                names.insert(item.to_owned(), module.trim().to_owned());
            }
        }
    }
    names
}

/// Everything wrong with `files` (paths under `src/`, their text) against
/// `table`: imports outside a module's row, modules without a row, rows
/// that point up or sideways, and rows allowing what nothing imports (so
/// the table is the code's own map, not a looser one).
fn violations(table: &BTreeMap<String, Row>, files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (module, row) in table {
        for import in &row.may_import {
            match table.get(import) {
                None => problems.push(format!(
                    "`{module}` may import `{import}`, which has no row"
                )),
                Some(lower) if lower.layer >= row.layer => problems.push(format!(
                    "`{module}` (layer {}) may import `{import}` (layer {}): not a lower layer",
                    row.layer, lower.layer
                )),
                Some(_) => {}
            }
        }
    }
    let reexports = files
        .iter()
        .find(|(file, _)| file == "lib.rs")
        .map(|(_, text)| root_reexports(text))
        .unwrap_or_default();
    let mut modules = BTreeSet::new();
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files {
        if file == "lib.rs" {
            continue;
        }
        let (segments, _) = module_path(file);
        let module = &segments[0];
        modules.insert(module.clone());
        if !only_test_modules(split_tests(text).1) {
            problems.push(format!(
                "src/{file}: code after its unit tests (keep `#[cfg(test)] mod` at the bottom)"
            ));
        }
        let Some(row) = table.get(module) else {
            problems.push(format!(
                "src/{file}: module `{module}` has no row in the table"
            ));
            continue;
        };
        if !binary_file(file) {
            let code = code(text);
            for word in TERMINAL_WORDS {
                if code.contains(word) {
                    problems.push(format!(
                        "src/{file}: `{word}` in the library (only cli prints, exits or knows the terminal)"
                    ));
                }
            }
        }
        for import in imports(file, text, &reexports) {
            used.entry(module.clone())
                .or_default()
                .insert(import.clone());
            if !row.may_import.contains(&import) {
                problems.push(format!(
                    "src/{file}: `{module}` imports `{import}`, which its row does not allow"
                ));
            }
        }
    }
    for (module, row) in table {
        if !modules.contains(module) {
            problems.push(format!(
                "the table lists `{module}`, which src/ does not have"
            ));
        }
        let imported = used.get(module).cloned().unwrap_or_default();
        for unused in row.may_import.difference(&imported) {
            problems.push(format!(
                "`{module}` may import `{unused}`, but does not: the table says more than the code"
            ));
        }
    }
    problems
}

/// What only the binary may write: printing, exiting, the terminal crates.
const TERMINAL_WORDS: [&str; 9] = [
    "println!",
    "eprintln!",
    "print!(",
    "eprint!(",
    "process::exit",
    "io::stdout",
    "io::stderr",
    "clap::",
    "indicatif::",
];

fn binary_file(file: &str) -> bool {
    module_path(file).1
}

fn source_files(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let name = path.strip_prefix(root).unwrap();
                let name = name
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn imports_follow_the_layering_architecture_md_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = read_table(&std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap());
    assert!(table.len() > 10, "the layering table was not found");
    let files = source_files(&root.join("src"));
    let problems = violations(&table, &files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A small crate and its table: `ingest` below `identity` below `graph`.
fn synthetic() -> (BTreeMap<String, Row>, Vec<(String, String)>) {
    let table = read_table(
        "<!-- layering -->\n\
         | layer | module | owns | may import |\n\
         |---|---|---|---|\n\
         | 0 | `error` | errors | nothing |\n\
         | 1 | `ingest` | records | `error` |\n\
         | 2 | `identity` | people | `ingest` |\n\
         | 3 | `graph` | the graph | `error`, `identity` |\n\
         | 4 | `cli` | the binary | `error`, `graph` |\n",
    );
    let files = [
        (
            "lib.rs",
            "pub mod error;\npub use error::{Error, Result};\n",
        ),
        ("error.rs", "pub enum Error {}\n"),
        ("ingest/mod.rs", "use crate::error::Result;\nmod csv;\n"),
        (
            "ingest/csv.rs",
            "use super::Dataset;\nuse crate::{error::Error};\n",
        ),
        (
            "identity.rs",
            "use crate::ingest::Dataset;\n// crate::graph in a comment is no import\n\
             #[cfg(test)]\nmod tests { use crate::graph::Graph; }\n",
        ),
        (
            "graph/mod.rs",
            "use crate::identity::People;\nfn f() -> crate::Result<()> { Ok(()) }\n",
        ),
        (
            "main.rs",
            "mod cli;\nfn main() { warmpath::graph::run(); }\n",
        ),
        ("cli/mod.rs", "use warmpath::{Error, graph::Graph};\n"),
    ];
    let files = files
        .iter()
        .map(|(file, text)| ((*file).to_owned(), (*text).to_owned()))
        .collect();
    (table, files)
}

#[test]
fn a_crate_that_keeps_its_layers_passes() {
    let (table, files) = synthetic();
    assert_eq!(violations(&table, &files), Vec::<String>::new());
}

#[test]
fn a_back_edge_is_reported_however_it_is_written() {
    let back_edges = [
        (
            "ingest/linkedin.rs",
            "use crate::identity::exact_name_key;\n",
        ),
        (
            "ingest/linkedin.rs",
            "use crate::{\n    error::Result,\n    identity::{PersonId, People},\n};\n",
        ),
        (
            "ingest/linkedin.rs",
            "fn key(name: &str) -> String { crate::identity::key(name) }\n",
        ),
        ("identity.rs", "use super::graph::Graph;\n"),
        (
            "identity.rs",
            "use super::{ingest::Dataset, graph::Graph};\n",
        ),
        ("ingest/csv.rs", "use super::super::graph::Graph;\n"),
        ("error.rs", "use crate::ingest::Origin;\n"),
    ];
    for (file, text) in back_edges {
        let (table, mut files) = synthetic();
        files.push((file.to_owned(), text.to_owned()));
        let problems = violations(&table, &files);
        assert_eq!(problems.len(), 1, "{file}: {text}: {problems:?}");
        assert!(
            problems[0].contains("which its row does not allow"),
            "{problems:?}"
        );
    }
}

#[test]
fn a_library_module_importing_the_binary_or_an_unlisted_module_is_reported() {
    let (table, mut files) = synthetic();
    files.push((
        "graph/mod.rs".to_owned(),
        "use crate::cli::Args;\n".to_owned(),
    ));
    files.push((
        "cache.rs".to_owned(),
        "use crate::graph::Graph;\n".to_owned(),
    ));
    let problems = violations(&table, &files);
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("imports `cli`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("`cache` has no row")),
        "{problems:?}"
    );
}

#[test]
fn code_after_the_unit_tests_is_reported() {
    let (table, mut files) = synthetic();
    files.push((
        "identity.rs".to_owned(),
        "#[cfg(test)]\nmod tests {\n    use super::*;\n}\n\nuse crate::graph::Graph;\n".to_owned(),
    ));
    let problems = violations(&table, &files);
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("code after its unit tests")),
        "{problems:?}"
    );
}

#[test]
fn a_library_module_that_prints_is_reported() {
    let (table, mut files) = synthetic();
    files.push((
        "graph/show.rs".to_owned(),
        "pub fn show() { println!(\"graph\"); }\n".to_owned(),
    ));
    let problems = violations(&table, &files);
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("`println!` in the library")),
        "{problems:?}"
    );
}

#[test]
fn a_table_row_pointing_up_is_reported() {
    let (mut table, files) = synthetic();
    table
        .get_mut("ingest")
        .unwrap()
        .may_import
        .insert("graph".to_owned());
    let problems = violations(&table, &files);
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("`ingest` (layer 1) may import `graph` (layer 3)")),
        "{problems:?}"
    );
}
