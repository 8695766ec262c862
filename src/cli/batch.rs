//! `warmpath batch intro|meet`: the batch questions over shards written by
//! `build --shards K`, on timely dataflow. Everything after `--` is timely's
//! own configuration (`-w` threads per process, `-n` processes, `-p` this
//! process, `-h` the hosts file); the process that hosts worker 0 writes the
//! answers, the others print nothing and exit 0 when the job completes.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;
use warmpath::distributed::{
    BatchIntroRequest, DistributedAnswer, HUB_DEGREE, Job, JobStats, MeetRequest, NameTable,
    batch_intro, batch_meet, timely_config,
};
use warmpath::graph::is_shards_dir;
use warmpath::intro::{DEFAULT_MAX_HOPS, PersonNames, RankedIntroducer};
use warmpath::{Error, Result};

use super::output::{csv_safe, terminal_safe, write_note, write_table};
use super::targets::{Row, error_text, finish, output_format, read_targets, status_name};
use super::{Format, Outcome};

/// Arguments of `warmpath batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(subcommand)]
    job: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// The best introducers into every target of a file (as `intro
    /// --targets`), over shards.
    #[command(after_help = super::help::BATCH_INTRO)]
    Intro(BatchIntroArgs),
    /// For every member, the strongest people two hops away they have no tie
    /// to, each with the best introducer, over shards.
    #[command(after_help = super::help::BATCH_MEET)]
    Meet(BatchMeetArgs),
}

/// Where the shards are and how the job runs.
#[derive(Debug, Args)]
struct JobArgs {
    /// The shards folder `warmpath build --shards K` wrote (each process
    /// reads only the shards its workers own).
    #[arg(long = "data", value_name = "SHARDS")]
    data: PathBuf,
    /// Who asks: an id, email, profile URL or name, or `team` for every
    /// owner; by default the data's single owner (`batch meet`: every owner).
    #[arg(long, value_name = "WHO")]
    from: Option<String>,
    /// Output format (default: from the -o file's extension, else a table).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the answers to this file (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
    /// Seconds to wait for the other processes to connect.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    connect_timeout: u64,
    /// timely's options, after `--`: `-w THREADS`, and for several processes
    /// `-n PROCESSES -p INDEX -h HOSTFILE`.
    #[arg(last = true, value_name = "TIMELY")]
    timely: Vec<String>,
}

#[derive(Debug, Args)]
struct BatchIntroArgs {
    /// A file with one target per line: name, email, profile URL or
    /// company:NAME (blank lines and # comments skipped). Read by the process
    /// of worker 0 only.
    #[arg(long, value_name = "FILE")]
    targets: PathBuf,
    /// Longest path, in edges.
    #[arg(long, default_value_t = DEFAULT_MAX_HOPS as u16, value_parser = clap::value_parser!(u16).range(1..=8))]
    max_hops: u16,
    /// Introducers per target.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,
    #[command(flatten)]
    job: JobArgs,
}

#[derive(Debug, Args)]
struct BatchMeetArgs {
    /// People to meet per member.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,
    /// Introducers with more ties than this are joined as hubs (their ties
    /// sent once per worker instead of once per member).
    #[arg(long, default_value_t = HUB_DEGREE as u64, value_parser = clap::value_parser!(u64).range(1..))]
    hub_degree: u64,
    #[command(flatten)]
    job: JobArgs,
}

/// Runs `warmpath batch`.
pub fn run(args: &BatchArgs, out: &mut dyn Write) -> Result<Outcome> {
    // A broken connection panics in timely's threads; the job reports it as
    // one error line, so their panic messages stay off stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = match &args.job {
        Task::Intro(args) => run_intro(args, out),
        Task::Meet(args) => run_meet(args, out),
    };
    let _ = std::panic::take_hook();
    outcome
}

/// The shards folder and timely's configuration, checked before anything
/// starts.
fn prepare(job: &JobArgs) -> Result<Job> {
    if !is_shards_dir(&job.data) {
        return Err(Error::Usage(format!(
            "{} is not a shards folder (no manifest.json): write one with warmpath build --data … --shards K -o {}",
            job.data.display(),
            job.data.display()
        )));
    }
    let config = timely_config(&job.timely)?;
    let to_stdout = job
        .output
        .as_deref()
        .is_none_or(|path| path == Path::new("-"));
    if to_stdout
        && matches!(
            config.communication,
            timely::CommunicationConfig::Cluster { .. }
        )
    {
        return Err(Error::Usage(
            "with several processes, write the answers with -o FILE: timely prints its connection progress on stdout"
                .to_owned(),
        ));
    }
    Ok(Job {
        config,
        connect_timeout: std::time::Duration::from_secs(job.connect_timeout),
    })
}

fn summary(job: &JobArgs, stats: &JobStats, what: &str) {
    if !job.quiet {
        write_note(&format!(
            "{what} on {} workers over {} shards in {} rounds, {:.2} s",
            stats.workers, stats.shards, stats.rounds, stats.seconds
        ));
    }
}

fn run_intro(args: &BatchIntroArgs, out: &mut dyn Write) -> Result<Outcome> {
    let format = output_format(args.job.format, args.job.output.as_deref())?;
    let job = prepare(&args.job)?;
    let targets = read_targets(&args.targets)?;
    let request = BatchIntroRequest {
        targets,
        from: args.job.from.clone(),
        max_hops: usize::from(args.max_hops),
        top: args.top as usize,
    };
    let Some(answers) = batch_intro(&args.job.data, job, Some(request))? else {
        return Ok(Outcome::Done);
    };
    summary(
        &args.job,
        &answers.stats,
        &format!("{} targets answered", answers.answers.len()),
    );
    let rows: Vec<Row<'_>> = answers.answers.iter().map(row).collect();
    let names = &answers.names;
    let max_hops = usize::from(args.max_hops);
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match format {
            Format::Json => write_json_lines(names, &rows, out),
            Format::Csv => super::targets::write_csv(names, &rows, out),
            Format::Table => super::targets::write_text(names, &rows, max_hops, out),
        }
    };
    finish(
        &rows,
        args.job.output.as_deref(),
        args.job.quiet,
        write,
        out,
    )
}

