//! The `tgtext` command: arguments → options → open inputs → core → print.
//!
//! Everything about counting, decoding and parsing lives in the `tgtext` core crate; this binary
//! only finds files, holds the output back until the run succeeds, and sets exit codes.

mod args;
mod destination;
mod output;
mod parallel;
mod read;
mod table;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use args::{
    AnalyzeArgs, Cli, Command, KwicArgs, KwicFormat, MergeArgs, OutputFormat, StripArgs,
    StripFormat,
};
use destination::Destination;
use output::Output;
use read::{display_name, InputError};

/// mimalloc rather than the system allocator: the counting tables grow by reallocation and hold
/// many small strings, and with glibc's allocator page faults on fresh memory (~8%) and malloc
/// and free were among the largest costs of a run. Interleaved runs: 50 MB on one thread 15%
/// faster, two files 7%; 1 GB on two threads 3.5 → 3.1 s, peak RSS 156 → 177 MB
/// (scripts/bench.sh keeps watching the 200 MB bound).
///
/// Built without transparent huge pages (the `no_thp` feature, Cargo.toml): with them, a run's
/// page faults sometimes waited for the kernel to compact memory. Interleaved, 15 rounds each:
/// medians the same (B on one thread 0.240 s, two files 0.250 s), slowest runs 0.29 → 0.25 s and
/// 0.39 → 0.26 s, system time at most 0.15 → 0.04 s; peak RSS 41 → 21 MB on one thread, and on
/// 1 GB (3 rounds) 152 → 118 MB, 2.37 → 2.34 s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with exit 0, usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Strip(args) => strip(args),
        Command::Merge(args) => merge(args),
        Command::Kwic(args) => kwic(args),
    };
    match result {
        Ok(output) => write_output(output),
        Err(Failure::Usage(message)) => {
            eprintln!("tgtext: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("tgtext: {message}");
            ExitCode::from(1)
        }
    }
}

/// Why a run failed: a usage error (exit 2) or an input error (exit 1).
enum Failure {
    Usage(String),
    Input(String),
}

impl From<InputError> for Failure {
    fn from(err: InputError) -> Self {
        Failure::Input(err.to_string())
    }
}

/// Prints the whole output at once, so that nothing reaches stdout (or `-o FILE`) when a run
/// fails. A closed pipe (`tgtext analyze x | head`) is not an error.
fn write_output(mut output: Output) -> ExitCode {
    if let Destination::File(path) = output.take_destination() {
        return match destination::write_file(output, &path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("tgtext: {message}");
                ExitCode::from(1)
            }
        };
    }
    let mut stdout = std::io::stdout().lock();
    match output.write_to(&mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tgtext: cannot write the output: {err}");
            ExitCode::from(1)
        }
    }
}

/// The output format asked for, or the default: a table on a terminal, JSON otherwise.
fn output_format(asked: Option<OutputFormat>) -> OutputFormat {
    asked.unwrap_or(if std::io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Json
    })
}

fn render(format: OutputFormat, report: &tgtext::Report) -> String {
    match format {
        OutputFormat::Json => report.to_json(),
        OutputFormat::Csv => report.to_csv(),
        OutputFormat::Table => table::render(report),
    }
}

fn analyze(args: AnalyzeArgs) -> Result<Output, Failure> {
    let format = output_format(args.format);
    let mut config = args.config().map_err(Failure::Usage)?;
    if let Some(path) = &args.stopwords_file {
        config.stopwords_extra = read::stopwords_file(path)?;
    }
    config
        .validate()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let top = match args.top {
        Some(top) => top,
        None if format == OutputFormat::Table => table::DEFAULT_TOP,
        None => 0,
    };
    let (inputs, progress) = read::resolve(&args.input.files)?;
    let destination = Destination::new(args.output.as_deref());
    let stopwords_file: Vec<&std::path::Path> =
        args.stopwords_file.iter().map(|p| p.as_path()).collect();
    destination::refuse_inputs(&destination, &inputs, &stopwords_file).map_err(Failure::Usage)?;
    if let Some(graph) = &args.graph {
        let graph = Destination::new(Some(graph));
        destination::refuse_inputs(&graph, &inputs, &stopwords_file).map_err(Failure::Usage)?;
    }
    let partials = parallel::analyze(
        &inputs,
        &config,
        args.input.lossy,
        progress.as_ref(),
        parallel::Threads {
            threads: args.threads,
            min_part_bytes: args.min_part_bytes,
        },
    )?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.per_file {
        let reports: Vec<(String, tgtext::Report)> = inputs
            .iter()
            .zip(partials)
            .map(|(input, partial)| (input.name.clone(), partial.into_report(top)))
            .collect();
        let output = per_file_output(format, &reports, |report| render(format, report));
        return Ok(Output::from(output.into_bytes()).to(destination));
    }
    let mut partials = partials.into_iter();
    let mut whole = partials.next().expect("there is always an input");
    for partial in partials {
        whole
            .merge(partial)
            .map_err(|e| Failure::Usage(e.to_string()))?;
    }
    if args.partial {
        return Ok(Output::from(whole.to_json().into_bytes()).to(destination));
    }
    let report = whole.into_report(top);
    if let Some(path) = &args.graph {
        write_graph(path, &report)?;
    }
    let mut output = Output::default();
    let rendered = match format {
        // Straight into the held-back output, never whole in one buffer (25 MB for 1 GB).
        OutputFormat::Json => {
            let mut out = std::io::BufWriter::new(&mut output);
            report.write_json(&mut out).and_then(|()| out.flush())
        }
        _ => output.push(render(format, &report).as_bytes()),
    };
    rendered.map_err(|err| {
        Failure::Input(format!("cannot hold the output in a temporary file: {err}"))
    })?;
    // The process ends next: freeing the report's many small allocations one by one costs more
    // than the exit does (~1.4 % of a 50 MB run's instructions).
    std::mem::forget(report);
    Ok(output.to(destination))
}

