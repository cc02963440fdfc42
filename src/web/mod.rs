//! `hearsay serve --http`: a read-only web face on a store, for people (server-rendered
//! pages) and for RDF tools (the SPARQL 1.1 Protocol at `/sparql`).
//! Knows nothing of the command line: the CLI binds a [`Server`] and runs it.
//!
//! One file per concern: this one holds the HTTP plumbing (a tiny_http listener, a bounded
//! pool of workers, requests and replies); `routes.rs` maps paths to handlers; `sparql.rs`
//! is the protocol; `pages.rs` renders HTML; `negotiate.rs` reads `Accept` headers.
//!
//! Load: a fixed number of workers answer requests, fed through a bounded queue. A request
//! that finds the queue full gets `503 Service Unavailable` at once, from the thread that
//! accepts connections, so a burst of clients costs a queue's worth of memory, never a
//! crash. Queries have a time limit and a cap on rows ([`Options`]).

mod negotiate;
mod pages;
mod routes;
mod sparql;

use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc::{sync_channel, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::store::{Store, StoreError};

/// How the server answers.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long one SPARQL query may run before it is stopped (`None`: no limit).
    pub query_timeout: Option<Duration>,
    /// Rows (solutions or triples) at most in one SPARQL answer.
    pub max_rows: usize,
    /// Requests answered at once.
    pub workers: usize,
    /// Requests that may wait for a worker; more get 503.
    pub queue: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            query_timeout: Some(Duration::from_secs(30)),
            max_rows: 10_000,
            workers: 8,
            queue: 64,
        }
    }
}

/// Gives the store as it is now (a server reopens it when a writer has changed it).
pub trait StoreSource: Send + Sync {
    fn store(&self) -> Result<Store, StoreError>;
}

impl StoreSource for Store {
    fn store(&self) -> Result<Store, StoreError> {
        Ok(self.clone())
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}: {message}")]
pub struct BindError {
    addr: SocketAddr,
    message: String,
}

/// A bound HTTP listener, ready to [`Server::run`].
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    options: Options,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free port: see [`Server::addr`]).
    pub fn bind(addr: SocketAddr, options: Options) -> Result<Server, BindError> {
        let http = tiny_http::Server::http(addr).map_err(|e| BindError {
            addr,
            message: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().ok_or_else(|| BindError {
            addr,
            message: "not an IP address".to_owned(),
        })?;
        Ok(Server {
            http,
            addr,
            options,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until the process ends; `log` gets one line per request.
    pub fn run(self, stores: Arc<dyn StoreSource>, log: fn(&str)) {
        let (queue, waiting) = sync_channel::<tiny_http::Request>(self.options.queue);
        let waiting = Arc::new(Mutex::new(waiting));
        let options = Arc::new(self.options);
        for _ in 0..options.workers.max(1) {
            let waiting = Arc::clone(&waiting);
            let stores = Arc::clone(&stores);
            let options = Arc::clone(&options);
            std::thread::spawn(move || loop {
                let next = waiting
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .recv();
                let Ok(request) = next else { return };
                answer(request, stores.as_ref(), &options, log);
            });
        }
        for request in self.http.incoming_requests() {
            match queue.try_send(request) {
                Ok(()) => {}
                Err(TrySendError::Full(request)) => {
                    log(&format!(
                        "{} {}: 503 (busy)",
                        request.method(),
                        request.url()
                    ));
                    respond(
                        request,
                        Reply::text(503, "the server is busy; try again in a moment")
                            .with_header("Retry-After", "1"),
                    );
                }
                Err(TrySendError::Disconnected(_)) => return,
            }
        }
    }
}

/// Largest request body read (a SPARQL query, a form).
const MAX_BODY: u64 = 1 << 20;

/// An HTTP method this server tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
    Post,
    Other,
}

/// What a handler sees of a request.
pub(crate) struct Request {
    pub method: Method,
    /// The path, percent-decoded.
    pub path: String,
    /// The URL's query parameters, decoded.
    pub params: Vec<(String, String)>,
    pub accept: Option<String>,
    pub content_type: Option<String>,
    pub host: Option<String>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of the URL parameter `name`, if given and not blank.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }
}

/// What a handler answers.
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.to_owned(),
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text message, one line.
    pub fn text(status: u16, message: &str) -> Reply {
        let mut body = message.as_bytes().to_vec();
        body.push(b'\n');
        Reply::bytes(status, "text/plain; charset=utf-8", body)
    }

    pub fn html(markup: maud::Markup) -> Reply {
        Reply::bytes(
            200,
            "text/html; charset=utf-8",
            markup.into_string().into_bytes(),
        )
    }

    pub fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// Reads one request, routes it, answers it and logs it.
fn answer(mut raw: tiny_http::Request, stores: &dyn StoreSource, options: &Options, log: fn(&str)) {
    let started = Instant::now();
    let line = format!("{} {}", raw.method(), raw.url());
    let request = read_request(&mut raw);
    let reply = match (request, stores.store()) {
        (Ok(request), Ok(store)) => {
            // A panic in one handler must cost one 500, never a worker.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                routes::route(&request, &store, options)
            }))
            .unwrap_or_else(|_| Reply::text(500, "internal error; the server log says more"))
        }
        (Err(reply), _) => reply,
        (_, Err(error)) => Reply::text(503, &format!("the store cannot be read now: {error}")),
    };
    log(&format!(
        "{line}: {} in {:.1} ms",
        reply.status,
        started.elapsed().as_secs_f64() * 1e3
    ));
    respond(raw, reply);
}

fn read_request(raw: &mut tiny_http::Request) -> Result<Request, Reply> {
    let header = |name: &'static str| {
        raw.headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (path, query) = raw.url().split_once('?').unwrap_or((raw.url(), ""));
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Reply::text(400, "the path is not UTF-8"))?
        .into_owned();
    let params = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let method = match raw.method() {
        tiny_http::Method::Get => Method::Get,
        tiny_http::Method::Head => Method::Head,
        tiny_http::Method::Post => Method::Post,
        _ => Method::Other,
    };
    let accept = header("Accept");
    let content_type = header("Content-Type");
    let host = header("Host");
    let mut body = Vec::new();
    if method == Method::Post {
        raw.as_reader()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
            .map_err(|e| Reply::text(400, &format!("cannot read the request body: {e}")))?;
        if body.len() as u64 > MAX_BODY {
            return Err(Reply::text(413, "the request body is over 1 MB"));
        }
    }
    Ok(Request {
        method,
        path,
        params,
        accept,
        content_type,
        host,
        body,
    })
}

fn respond(raw: tiny_http::Request, reply: Reply) {
    // tiny_http leaves the body out of an answer to HEAD itself.
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        ("Content-Type", reply.content_type.as_str()),
        // Pages carry no script of their own: any script an article smuggled in is inert.
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Vary", "Accept"),
    ];
    for (name, value) in headers
        .iter()
        .map(|(n, v)| (*n, *v))
        .chain(reply.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A client gone before its answer is its own business.
    let _ = raw.respond(response);
}
