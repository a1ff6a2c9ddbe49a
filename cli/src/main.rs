//! The `tgtext` command: arguments → options → open inputs → core → print.
//!
//! Everything about counting, decoding and parsing lives in the `tgtext` core crate; this binary
//! only finds files, holds the output back until the run succeeds, and sets exit codes.

mod args;
mod output;
mod read;
mod table;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use args::{AnalyzeArgs, Cli, Command, OutputFormat, StripArgs, StripFormat};
use output::Output;
use read::{display_name, InputError, NamedInput};

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
    };
    match result {
        Ok(output) => write_stdout(output),
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

/// Prints the whole output at once, so that nothing reaches stdout when a run fails.
/// A closed pipe (`tgtext analyze x | head`) is not an error.
fn write_stdout(output: Output) -> ExitCode {
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

fn analyze(args: AnalyzeArgs) -> Result<Output, Failure> {
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Json
    });
    let mut config = args.config().map_err(Failure::Usage)?;
    if args.top.is_none() && format == OutputFormat::Table {
        config.top = table::DEFAULT_TOP;
    }
    if let Some(path) = &args.stopwords_file {
        config.stopwords_extra = read::stopwords_file(path)?;
    }
    config
        .validate()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let (inputs, progress) = read::resolve(&args.input.files)?;
    let lossy = args.input.lossy;
    let render = |report: &tgtext::Report| match format {
        OutputFormat::Json => report.to_json(),
        OutputFormat::Csv => report.to_csv(),
        OutputFormat::Table => table::render(report),
    };
    let new_analyzer = || tgtext::Analyzer::new(&config).map_err(|e| Failure::Usage(e.to_string()));
    let output = if args.per_file {
        let mut reports = Vec::new();
        for input in &inputs {
            let mut analyzer = new_analyzer()?;
            read_into(&mut analyzer, input, lossy, progress.as_ref())?;
            reports.push((input.name.clone(), analyzer.finish()));
        }
        per_file_output(format, &reports, render)
    } else {
        let mut analyzer = new_analyzer()?;
        for input in &inputs {
            read_into(&mut analyzer, input, lossy, progress.as_ref())?;
        }
        render(&analyzer.finish())
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(Output::from(output.into_bytes()))
}

fn read_into(
    analyzer: &mut tgtext::Analyzer,
    input: &NamedInput,
    lossy: bool,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(), Failure> {
    for file in input.files() {
        let reader = read::open(file, progress)?;
        analyzer
            .read_input(reader, lossy)
            .map_err(|e| InputError::new(&display_name(file), e))?;
    }
    Ok(())
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
    let (inputs, progress) = read::resolve(&args.input.files)?;
    let mut output = Output::default();
    let mut write_error = None;
    for input in &inputs {
        for file in input.files() {
            let reader = read::open(file, progress.as_ref())?;
            stripper
                .read_input(reader, args.input.lossy, |post| {
                    let written = match args.format {
                        StripFormat::Text => output
                            .push(post.clean_text.as_bytes())
                            .and_then(|()| output.push(b"\n\n")),
                        StripFormat::Json => output.push(post.to_json_line().as_bytes()),
                    };
                    if let Err(err) = written {
                        write_error.get_or_insert(err);
                    }
                })
                .map_err(|e| InputError::new(&display_name(file), e))?;
            if let Some(err) = write_error.take() {
                return Err(Failure::Input(format!(
                    "cannot hold the output in a temporary file: {err}"
                )));
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(output)
}