fn kwic(args: KwicArgs) -> Result<Output, Failure> {
    let config = args.config().map_err(Failure::Usage)?;
    let mut search =
        tgtext::Kwic::new(&args.term, &config).map_err(|e| Failure::Usage(e.to_string()))?;
    stream(&args.input.files, Destination::Stdout, |reader, push| {
        search.read_input(reader, args.input.lossy, |hit| match args.format {
            KwicFormat::Json => push(hit.to_json_line().as_bytes()),
            KwicFormat::Text => {
                let line = format!(
                    "{}\t{:>50} [{}] {}\n",
                    hit.index, hit.left, hit.matched, hit.right
                );
                push(line.as_bytes());
            }
        })
    })
}

/// `--graph FILE`: GEXF when FILE ends in `.gexf`, else an edge-list CSV.
fn write_graph(path: &std::path::Path, report: &tgtext::Report) -> Result<(), Failure> {
    let gexf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gexf"));
    let graph = if gexf {
        report.to_gexf()
    } else {
        report.to_edge_list()
    };
    std::fs::write(path, graph)
        .map_err(|e| Failure::Input(format!("{}: cannot write the graph: {e}", path.display())))
}

fn merge(args: MergeArgs) -> Result<Output, Failure> {
    let format = output_format(args.format);
    let top = match args.top {
        Some(top) => top,
        None if format == OutputFormat::Table => table::DEFAULT_TOP,
        None => 0,
    };
    let mut whole: Option<tgtext::Partial> = None;
    for path in &args.files {
        let name = display_name(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?;
        let partial = tgtext::Partial::from_json(&text).map_err(|e| InputError::new(&name, e))?;
        match &mut whole {
            None => whole = Some(partial),
            Some(whole) => whole
                .merge(partial)
                .map_err(|e| InputError::new(&name, e))?,
        }
    }
    let whole = whole.expect("clap requires at least one file");
    Ok(Output::from(
        render(format, &whole.into_report(top)).into_bytes(),
    ))
}

/// `--per-file`: JSON is an array of `{"file", "report"}`; CSV gains a first `file` column;
/// the table shows each file's report under its name.
fn per_file_output(
    format: OutputFormat,
    reports: &[(String, tgtext::Report)],
    render: impl Fn(&tgtext::Report) -> String,
) -> String {
    match format {
        OutputFormat::Json => tgtext::per_file_json(reports),
        OutputFormat::Csv => tgtext::per_file_csv(reports),
        OutputFormat::Table => reports
            .iter()
            .map(|(name, report)| format!("== {name}\n{}", render(report)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn strip(args: StripArgs) -> Result<Output, Failure> {
    let config = args.config().map_err(Failure::Usage)?;
    let mut stripper = tgtext::Stripper::new(&config);
    let destination = Destination::new(args.output.as_deref());
    stream(&args.input.files, destination, |reader, push| {
        stripper.read_input(reader, args.input.lossy, |post| match args.format {
            StripFormat::Text => {
                push(post.clean_text.as_bytes());
                push(b"\n\n");
            }
            StripFormat::Json => push(post.to_json_line().as_bytes()),
        })
    })
}

/// Reads every input through `read`, which pushes its output as it goes (`strip`, `kwic`):
/// that output is held back until the run succeeds, spilling to a temporary file when large.
fn stream(
    files: &[std::path::PathBuf],
    destination: Destination,
    mut read: impl FnMut(Box<dyn std::io::Read>, &mut dyn FnMut(&[u8])) -> Result<(), tgtext::Error>,
) -> Result<Output, Failure> {
    let (inputs, progress) = read::resolve(files)?;
    destination::refuse_inputs(&destination, &inputs, &[]).map_err(Failure::Usage)?;
    let mut output = Output::default().to(destination);
    let mut write_error = None;
    for input in &inputs {
        for file in input.files() {
            let reader = read::open(file, progress.as_ref())?;
            let mut push = |bytes: &[u8]| {
                if let Err(err) = output.push(bytes) {
                    write_error.get_or_insert(err);
                }
            };
            read(reader, &mut push).map_err(|e| InputError::new(&display_name(file), e))?;
            if let Some(err) = write_error.take() {
                let message = format!("cannot hold the output in a temporary file: {err}");
                return Err(Failure::Input(message));
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(output)
}
