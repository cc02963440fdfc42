//! `hearsay serve`: keeps a store open so that lookups skip opening it.
//!
//! Opening a million-claim store read-only costs RocksDB about 20 ms, and a lookup's first
//! touch of each table file as much again (its index and filter are read then); a process
//! that stays open pays both once. While a server runs, the lookup commands on its store
//! (`claims`, `sources`, `show`, `timeline`, `propositions`, `query`, whose query file the
//! client reads) send their command line to it over the Unix socket `hearsay.sock` in the
//! store's directory and print what it writes back. Nothing changes for the user: same
//! arguments, output, errors and exit codes. A client that finds no live server, or one
//! that hangs up before answering, runs the command itself.
//!
//! The server only reads. Before each lookup it compares the store's files with those it
//! opened ([`Store::generation`]) and opens the store again when a writer (`ingest`,
//! `compact`) has changed them, so every answer is of the store as it is then.
//!
//! The exchange: the client writes one JSON line ([`Request`]); the server answers with
//! frames, each a tag byte, a big-endian `u32` length and that many bytes: `o` for standard
//! output, then one `x` (the exit code byte, then the error message, if any) or one `r`
//! (refused: the client runs the command itself).

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use serde::{Deserialize, Serialize};

use std::os::unix::net::{UnixListener, UnixStream};

use super::args::{Cli, Command, ServeArgs, StoreArgs};
use super::output::Console;
use super::Outcome;
use crate::store::{Generation, Store, StoreError};
use crate::web;

/// The socket's name in the store's directory.
const SOCKET: &str = "hearsay.sock";

/// A request is one line of at most this many bytes, sent within this time.
const MAX_REQUEST: u64 = 1 << 20;
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Frame tags.
const OUTPUT: u8 = b'o';
const EXIT: u8 = b'x';
const REFUSED: u8 = b'r';

/// What a client sends: its command line and what its standard output is.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    /// The client's version: a server of another version refuses, and the client runs the
    /// command itself, so an upgrade never mixes two builds' outputs.
    version: String,
    args: Vec<String>,
    /// The text of a query file the command names, read by the client: the server's
    /// working directory is not the client's.
    #[serde(default)]
    query: Option<String>,
    console: Console,
}

/// The socket of the server for the store in `store`.
fn socket_path(store: &Path) -> PathBuf {
    store.join(SOCKET)
}

/// Whether the server runs `command`: read-only, with its output all on stdout.
fn is_served(command: &Command) -> bool {
    matches!(
        command,
        Command::Claims(_)
            | Command::Sources(_)
            | Command::Show(_)
            | Command::Timeline(_)
            | Command::Propositions(_)
            | Command::Query(_)
    )
}

/// Runs `cli`, whose command line was `argv`, in the server of its store when one is
/// running: `Some` with the outcome when it did, `None` to run it in this process.
pub fn forward(cli: &Cli, argv: &[OsString]) -> Option<Result<Outcome>> {
    if cli.store.memory || cli.remote.endpoint.is_some() || !is_served(&cli.command) {
        return None;
    }
    let args = argv
        .iter()
        .map(|arg| arg.to_str().map(str::to_owned))
        .collect::<Option<Vec<_>>>()?;
    let query = match &cli.command {
        // A file that cannot be read is this process's to report.
        Command::Query(args) if super::query::names_file(&args.query) => {
            Some(std::fs::read_to_string(&args.query).ok()?)
        }
        _ => None,
    };
    let stream = connect(&socket_path(&cli.store.store))?;
    let request = Request {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        args,
        query,
        console: Console::of_stdout(),
    };
    let mut stdout = io::stdout().lock();
    match exchange(stream, &request, &mut stdout) {
        Ok(Answer::NotTaken) => None,
        Ok(Answer::Exit(code, message)) => Some(outcome_of(code, message)),
        // The client's own stdout closing is the caller's to judge (`| head` is no error).
        Err(Failure::Output(err)) => Some(Err(err.into())),
        Err(Failure::Server(err)) => Some(Err(anyhow::Error::new(err).context(format!(
            "the hearsay server of {} stopped answering; stop it (Ctrl-C) and start it again \
             with `hearsay --store {} serve`, or stop it to run lookups without it",
            cli.store.store.display(),
            cli.store.store.display()
        )))),
    }
}

fn connect(socket: &Path) -> Option<UnixStream> {
    // No socket, or one whose server is gone (refused): run the command here.
    UnixStream::connect(socket).ok()
}

/// How the server answered.
enum Answer {
    /// Refused, or gone before it printed anything: the command is this process's to run.
    NotTaken,
    Exit(u8, String),
}

/// What went wrong in an exchange: writing our own output, or talking to the server.
enum Failure {
    Output(io::Error),
    Server(io::Error),
}

