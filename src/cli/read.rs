//! `hearsay read`: the articles as hearsay reads them from any input, as JSON Lines, without
//! extracting or storing anything.

use std::io::{BufWriter, Write};

use anyhow::Result;
use serde::Serialize;

use super::args::ReadArgs;
use super::extract::summarize_failures;
use super::pipeline::Inputs;
use super::Outcome;
use crate::article::Article;
use crate::graph::{article_id_from_iri, article_iri};

/// One output line; fields in the order a reader looks for them.
#[derive(Serialize)]
struct ReadArticle<'a> {
    id: String,
    origin: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    /// ISO 8601 (`2019-11-19`).
    date: Option<String>,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    text: &'a str,
}

impl<'a> ReadArticle<'a> {
    fn of(article: &'a Article) -> Self {
        let iri = article_iri(article);
        ReadArticle {
            id: article_id_from_iri(iri.as_str())
                .unwrap_or(iri.as_str())
                .to_string(),
            origin: &article.origin,
            url: article.url.as_deref(),
            title: article.title.as_deref(),
            date: article.date.map(|d| d.to_string()),
            author: article.author.as_deref(),
            publisher: article.publisher.as_deref(),
            text: &article.text,
        }
    }
}

pub fn run(args: &ReadArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut read, mut failed) = (0, 0);
    for item in Inputs::from_args(&args.input)?.read() {
        match item {
            Ok(article) => {
                serde_json::to_writer(&mut out, &ReadArticle::of(&article))?;
                out.write_all(b"\n")?;
                read += 1;
            }
            Err(err) => {
                // Flushed first, so the message sits after the articles read before it.
                out.flush()?;
                eprintln!("hearsay: {err}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(summarize_failures(read, failed))
}
