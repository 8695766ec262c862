//! Many targets at once (`intro --targets FILE`): account mapping for a
//! sales or fundraising team that brings a list of accounts, not one name.
//! Each line is answered as `intro` would answer it alone; a line whose
//! target is unknown or ambiguous gets its own error, never fails the batch.

use rayon::prelude::*;

use super::{IntroRequest, Introductions, introductions};
use crate::error::{Error, Result};
use crate::graph::RelationshipGraph;
use crate::progress::Progress;
use crate::tie_strength::Model;

/// Longest target line kept (longer lines are an error of their own).
pub const MAX_TARGET_LINE: usize = 1_000;

/// One target of a targets file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetLine {
    /// 1-based line in the file.
    pub line: usize,
    /// The target as written: name, email, profile URL or `company:NAME`.
    pub query: String,
}

/// One target's answer.
#[derive(Debug)]
pub struct BatchAnswer {
    /// Which line.
    pub target: TargetLine,
    /// The answer, or why the line could not be answered (unknown or
    /// ambiguous target, a damaged snapshot block).
    pub answer: Result<Introductions>,
}

/// Reads a targets file: one target per line; blank lines and `#` comments
/// are skipped, a byte-order mark and surrounding spaces ignored.
#[must_use]
pub fn parse_targets(text: &str) -> Vec<TargetLine> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let query = line.trim();
            (!query.is_empty() && !query.starts_with('#')).then(|| TargetLine {
                line: index + 1,
                query: query.to_owned(),
            })
        })
        .collect()
}

/// Answers every target in parallel, each as [`introductions`] answers
/// `request` with that target (the request's own target is ignored).
///
/// Complexity: one introducer search per target, spread over the cores.
#[must_use]
pub fn batch_introductions(
    graph: &RelationshipGraph,
    request: &IntroRequest<'_>,
    targets: &[TargetLine],
    model: &Model,
    progress: &dyn Progress,
) -> Vec<BatchAnswer> {
    progress.stage("searching", Some(targets.len() as u64));
    let answers = targets
        .par_iter()
        .map(|target| {
            let answer = if target.query.len() > MAX_TARGET_LINE {
                Err(Error::Usage(format!(
                    "line {} is longer than {MAX_TARGET_LINE} characters: one target per line",
                    target.line
                )))
            } else {
                introductions(
                    graph,
                    &IntroRequest {
                        target: &target.query,
                        ..*request
                    },
                    model,
                )
            };
            progress.advance(1);
            BatchAnswer {
                target: target.clone(),
                answer,
            }
        })
        .collect();
    progress.finish_stage();
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_lines_without_blanks_comments_or_a_bom() {
        let parsed = parse_targets(
            "\u{feff}Dana Whitfield\n\n# accounts\n  company:Northwind Traders \r\nx@y.example\n",
        );
        let lines: Vec<(usize, &str)> = parsed
            .iter()
            .map(|target| (target.line, target.query.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (1, "Dana Whitfield"),
                (4, "company:Northwind Traders"),
                (5, "x@y.example")
            ]
        );
    }
}
