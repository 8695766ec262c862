//! The README's examples cannot rot: every `warmpath …` command in a code
//! block of README.md (a line of a `sh` block, or a `$ warmpath …` line of a
//! `text` block, whose shown output must then be what it prints) is run by
//! the built binary, in README order, in a temporary folder holding a copy of
//! `data/`, and must exit 0.
//!
//! An HTML comment on the line before a code block (invisible on the
//! rendered page) changes that for every command in the block:
//!
//! - `<!-- readme-commands: exit N — why -->`: the commands exit `N`;
//! - `<!-- readme-commands: needs WHAT — why -->`: run only when `WHAT`, a
//!   path relative to the package (linked into the temporary folder at the
//!   same place) or a program on `PATH`, is there; said on stderr otherwise;
//! - `<!-- readme-commands: skip — why -->`: not run (kept rare: at most
//!   [`MAX_SKIPPED`] commands).
//!
//! `cargo run --release -- ARGS` and `target/release/warmpath ARGS` are run
//! as `warmpath ARGS`, so the README's first command is run like the others.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MARKER: &str = "<!-- readme-commands:";

/// At most this many README commands may be left unrun.
const MAX_SKIPPED: usize = 2;

/// What the README says of the commands of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expect {
    /// The exit code.
    code: i32,
    /// Paths or programs without which they are not run.
    needs: Vec<String>,
    /// Not run at all.
    skip: bool,
}

impl Expect {
    const DONE: Self = Self {
        code: 0,
        needs: Vec::new(),
        skip: false,
    };

    fn exit(code: i32) -> Self {
        Self { code, ..Self::DONE }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Example {
    /// The README line the command starts on (1-based).
    line: usize,
    /// The command as `sh` runs it, with `warmpath` for the binary.
    command: String,
    expect: Expect,
    /// Output lines the README shows under a `$ ` command, `...` excluded.
    shown: Vec<String>,
}

/// `text` without a trailing ` # comment` (a `#` inside quotes is kept).
fn without_comment(text: &str) -> &str {
    let (mut single, mut double) = (false, false);
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => return text[..at].trim_end(),
            _ => {}
        }
        previous = c;
    }
    text.trim_end()
}

/// The command for a README line, when it is a warmpath command.
fn warmpath_command(text: &str) -> Option<String> {
    let text = without_comment(text.trim());
    for prefix in [
        "cargo run --release -- ",
        "target/release/warmpath ",
        "warmpath ",
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some(format!("warmpath {rest}"));
        }
    }
    None
}

fn directive(line: &str) -> Result<Expect, String> {
    let body = line
        .trim()
        .strip_prefix(MARKER)
        .and_then(|rest| rest.strip_suffix("-->"))
        .ok_or_else(|| format!("not a marker: {line}"))?
        .trim();
    let (what, why) = body
        .split_once(" — ")
        .ok_or_else(|| format!("a marker says why after ` — `: {line}"))?;
    if why.trim().is_empty() {
        return Err(format!("a marker says why: {line}"));
    }
    let mut expect = Expect::DONE;
    for part in what.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            ["exit", code] => {
                expect.code = code
                    .parse()
                    .map_err(|_| format!("exit code expected: {line}"))?;
            }
            ["needs", thing] => expect.needs.push((*thing).to_owned()),
            ["skip"] => expect.skip = true,
            _ => return Err(format!("unknown marker: {line}")),
        }
    }
    Ok(expect)
}

/// Every warmpath command in the code blocks of `markdown`.
fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    let mut pending: Option<(usize, Expect)> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        if line.starts_with(MARKER) {
            if let Some((at, _)) = pending {
                return Err(format!("README.md:{}: a marker with no code block", at + 1));
            }
            pending = Some((index, directive(line)?));
            index += 1;
            continue;
        }
        let Some(language) = line.strip_prefix("```") else {
            if !line.is_empty() && pending.is_some() {
                return Err(format!(
                    "README.md:{}: a marker goes on the line before its code block",
                    pending.map_or(0, |(at, _)| at + 1)
                ));
            }
            index += 1;
            continue;
        };
        let expect = pending.take().map_or(Expect::DONE, |(_, expect)| expect);
        let shell = matches!(language.trim(), "sh" | "bash" | "shell");
        let before = found.len();
        index += 1;
        while index < lines.len() && !lines[index].trim().starts_with("```") {
            let start = index;
            let mut text = lines[index].trim().to_owned();
            while text.ends_with('\\') && index + 1 < lines.len() {
                text.pop();
                text.truncate(text.trim_end().len());
                index += 1;
                text.push(' ');
                text.push_str(lines[index].trim());
            }
            index += 1;
            let prompted = text.strip_prefix("$ ").map(str::to_owned);
            let Some(command) = (match (&prompted, shell) {
                (Some(rest), _) => warmpath_command(rest),
                (None, true) => warmpath_command(&text),
                (None, false) => None,
            }) else {
                continue;
            };
            let mut shown = Vec::new();
            if prompted.is_some() {
                while index < lines.len() && !lines[index].trim().starts_with("```") {
                    let output = lines[index].trim_end();
                    if output.starts_with("$ ") {
                        break;
                    }
                    if output != "..." && output != "…" {
                        shown.push(output.to_owned());
                    }
                    index += 1;
                }
            }
            found.push(Example {
                line: start + 1,
                command,
                expect: expect.clone(),
                shown,
            });
        }
        if expect != Expect::DONE && found.len() == before {
            return Err(format!(
                "README.md:{index}: a marker on a block without warmpath commands"
            ));
        }
        index += 1;
    }
    Ok(found)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A temporary home for the commands: `work/` holds a copy of `data/` and
