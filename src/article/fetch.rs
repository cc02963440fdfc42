//! Web addresses as inputs (`https://…` where a path goes, or listed in a file with `--urls`):
//! fetches pages and feeds over HTTP with ureq and hands their bytes to the page and feed
//! readers. Knows nothing of what a page or a feed holds.
//!
//! Polite: each site's robots.txt is fetched once and honoured (Google's matcher, as the
//! robotstxt crate ports it); requests go one at a time, and two to one host are at least
//! [`FetchOptions::delay`] apart. Sturdy: timeouts on connecting and on each whole exchange,
//! up to [`ATTEMPTS`] tries with a doubling pause when the connection fails or the server
//! is busy (429, 5xx; its `Retry-After` is honoured up to a minute), gzip, and a User-Agent
//! that names hearsay. A page that fails is one error, and reading goes on.

use std::collections::HashMap;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet};
use ureq::http::{Response, Uri};
use ureq::{Body, ResponseExt};

use super::format::{named_format, Format};
use super::html::MAX_PAGE_BYTES;
use super::ArticleError;

/// Sent with every request, so that a site's owner can tell who is reading.
pub const USER_AGENT: &str = concat!(
    "hearsay/",
    env!("CARGO_PKG_VERSION"),
    " (claim-tracking news reader; honours robots.txt)"
);
/// The name robots.txt rules address hearsay by.
const ROBOTS_AGENT: &str = "hearsay";
/// Tries per request: the first and two retries.
const ATTEMPTS: u32 = 3;
/// The longest `Retry-After` waited for; a server asking for more is given up on.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// The part of a robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).
const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

/// How web addresses are read.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchOptions {
    /// The least time between two requests to one host.
    pub delay: Duration,
    /// Whether each feed item's page is fetched and read as the item's text (`--fetch`).
    pub fetch_items: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            delay: Duration::from_secs(1),
            fetch_items: false,
        }
    }
}

/// The web address an input names (`http://…`, `https://…`), or `None` for a file.
pub fn web_address(input: &Path) -> Option<&str> {
    let text = input.to_str()?;
    let scheme = text.split_once("://")?.0;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(text)
}

/// The web addresses listed in `file`, one per line; blank lines and lines starting with
/// `#` are skipped. A line that is no `http://` or `https://` address is an error naming it.
///
/// ```
/// use hearsay::article::url_list;
/// let dir = tempfile::tempdir()?;
/// let list = dir.path().join("urls.txt");
/// std::fs::write(&list, "# morning run\nhttps://example.org/a\n\nhttp://example.org/feed.rss\n")?;
/// assert_eq!(url_list(&list)?, ["https://example.org/a", "http://example.org/feed.rss"]);
/// # Result::<_, Box<dyn std::error::Error>>::Ok(())
/// ```
pub fn url_list(file: &Path) -> Result<Vec<String>, ArticleError> {
    let content = super::read_text(file)?;
    let mut urls = Vec::new();
    for (number, line) in content.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if web_address(Path::new(line)).is_none() {
            return Err(ArticleError::MalformedRow {
                origin: format!("{} line {}", file.display(), number + 1),
                reason: format!("{line:?} is not an http:// or https:// address"),
            });
        }
        urls.push(line.to_string());
    }
    Ok(urls)
}

/// A page or feed as fetched.
pub(crate) struct Fetched {
    /// Where it was found in the end, after redirects.
    pub(crate) url: String,
    pub(crate) format: Format,
    pub(crate) body: Vec<u8>,
}

/// Fetches web addresses one at a time, keeping each site's robots.txt rules and the time
/// of the last request to each host.
pub(crate) struct Fetcher {
    agent: ureq::Agent,
    delay: Duration,
    /// When each host last answered.
    last_request: HashMap<String, Instant>,
    /// A site's (`scheme://host:port`) robots.txt, as ASCII; `None` when it has none.
    robots: HashMap<String, Option<String>>,
}

impl Fetcher {
    pub(crate) fn new(delay: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Fetcher {
            agent,
            delay,
            last_request: HashMap::new(),
            robots: HashMap::new(),
        }
    }

