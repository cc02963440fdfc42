//! HTTP to a SPARQL server: credentials from the environment, timeouts, retries with a
//! doubling pause when the server is busy (429, 5xx) or the connection fails, and one line
//! of error when it still fails.

use std::time::Duration;

use base64::Engine as _;
use ureq::http::Response;
use ureq::Body;

use super::RemoteError;
use crate::article::{with_retries, USER_AGENT};

/// The user name for HTTP basic authentication, read from the environment only: a password
/// on the command line would be seen by every user of the machine (`ps`).
pub const USER_VARIABLE: &str = "HEARSAY_ENDPOINT_USER";
/// The password that goes with [`USER_VARIABLE`].
pub const PASSWORD_VARIABLE: &str = "HEARSAY_ENDPOINT_PASSWORD";

/// Attempts at one request before its failure is reported.
const ATTEMPTS: u32 = 5;
/// The first pause between attempts; it doubles after each.
const FIRST_PAUSE: Duration = Duration::from_millis(500);
/// What one answer may hold: a lookup's rows on a large store reach hundreds of MB.
const MAX_ANSWER_BYTES: u64 = 4 << 30;

/// One answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// The media type, lowercase, without parameters (`application/sparql-results+json`).
    pub media_type: String,
    /// The `Server` header, which names the product (`Virtuoso/07.20.3229`).
    pub server: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The answer when it is a success, else [`RemoteError::Rejected`] with what the
    /// server said.
    pub fn success(self, url: &str) -> Result<Answer, RemoteError> {
        if self.is_success() {
            return Ok(self);
        }
        Err(RemoteError::Rejected {
            url: url.to_owned(),
            status: self.status,
            message: self.message(),
        })
    }

    /// The first line of what the server said, for an error message.
    pub fn message(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let line = text
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with('<'))
            .unwrap_or("");
        line.chars().take(300).collect()
    }
}

/// A request, built anew for each attempt.
pub enum Method<'a> {
    Get,
    /// POST of a body with its content type.
    Post(&'a str, &'a [u8]),
    /// PUT of a body with its content type.
    Put(&'a str, &'a [u8]),
    Delete,
}

/// An HTTP client for one server's endpoints.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    /// `Basic …`, from the environment.
    authorization: Option<String>,
}

impl Client {
    /// A client whose requests time out after `timeout`, with the credentials of
    /// [`USER_VARIABLE`] and [`PASSWORD_VARIABLE`] when they are set.
    pub fn from_env(timeout: Duration) -> Result<Client, RemoteError> {
        let user = std::env::var(USER_VARIABLE).ok().filter(|u| !u.is_empty());
        let password = std::env::var(PASSWORD_VARIABLE).ok();
        let authorization = match (user, password) {
            (Some(user), password) => {
                let pair = format!("{user}:{}", password.unwrap_or_default());
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            (None, Some(_)) => {
                return Err(RemoteError::Setup(format!(
                    "{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not; set both, or neither"
                )))
            }
            (None, None) => None,
        };
        let agent = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(3)
            .build()
            .into();
        Ok(Client {
            agent,
            authorization,
        })
    }

    /// Sends a request, again after a pause while the server is busy or unreachable, and
    /// reads the answer. 401 and 403 are errors that name the credentials' variables; other
    /// statuses are the caller's to judge.
    pub fn send(&self, method: Method<'_>, url: &str, accept: &str) -> Result<Answer, RemoteError> {
        let (result, attempts) =
            with_retries(ATTEMPTS, FIRST_PAUSE, || self.attempt(&method, url, accept));
        self.answer(result, url, attempts)
    }

    fn attempt(
        &self,
        method: &Method<'_>,
        url: &str,
        accept: &str,
    ) -> Result<Response<Body>, ureq::Error> {
        let auth = self.authorization.as_deref();
        match method {
            Method::Get => with_auth(self.agent.get(url).header("Accept", accept), auth).call(),
            Method::Delete => {
                with_auth(self.agent.delete(url).header("Accept", accept), auth).call()
            }
            Method::Post(content_type, body) => with_auth(
                self.agent
                    .post(url)
                    .header("Accept", accept)
                    .header("Content-Type", *content_type),
                auth,
            )
            .send(*body),
            Method::Put(content_type, body) => with_auth(
                self.agent
                    .put(url)
                    .header("Accept", accept)
                    .header("Content-Type", *content_type),
                auth,
            )
            .send(*body),
        }
    }

    /// The answer read whole, or the error that ended the attempts.
    fn answer(
        &self,
        result: Result<Response<Body>, ureq::Error>,
        url: &str,
        attempts: u32,
    ) -> Result<Answer, RemoteError> {
        let mut response = result.map_err(|e| RemoteError::Unreachable {
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let media_type = header("content-type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let server = header("server");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| RemoteError::Unreachable {
                url: url.to_owned(),
                reason: format!("the answer broke off ({e})"),
            })?;
        let answer = Answer {
            status,
            media_type,
            server,
            body,
        };
        match status {
            401 | 403 => Err(RemoteError::Refused {
                url: url.to_owned(),
                status,
                had_credentials: self.authorization.is_some(),
            }),
            429 | 500..=599 => Err(RemoteError::Failed {
                url: url.to_owned(),
                status,
                attempts,
                message: answer.message(),
            }),
            _ => Ok(answer),
        }
    }
}

fn with_auth<B>(
    request: ureq::RequestBuilder<B>,
    authorization: Option<&str>,
) -> ureq::RequestBuilder<B> {
    match authorization {
        Some(value) => request.header("Authorization", value),
        None => request,
    }
}
