//! The `tgtext` command: arguments → options → read and decode inputs → core → print.
//!
//! Everything about counting lives in the `tgtext` core crate; this binary only deals with
//! files, UTF-8 decoding (with byte offsets for errors), terminals and exit codes.

mod args;
mod output;
mod read;
mod table;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use args::{AnalyzeArgs, Cli, Command, OutputFormat, StripArgs, StripFormat};
use output::Output;
use read::{InputError, Inputs};

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
    let mut analyzer = tgtext::Analyzer::new(&config);
    let mut inputs = Inputs::open(&args.input.files, args.input.lossy)?;
    while let Some(mut input) = inputs.next_input()? {
        analyzer.start_input().map_err(|e| input.error(e))?;
        while let Some(chunk) = input.next_chunk()? {
            analyzer.feed(chunk).map_err(|e| input.error(e))?;
        }
        analyzer.end_input().map_err(|e| input.error(e))?;
    }
    inputs.finish();
    let report = analyzer.finish();
    let bytes = match format {
        OutputFormat::Json => report.to_json(),
        OutputFormat::Csv => report.to_csv(),
        OutputFormat::Table => table::render(&report),
    };
    Ok(Output::from(bytes.into_bytes()))
}

fn strip(args: StripArgs) -> Result<Output, Failure> {
    let config = args.config().map_err(Failure::Usage)?;
    let mut stripper = tgtext::Stripper::new(&config);
    let mut inputs = Inputs::open(&args.input.files, args.input.lossy)?;
    let mut output = Output::default();
    let mut print = |posts: Vec<tgtext::StrippedPost>| -> Result<(), Failure> {
        for post in posts {
            let written = match args.format {
                StripFormat::Text => output
                    .push(post.clean_text.as_bytes())
                    .and_then(|()| output.push(b"\n\n")),
                StripFormat::Json => output.push(post.to_json_line().as_bytes()),
            };
            written.map_err(|e| {
                Failure::Input(format!("cannot hold the output in a temporary file: {e}"))
            })?;
        }
        Ok(())
    };
    while let Some(mut input) = inputs.next_input()? {
        stripper.start_input().map_err(|e| input.error(e))?;
        while let Some(chunk) = input.next_chunk()? {
            stripper.feed(chunk).map_err(|e| input.error(e))?;
            print(stripper.take_posts())?;
        }
        stripper.end_input().map_err(|e| input.error(e))?;
        print(stripper.take_posts())?;
    }
    inputs.finish();
    Ok(output)
}