fn row(answer: &DistributedAnswer) -> Row<'_> {
    Row {
        target: &answer.target,
        answer: answer
            .answer
            .as_ref()
            .map(|(status, introducers)| (*status, &introducers[..])),
    }
}

fn introducer_json(names: &NameTable, introducer: &RankedIntroducer) -> serde_json::Value {
    let nodes = &introducer.path.nodes;
    json!({
        "rank": introducer.rank,
        "asker": names.stable_id(nodes[0]),
        "introducer": {
            "id": names.stable_id(introducer.path.introducer()),
            "name": names.display_name(introducer.path.introducer()),
        },
        "score": introducer.path.score,
        "weakest_link": introducer.weakest_link,
        "hops": nodes.len() - 1,
        "genuine": introducer.genuine,
        "path": nodes
            .iter()
            .map(|node| json!({ "id": names.stable_id(*node), "name": names.display_name(*node) }))
            .collect::<Vec<_>>(),
    })
}

/// One JSON object per target line: `line`, `query`, `status` and the
/// `introducers` (or the `error`).
fn write_json_lines(
    names: &NameTable,
    rows: &[Row<'_>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for row in rows {
        let mut value = json!({
            "line": row.target.line,
            "query": row.target.query,
            "status": status_name(row),
        });
        if let Some(object) = value.as_object_mut() {
            match row.answer {
                Ok((_, introducers)) => {
                    object.insert(
                        "introducers".to_owned(),
                        introducers
                            .iter()
                            .map(|introducer| introducer_json(names, introducer))
                            .collect(),
                    );
                }
                Err(error) => {
                    object.insert("error".to_owned(), json!(error_text(error)));
                }
            }
        }
        warmpath::report::round_floats(&mut value);
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)?;
    }
    Ok(())
}

fn run_meet(args: &BatchMeetArgs, out: &mut dyn Write) -> Result<Outcome> {
    let format = output_format(args.job.format, args.job.output.as_deref())?;
    let job = prepare(&args.job)?;
    let request = MeetRequest {
        from: args.job.from.clone(),
        top: args.top as usize,
        hub_degree: args.hub_degree as usize,
    };
    let Some(answers) = batch_meet(&args.job.data, job, Some(request))? else {
        return Ok(Outcome::Done);
    };
    summary(
        &args.job,
        &answers.stats,
        &format!("{} members answered", answers.members.len()),
    );
    let write = |out: &mut dyn Write| write_meetings(&answers, format, out);
    super::output::write_answer(args.job.output.as_deref(), out, write)?;
    let nobody = answers
        .members
        .iter()
        .all(|(_, meetings)| meetings.is_empty());
    Ok(if nobody {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// The people to meet, one row per member and person (CSV, table) or one
/// object per member (JSON lines).
fn write_meetings(
    answers: &warmpath::distributed::BatchMeetAnswers,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let names = &answers.names;
    let header = [
        "member_id",
        "member_name",
        "rank",
        "person_id",
        "person_name",
        "introducer_id",
        "introducer_name",
        "score",
        "member_introducer",
        "introducer_person",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (member, meetings) in &answers.members {
        for (index, meeting) in meetings.iter().enumerate() {
            rows.push(vec![
                names.stable_id(*member).to_owned(),
                names.display_name(*member).to_owned(),
                (index + 1).to_string(),
                names.stable_id(meeting.person).to_owned(),
                names.display_name(meeting.person).to_owned(),
                names.stable_id(meeting.introducer).to_owned(),
                names.display_name(meeting.introducer).to_owned(),
                format!("{:.4}", meeting.score),
                format!("{:.4}", meeting.first),
                format!("{:.4}", meeting.second),
            ]);
        }
    }
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(header).map_err(std::io::Error::other)?;
            for row in &rows {
                let safe: Vec<String> = row.iter().map(|cell| csv_safe(cell)).collect();
                writer.write_record(&safe).map_err(std::io::Error::other)?;
            }
            writer.flush()
        }
        Format::Json => {
            for (member, meetings) in &answers.members {
                let mut value = json!({
                    "member": { "id": names.stable_id(*member), "name": names.display_name(*member) },
                    "meet": meetings.iter().enumerate().map(|(index, meeting)| json!({
                        "rank": index + 1,
                        "person": { "id": names.stable_id(meeting.person), "name": names.display_name(meeting.person) },
                        "introducer": { "id": names.stable_id(meeting.introducer), "name": names.display_name(meeting.introducer) },
                        "score": meeting.score,
                        "member_introducer": meeting.first,
                        "introducer_person": meeting.second,
                    })).collect::<Vec<_>>(),
                });
                warmpath::report::round_floats(&mut value);
                serde_json::to_writer(&mut *out, &value)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Table => {
            let shown: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    vec![
                        terminal_safe(&row[1]),
                        row[2].clone(),
                        terminal_safe(&row[4]),
                        terminal_safe(&row[6]),
                        row[7].clone(),
                    ]
                })
                .collect();
            write_table(out, &["member", "#", "meet", "through", "score"], &shown)
        }
    }
}