/// Sends `request` and copies the answer's output to `out`.
fn exchange(
    mut stream: impl Read + Write,
    request: &Request,
    out: &mut dyn Write,
) -> Result<Answer, Failure> {
    let mut line = serde_json::to_vec(request).map_err(|e| Failure::Server(e.into()))?;
    line.push(b'\n');
    // A server that hung up before reading the request leaves the command to us.
    if stream
        .write_all(&line)
        .and_then(|()| stream.flush())
        .is_err()
    {
        return Ok(Answer::NotTaken);
    }
    let mut reader = BufReader::new(stream);
    let mut printed = false;
    loop {
        let (tag, payload) = match read_frame(&mut reader) {
            Ok(frame) => frame,
            // A server stopped before it answered leaves nothing half printed.
            Err(_) if !printed => return Ok(Answer::NotTaken),
            Err(err) => return Err(Failure::Server(err)),
        };
        match tag {
            OUTPUT => {
                printed = true;
                out.write_all(&payload).map_err(Failure::Output)?;
            }
            REFUSED => return Ok(Answer::NotTaken),
            EXIT => {
                out.flush().map_err(Failure::Output)?;
                let (code, message) = payload.split_first().unwrap_or((&2, &[]));
                return Ok(Answer::Exit(
                    *code,
                    String::from_utf8_lossy(message).into_owned(),
                ));
            }
            other => {
                return Err(Failure::Server(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("unknown frame {other:#04x}"),
                )))
            }
        }
    }
}

/// The outcome a server's exit frame stands for.
fn outcome_of(code: u8, message: String) -> Result<Outcome> {
    match code {
        0 => Ok(Outcome::Done),
        1 => Ok(Outcome::NothingFound),
        _ if !message.is_empty() => Err(anyhow::Error::msg(message)),
        _ => Ok(Outcome::PartlyFailed),
    }
}

fn read_frame(reader: &mut impl Read) -> io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 5];
    reader.read_exact(&mut head)?;
    let [tag, length @ ..] = head;
    let mut payload = vec![0; u32::from_be_bytes(length) as usize];
    reader.read_exact(&mut payload)?;
    Ok((tag, payload))
}

fn write_frame(out: &mut impl Write, tag: u8, payload: &[u8]) -> io::Result<()> {
    // Larger payloads go as several frames (see `Frames`); this one is short.
    let length = u32::try_from(payload.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    out.write_all(&[tag])?;
    out.write_all(&length.to_be_bytes())?;
    out.write_all(payload)
}

/// A command's standard output, as `o` frames.
struct Frames<W: Write>(W);

impl<W: Write> Write for Frames<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let chunk = &buf[..buf.len().min(u32::MAX as usize)];
        write_frame(&mut self.0, OUTPUT, chunk)?;
        Ok(chunk.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The store as the server last opened it, with the generation read before opening.
struct View {
    path: PathBuf,
    current: Mutex<(Generation, Store)>,
    /// Whether a store opened again warms its memo at once (for the web's listings).
    warm: bool,
}

impl View {
    fn open(path: &Path, warm: bool) -> Result<View> {
        let generation = Store::generation(path)?;
        let store = Store::open_read_only(path)?;
        Ok(View {
            path: path.to_path_buf(),
            current: Mutex::new((generation, store)),
            warm,
        })
    }

    /// The store as it is now: opened again when a writer has changed its files.
    fn current(&self) -> Result<Store, StoreError> {
        // Read before opening: a write in between makes the next request open it again,
        // never serve an old view.
        let generation = Store::generation(&self.path)?;
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.0 != generation {
            let store = Store::open_read_only(&self.path)?;
            if self.warm {
                // Computed beside the requests: pages that need none of it answer at once,
                // and one that does waits for this computation rather than repeating it. A
                // failure here is met again, and reported, by the request that needs it.
                let warming = store.clone();
                std::thread::spawn(move || warming.warm());
            }
            *current = (generation.clone(), store);
        }
        Ok(current.1.clone())
    }
}

impl web::StoreSource for View {
    fn store(&self) -> Result<Store, StoreError> {
        self.current()
    }
}

/// `hearsay serve`: answers lookups on the store until stopped, and with `--http` serves it
/// on the web too.
pub fn run(store: &StoreArgs, args: &ServeArgs) -> Result<Outcome> {
    if store.memory {
        anyhow::bail!("--memory gives an empty throwaway store: there is nothing to serve");
    }
    super::require_store_dir(store)?;
    let view = Arc::new(
        View::open(&store.store, args.http.is_some())
            .with_context(|| format!("opening store {}", store.store.display()))?,
    );
    let socket = socket_path(&store.store);
    if UnixStream::connect(&socket).is_ok() {
        anyhow::bail!(
            "a hearsay server already serves {}; stop it first",
            store.store.display()
        );
    }
    // A socket nobody answers on is left by a server that was killed: take its place.
    if socket.exists() {
        std::fs::remove_file(&socket)
            .with_context(|| format!("cannot remove the stale socket {}", socket.display()))?;
    }
    let listener = UnixListener::bind(&socket).with_context(|| {
        format!(
            "cannot listen on {}; the store's directory must be writable and its path short \
             (sockets take at most 107 bytes)",
            socket.display()
        )
    })?;
    // Bound before anything is said, so that a taken port stops the server at once.
    let http = match args.http {
        Some(addr) => Some(web::Server::bind(
            addr,
            web::Options {
                query_timeout: args.query_timeout.0,
                max_rows: args.max_rows,
                ..web::Options::default()
            },
        )?),
        None => None,
    };
    eprintln!(
        "serving {}: lookups on it now run here (socket {}); stop with Ctrl-C",
        store.store.display(),
        socket.display()
    );
    if let Some(http) = http {
        let addr = http.addr();
        if !addr.ip().is_loopback() {
            eprintln!(
                "hearsay serve: warning: {addr} is reachable from other machines; anyone who \
                 can reach it can read the whole store"
            );
        }
        eprintln!("web pages and SPARQL endpoint on http://{addr}/ (SPARQL at /sparql)");
        let socket_view = Arc::clone(&view);
        std::thread::spawn(move || serve_socket(listener, socket_view));
        http.run(view, log_request)
            .context("running the web server")?;
    } else {
        serve_socket(listener, view);
    }
    Ok(Outcome::Done)
}

/// The server's log: one line per web request on stderr.
fn log_request(line: &str) {
    eprintln!("{line}");
}

/// Answers lookups over the Unix socket until the process ends.
fn serve_socket(listener: UnixListener, view: Arc<View>) {
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(err) => {
                eprintln!("hearsay serve: {err}");
                continue;
            }
        };
        let view = Arc::clone(&view);
        std::thread::spawn(move || {
            if let Err(err) = answer(stream, &view) {
                eprintln!("hearsay serve: {err:#}");
            }
        });
    }
}