    /// Fetches a page or a feed. The error says why in a few words, for the caller to name
    /// the input: robots.txt disallows it, the server fails or answers other than 2xx, or
    /// what it sends is neither HTML nor a feed.
    pub(crate) fn fetch(&mut self, url: &str) -> Result<Fetched, String> {
        let uri: Uri = url
            .parse()
            .map_err(|e| format!("not a valid web address ({e})"))?;
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return Err("not a valid web address (no host)".to_string());
        };
        let site = format!("{scheme}://{authority}");
        if !self.allowed_by_robots(&site, authority.host(), url) {
            return Err(format!(
                "{site}/robots.txt asks robots not to fetch it; skipped"
            ));
        }
        let mut response = self.get(authority.host(), url)?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the server answered {status}"));
        }
        let found_at = response.get_uri().to_string();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let format = format_of(&content_type, response.get_uri()).ok_or_else(|| {
            format!("the server sent {content_type:?}, neither a web page nor a feed")
        })?;
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_PAGE_BYTES)
            .read_to_vec()
            .map_err(|e| format!("cannot read what the server sent ({e})"))?;
        Ok(Fetched {
            url: found_at,
            format,
            body,
        })
    }

    /// A GET, retried with a doubling pause when the connection fails or the server is busy.
    fn get(&mut self, host: &str, url: &str) -> Result<Response<Body>, String> {
        let pause = self.delay.max(Duration::from_millis(250));
        let (result, _) = with_retries(ATTEMPTS, pause, || {
            self.wait_turn(host);
            let result = self.agent.get(url).call();
            // From the answer, not the asking: a slow answer must not eat the pause.
            self.last_request.insert(host.to_string(), Instant::now());
            result
        });
        result.map_err(|e| format!("cannot fetch it ({e})"))
    }

    /// Waits until `delay` has passed since the last answer from `host`.
    fn wait_turn(&self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < self.delay {
                thread::sleep(self.delay - since);
            }
        }
    }

    /// Whether `site`'s robots.txt lets hearsay fetch `url`. A site without one (4xx), or
    /// one that cannot be reached (the page's own fetch then says why), allows everything;
    /// one whose robots.txt fails with a server error allows nothing, as RFC 9309 asks.
    fn allowed_by_robots(&mut self, site: &str, host: &str, url: &str) -> bool {
        if !self.robots.contains_key(site) {
            let rules = self.robots_txt(site, host);
            self.robots.insert(site.to_string(), rules);
        }
        match self.robots.get(site) {
            Some(Some(rules)) => robotstxt::DefaultMatcher::default().one_agent_allowed_by_robots(
                rules,
                ROBOTS_AGENT,
                &ascii(url),
            ),
            _ => true,
        }
    }

    fn robots_txt(&mut self, site: &str, host: &str) -> Option<String> {
        let mut response = self.get(host, &format!("{site}/robots.txt")).ok()?;
        let status = response.status();
        if status.is_server_error() {
            return Some("User-agent: *\nDisallow: /\n".to_string());
        }
        if !status.is_success() {
            return None;
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ROBOTS_BYTES)
            .read_to_vec()
            .ok()?;
        Some(ascii(&String::from_utf8_lossy(&body)))
    }
}

/// `text` with every non-ASCII character percent-encoded, as robots.txt matching compares
/// paths (and as the matcher, which slices by byte, needs).
fn ascii(text: &str) -> String {
    const NONE: &AsciiSet = &AsciiSet::EMPTY;
    utf8_percent_encode(text, NONE).to_string()
}

/// Runs `attempt` up to `attempts` times while the connection fails or the server is busy
/// (429, 5xx), pausing `first_pause` and then twice as long each time, or as long as the
/// server asks (`Retry-After`, up to a minute). The last result, and how many attempts
/// were made.
pub(crate) fn with_retries(
    attempts: u32,
    first_pause: Duration,
    mut attempt: impl FnMut() -> Result<Response<Body>, ureq::Error>,
) -> (Result<Response<Body>, ureq::Error>, u32) {
    let mut pause = first_pause;
    let mut made = 1;
    loop {
        let result = attempt();
        let wait = match &result {
            Ok(response) => {
                let status = response.status();
                (status.as_u16() == 429 || status.is_server_error())
                    .then(|| retry_after(response).unwrap_or(pause))
            }
            Err(ureq::Error::Io(_) | ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed) => {
                Some(pause)
            }
            Err(_) => None,
        };
        match wait {
            Some(wait) if made < attempts && wait <= MAX_RETRY_AFTER => {
                thread::sleep(wait);
                pause *= 2;
                made += 1;
            }
            _ => return (result, made),
        }
    }
}

/// The pause a busy server asks for in seconds (`Retry-After: 120`), if it says.
fn retry_after(response: &Response<Body>) -> Option<Duration> {
    let seconds = response
        .headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

/// A web page or a feed, by the content type the server gives, else (for a server that
/// says `application/octet-stream` or nothing) by the address's extension.
fn format_of(content_type: &str, uri: &Uri) -> Option<Format> {
    if content_type.contains("html") {
        return Some(Format::Html);
    }
    if ["rss", "atom", "xml"]
        .iter()
        .any(|kind| content_type.contains(kind))
    {
        return Some(Format::Feed);
    }
    let known = content_type.is_empty()
        || content_type.starts_with("application/octet-stream")
        || content_type.starts_with("text/plain");
    let format = named_format(Path::new(uri.path()))?.format;
    (known && matches!(format, Format::Html | Format::Feed)).then_some(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_told_from_paths() {
        assert!(web_address(Path::new("https://example.org/a")).is_some());
        assert!(web_address(Path::new("HTTP://example.org/")).is_some());
        assert!(web_address(Path::new("ftp://example.org/a")).is_none());
        assert!(web_address(Path::new("data/https.txt")).is_none());
    }

    #[test]
    fn format_comes_from_the_content_type_then_the_extension() {
        let uri = |s: &str| s.parse::<Uri>().expect("uri");
        let page = uri("https://example.org/story");
        let feed = uri("https://example.org/news.rss");
        assert_eq!(
            format_of("text/html; charset=utf-8", &page),
            Some(Format::Html)
        );
        assert_eq!(format_of("application/rss+xml", &page), Some(Format::Feed));
        assert_eq!(format_of("text/xml", &page), Some(Format::Feed));
        assert_eq!(format_of("", &feed), Some(Format::Feed));
        assert_eq!(format_of("application/octet-stream", &page), None);
        assert_eq!(format_of("image/jpeg", &feed), None);
    }

    #[test]
    fn robots_rules_see_non_ascii_as_percent_escapes() {
        assert_eq!(ascii("/café?q=ü"), "/caf%C3%A9?q=%C3%BC");
        assert_eq!(
            ascii("User-agent: *\nDisallow: /"),
            "User-agent: *\nDisallow: /"
        );
    }
}