/// is where they run; `bin/warmpath` is the built binary.
struct Sandbox {
    _root: tempfile::TempDir,
    work: PathBuf,
    path: std::ffi::OsString,
    home: PathBuf,
}

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let package = Path::new(env!("CARGO_MANIFEST_DIR"));
        let work = root.path().join("work");
        copy_folder(&package.join("data"), &work.join("data"));
        let bin = root.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_warmpath"), bin.join("warmpath")).unwrap();
        let mut paths = vec![bin];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let home = root.path().join("home");
        std::fs::create_dir(&home).unwrap();
        Self {
            path: std::env::join_paths(paths).unwrap(),
            _root: root,
            work,
            home,
        }
    }

    /// Whether `thing` is there; a path of the package's is linked in.
    fn provide(&self, thing: &str) -> bool {
        if !thing.contains('/') {
            return on_path(thing);
        }
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(thing);
        if !source.exists() {
            return false;
        }
        let link = self.work.join(thing);
        if !link.exists() {
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(source.canonicalize().unwrap(), &link).unwrap();
        }
        true
    }

    fn run(&self, command: &str) -> std::process::Output {
        Command::new("sh")
            .args(["-c", command])
            .current_dir(&self.work)
            .env("PATH", &self.path)
            .env("HOME", &self.home)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

/// What is wrong with a run of `example`, if anything.
fn check(example: &Example, output: &std::process::Output, code: i32) -> Option<String> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() != Some(code) {
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Some(format!(
            "README.md:{}: `{}` exited {:?}, documented {code}: {}",
            example.line,
            example.command,
            output.status.code(),
            tail.join(" | ")
        ));
    }
    let printed: Vec<&str> = stdout.lines().map(str::trim_end).collect();
    let mut from = 0;
    for shown in &example.shown {
        match printed[from..].iter().position(|line| line == shown) {
            Some(at) => from += at + 1,
            None => {
                return Some(format!(
                    "README.md:{}: `{}` does not print the line the README shows: {shown:?}",
                    example.line, example.command
                ));
            }
        }
    }
    None
}

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

#[test]
fn every_warmpath_command_in_the_readme_exits_as_documented() {
    let examples = examples(&readme()).unwrap();
    assert!(examples.len() >= 20, "{examples:#?}");
    let skipped = examples
        .iter()
        .filter(|example| example.expect.skip)
        .count();
    assert!(
        skipped <= MAX_SKIPPED,
        "{skipped} README commands are not run"
    );
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    for example in &examples {
        if example.expect.skip {
            continue;
        }
        if let Some(missing) = example
            .expect
            .needs
            .iter()
            .find(|thing| !sandbox.provide(thing))
        {
            eprintln!(
                "README.md:{}: not run, {missing} is not here: {}",
                example.line, example.command
            );
            continue;
        }
        let code = example.expect.code;
        let output = sandbox.run(&example.command);
        failures.extend(check(example, &output, code));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_readme_opens_with_two_set_up_commands_and_the_harness_runs_the_first() {
    let readme = readme();
    let block: Vec<&str> = readme
        .split("```")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(block.len(), 2, "{block:?}");
    assert!(block[0].starts_with("cargo run --release -- "), "{block:?}");
    assert_eq!(block[1].trim(), "cargo test");
    let first = &examples(&readme).unwrap()[0];
    assert_eq!(first.line, 4);
    assert_eq!(
        first.command,
        block[0].replacen("cargo run --release --", "warmpath", 1)
    );
    assert_eq!(first.expect, Expect::DONE);
}

#[test]
fn the_extractor_joins_continued_lines_drops_comments_and_honours_markers() {
    let markdown = "\
intro

```sh
warmpath intro \"A # B\" --data x   # a comment
cargo build --release
target/release/warmpath explain --data d \\
    a b
```

<!-- readme-commands: exit 1 — nothing genuine here -->
```sh
warmpath intro c --data d
```

```text
$ warmpath ties --data d
a  b
...
not a command
```
";
    let found = examples(markdown).unwrap();
    let commands: Vec<(&str, &Expect)> = found
        .iter()
        .map(|example| (example.command.as_str(), &example.expect))
        .collect();
    assert_eq!(
        commands,
        [
            ("warmpath intro \"A # B\" --data x", &Expect::DONE),
            ("warmpath explain --data d a b", &Expect::DONE),
            ("warmpath intro c --data d", &Expect::exit(1)),
            ("warmpath ties --data d", &Expect::DONE),
        ]
    );
    assert_eq!(found[1].line, 6);
    assert_eq!(found[3].shown, ["a  b", "not a command"]);
    let both = "<!-- readme-commands: needs jq; exit 1 — why -->\n```sh\nwarmpath x\n```\n";
    let expect = &examples(both).unwrap()[0].expect;
    assert_eq!(
        (expect.code, expect.needs.as_slice()),
        (1, &["jq".to_owned()][..])
    );
    let unexplained = "<!-- readme-commands: skip -->\n```sh\nwarmpath x\n```\n";
    assert!(examples(unexplained).is_err());
    let stray = "<!-- readme-commands: skip — why -->\n\ntext\n```sh\nwarmpath x\n```\n";
    assert!(examples(stray).is_err());
}
