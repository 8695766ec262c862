//! Help that clap does not derive: the examples and exit codes at the end
//! of each command's `--help`, and the manual pages.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use warmpath::{Error, Result};

use super::{Cli, Outcome, stdout_error};

pub const INTRO: &str = "Examples:
  warmpath intro \"Dana Whitfield\" --data data/demo
  warmpath intro \"company:Northwind Traders\" --data data/demo --top 5 --format json
  warmpath intro \"Dana Whitfield\" --data data/demo/team.toml --from team
  warmpath intro --targets accounts.txt --data data/demo -o intros.csv

Exit codes: 0 done · 1 nothing genuine found · 2 usage or input error (one line on stderr).";

pub const EXPLAIN: &str = "Examples:
  warmpath explain maya priya --data data/demo
  warmpath explain \"Maya Okafor\" \"Tom Berg\" --data data/demo --format json

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const TIES: &str = "Examples:
  warmpath ties --data data/demo --person priya
  warmpath ties --data data/demo --format csv > ties.csv

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const REPORT: &str = "Examples:
  warmpath report --data data/demo
  warmpath report --data data/demo -o report.html
  warmpath report --data data/demo/team.toml --team --redact --format json

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const EVALUATE: &str = "Examples:
  warmpath evaluate --data data/fixtures/collegemsg-sample/CollegeMsg.txt --holdout 0.3
  warmpath evaluate --data data/fixtures/truth-metrics --truth data/fixtures/truth-metrics/truth.csv

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const EXPORT: &str = "Examples:
  warmpath export --data data/demo -o network.graphml
  warmpath export --data data/demo --format gexf --person maya > maya.gexf
  warmpath export --data data/demo --intro \"Dana Whitfield\" -o dana.dot

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const WHO: &str = "Examples:
  warmpath who \"Sam Patel\" --data data/demo/team.toml
  warmpath who --suspects --data data/fixtures/identity-suspects

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const GENERATE: &str = "Examples:
  warmpath generate --people 100000 --seed 7 --output net/
  warmpath generate --people 1000000 --ties-only --output ties/
  warmpath generate --format linkedin --people 2000 --owners 3 --output team/

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const BUILD: &str = "Examples:
  warmpath build --data data/demo --output demo.snap
  warmpath intro \"Dana Whitfield\" --data demo.snap

Exit codes: 0 done · 2 usage or input error (one line on stderr).";

pub const COMPLETIONS: &str = "Examples:
  warmpath completions bash > ~/.local/share/bash-completion/completions/warmpath
  warmpath completions zsh > \"${fpath[1]}/_warmpath\"
  warmpath completions fish > ~/.config/fish/completions/warmpath.fish

Exit codes: 0 done · 2 usage error.";

pub const MAN: &str = "Examples:
  warmpath man | man -l -
  warmpath man --output man/

Exit codes: 0 done · 2 usage or write error.";

/// Writes the manual: the main page to `out`, or every page into `folder`.
pub fn write_man(folder: Option<&Path>, out: &mut dyn Write) -> Result<Outcome> {
    let command = Cli::command();
    let Some(folder) = folder else {
        clap_mangen::Man::new(command)
            .render(out)
            .map_err(stdout_error)?;
        return Ok(Outcome::Done);
    };
    std::fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut pages = vec![("warmpath".to_owned(), command.clone())];
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        pages.push((format!("warmpath-{}", sub.get_name()), sub.clone()));
    }
    for (name, page) in pages {
        let path = folder.join(format!("{name}.1"));
        let mut bytes = Vec::new();
        clap_mangen::Man::new(page)
            .title(name.clone())
            .render(&mut bytes)
            .map_err(stdout_error)?;
        warmpath::atomic::write_output(&path, |file| file.write_all(&bytes))?;
        writeln!(out, "wrote {}", path.display()).map_err(stdout_error)?;
    }
    Ok(Outcome::Done)
}
