//! `hearsay serve --http`: a read-only web face on a store, for people (server-rendered
//! pages) and for RDF tools (the SPARQL 1.1 Protocol at `/sparql`).
//! Knows nothing of the command line: the CLI binds a [`Server`] and runs it.
//!
//! One file per concern: this one holds the HTTP plumbing (hyper on a small tokio runtime,
//! a bounded number of requests in flight, requests and replies); `routes.rs` maps paths to handlers; `sparql.rs`
//! is the protocol; `pages.rs` renders HTML; `negotiate.rs` reads `Accept` headers.
//!
//! Load: connections are cheap tasks (an idle keep-alive connection holds no thread); a fixed
//! number of worker threads answer requests, and at most a queue's worth more may wait for
//! them. A request beyond that gets `503 Service Unavailable` at once, so a burst of clients
//! costs a queue's worth of memory, never a crash. Queries have a time limit and a cap on
//! rows ([`Options`]).

mod charts;
mod negotiate;
mod pages;
mod routes;
mod sparql;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

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
    listener: std::net::TcpListener,
    addr: SocketAddr,
    options: Options,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free port: see [`Server::addr`]).
    pub fn bind(addr: SocketAddr, options: Options) -> Result<Server, BindError> {
        let failed = |error: std::io::Error| BindError {
            addr,
            message: error.to_string(),
        };
        let listener = listen(addr).map_err(failed)?;
        let addr = listener.local_addr().map_err(failed)?;
        Ok(Server {
            listener,
            addr,
            options,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until the process ends; `log` gets one line per request.
    pub fn run(self, stores: Arc<dyn StoreSource>, log: fn(&str)) -> std::io::Result<()> {
        let workers = self.options.workers.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(workers)
            .enable_io()
            .enable_time()
            .build()?;
        // What a read-only store keeps for the listings (counts over the whole store, the
        // article order) takes seconds on a large store: computed now, not by the first reader.
        let warming = Arc::clone(&stores);
        std::thread::spawn(move || {
            if let Err(error) = warming.store().and_then(|store| store.warm()) {
                log(&format!("cannot prepare the listings: {error}"));
            }
        });
        let shared = Arc::new(Shared {
            stores,
            admitted: Arc::new(Semaphore::new(workers + self.options.queue)),
            options: self.options,
            log,
        });
        runtime.block_on(accept_forever(self.listener, shared))
    }
}

/// What every connection's tasks share.
struct Shared {
    stores: Arc<dyn StoreSource>,
    /// Requests being answered or waiting for a worker; one more gets 503 at once.
    admitted: Arc<Semaphore>,
    options: Options,
    log: fn(&str),
}

/// How long a client may take to send a request's head, or its body: a client that trickles
/// bytes holds a connection, never a worker, and not for long.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

async fn accept_forever(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: the connections already open go on, and
            // a moment later accepting may succeed again.
            Err(error) => {
                (shared.log)(&format!("cannot accept a connection: {error}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, std::convert::Infallible>(handle(request, shared).await) }
            });
            // A client gone mid-request is its own business.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(READ_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

type Body = http_body_util::Full<hyper::body::Bytes>;

/// Reads one request, admits it or turns it away, and answers it on a worker thread.
async fn handle(
    raw: hyper::Request<hyper::body::Incoming>,
    shared: Arc<Shared>,
) -> hyper::Response<Body> {
    let started = Instant::now();
    let line = format!("{} {}", raw.method(), raw.uri());
    let request = match read_request(raw).await {
        Ok(request) => request,
        Err(reply) => return logged(&shared, &line, started, reply),
    };
    let Ok(admitted) = Arc::clone(&shared.admitted).try_acquire_owned() else {
        (shared.log)(&format!("{line}: 503 (busy)"));
        return response(
            Reply::text(503, "the server is busy; try again in a moment")
                .with_header("Retry-After", "1"),
        );
    };
    let worker = Arc::clone(&shared);
    // Store reads block: they run on the blocking pool, as many at once as there are workers.
    let reply = tokio::task::spawn_blocking(move || {
        let _admitted = admitted;
        answer(&request, worker.stores.as_ref(), &worker.options)
    })
    .await
    .unwrap_or_else(|_| Reply::text(500, "internal error; the server log says more"));
    logged(&shared, &line, started, reply)
}

fn logged(shared: &Shared, line: &str, started: Instant, reply: Reply) -> hyper::Response<Body> {
    (shared.log)(&format!(
        "{line}: {} in {:.1} ms",
        reply.status,
        started.elapsed().as_secs_f64() * 1e3
    ));
    response(reply)
}

/// Connections the kernel holds for the accept loop. std's listeners hold 128: in a burst,
/// the connections beyond them had their handshakes dropped and waited on the client's SYN
/// retries (1 s, 3 s, 7 s, …). The kernel caps it at `net.core.somaxconn` (4096 on current
/// Linux).
const ACCEPT_QUEUE: i32 = 1024;

/// A TCP listener on `addr` with an accept queue of [`ACCEPT_QUEUE`].
fn listen(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    // As std does: a restarted server may bind while old connections linger in TIME_WAIT.
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(ACCEPT_QUEUE)?;
    Ok(socket.into())
}

/// Largest request body read (a SPARQL query, a form).
const MAX_BODY: usize = 1 << 20;

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

/// Routes one request on a worker thread and gives the reply.
fn answer(request: &Request, stores: &dyn StoreSource, options: &Options) -> Reply {
    match stores.store() {
        // A panic in one handler must cost one 500, never a worker.
        Ok(store) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            routes::route(request, &store, options)
        }))
        .unwrap_or_else(|_| Reply::text(500, "internal error; the server log says more")),
        Err(error) => Reply::text(503, &format!("the store cannot be read now: {error}")),
    }
}

async fn read_request(raw: hyper::Request<hyper::body::Incoming>) -> Result<Request, Reply> {
    use http_body_util::BodyExt;
    let (head, body) = raw.into_parts();
    let header = |name: hyper::header::HeaderName| {
        head.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let path = percent_encoding::percent_decode_str(head.uri.path())
        .decode_utf8()
        .map_err(|_| Reply::text(400, "the path is not UTF-8"))?
        .into_owned();
    let params = form_urlencoded::parse(head.uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let method = match head.method {
        hyper::Method::GET => Method::Get,
        hyper::Method::HEAD => Method::Head,
        hyper::Method::POST => Method::Post,
        _ => Method::Other,
    };
    let mut bytes = Vec::new();
    if method == Method::Post {
        let limited = http_body_util::Limited::new(body, MAX_BODY);
        bytes = match tokio::time::timeout(READ_TIMEOUT, limited.collect()).await {
            Ok(Ok(collected)) => collected.to_bytes().to_vec(),
            Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
                return Err(Reply::text(413, "the request body is over 1 MB"));
            }
            Ok(Err(error)) => {
                return Err(Reply::text(
                    400,
                    &format!("cannot read the request body: {error}"),
                ))
            }
            Err(_) => return Err(Reply::text(408, "the request body came too slowly")),
        };
    }
    Ok(Request {
        method,
        path,
        params,
        accept: header(hyper::header::ACCEPT),
        content_type: header(hyper::header::CONTENT_TYPE),
        host: header(hyper::header::HOST),
        body: bytes,
    })
}

/// The HTTP response for `reply`, with the headers every answer carries.
fn response(reply: Reply) -> hyper::Response<Body> {
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
    let mut response = hyper::Response::builder().status(reply.status);
    for (name, value) in headers
        .iter()
        .map(|(n, v)| (*n, *v))
        .chain(reply.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    {
        // A value that is no valid header (a control character from stored text) is left
        // out rather than failing the answer.
        if hyper::header::HeaderValue::from_str(value).is_ok() {
            response = response.header(name, value);
        }
    }
    // hyper leaves the body out of an answer to HEAD itself.
    response
        .body(Body::new(reply.body.into()))
        .unwrap_or_else(|_| {
            let mut failed = hyper::Response::new(Body::new("internal error\n".into()));
            *failed.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            failed
        })
}