/// Answers one client: reads its request, runs the lookup, writes the frames, and logs a line.
fn answer(stream: UnixStream, view: &View) -> Result<()> {
    let started = Instant::now();
    // A client that connects and never sends its line must not hold a thread for ever.
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    let mut line = String::new();
    BufReader::new(&stream)
        .take(MAX_REQUEST)
        .read_line(&mut line)
        .context("reading a request")?;
    let mut out = BufWriter::new(&stream);
    let request: Request = match serde_json::from_str(&line) {
        Ok(request) => request,
        Err(err) => {
            let message = format!("hearsay serve: a request it could not read: {err}");
            write_exit(&mut out, 2, &message)?;
            anyhow::bail!(message);
        }
    };
    let mut cli = match Cli::try_parse_from(&request.args) {
        Ok(cli) if request.version == env!("CARGO_PKG_VERSION") && is_served(&cli.command) => cli,
        // Another version, or a command only the client can run: the client runs it.
        _ => {
            write_frame(&mut out, REFUSED, &[])?;
            out.flush()?;
            return Ok(());
        }
    };
    if let (Command::Query(args), Some(text)) = (&mut cli.command, request.query) {
        args.query = text;
    }
    let result = view
        .current()
        .map_err(anyhow::Error::from)
        .and_then(|store| {
            // Frames of at least a buffer's worth, however small the command's writes.
            let mut frames = BufWriter::new(Frames(&mut out));
            let outcome = super::run_lookup(
                super::Target::Store(&store),
                &cli.command,
                &request.console,
                &mut frames,
            )?;
            frames.flush()?;
            Ok(outcome)
        });
    let (code, message) = match &result {
        Ok(outcome) => (outcome.code(), String::new()),
        Err(err) if super::is_broken_pipe(err) => return Ok(()),
        Err(err) => (2, format!("{err:#}")),
    };
    // Logged before the client hears the end, so the log never lags what it saw.
    eprintln!(
        "{}: exit {code} in {:.1} ms",
        request.args.get(1..).unwrap_or_default().join(" "),
        started.elapsed().as_secs_f64() * 1e3
    );
    write_exit(&mut out, code, &message)?;
    Ok(())
}

fn write_exit(out: &mut impl Write, code: u8, message: &str) -> io::Result<()> {
    let mut payload = vec![code];
    payload.extend_from_slice(message.as_bytes());
    write_frame(out, EXIT, &payload)?;
    out.flush()
}
