//! Content negotiation: which of the formats a route can write the client's `Accept`
//! header prefers. Knows nothing of the formats themselves; routes pass a matcher.
//!
//! The media types themselves are recognized by Oxigraph (`RdfFormat::from_media_type`,
//! `QueryResultsFormat::from_media_type`, through [`crate::store::ExportFormat`] and
//! [`crate::store::ResultsFormat`]); this file only splits the header into its ranges and
//! orders them by their `q` weight, as RFC 9110 §12.5.1 says.

/// One media range of an `Accept` header, with its weight.
#[derive(Debug, Clone, PartialEq)]
struct Range<'a> {
    media_type: &'a str,
    quality: f32,
}

/// The ranges of `accept`, best first (ties keep the client's order); ranges of weight 0
/// are refusals and left out.
fn ranges(accept: &str) -> Vec<Range<'_>> {
    let mut ranges: Vec<Range<'_>> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media_type = parts.next()?.trim();
            if media_type.is_empty() {
                return None;
            }
            let quality = parts
                .filter_map(|p| p.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
                .and_then(|(_, q)| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some(Range {
                media_type,
                quality,
            })
        })
        .collect();
    ranges.sort_by(|a, b| b.quality.total_cmp(&a.quality));
    ranges
}

/// What the client asks for, given the formats a route can write: `Some(format)` for the
/// best range `recognize` knows; `fallback` when the client has no `Accept` header or
/// accepts anything (`*/*`, `type/*`) before a known range; `None` when it accepts only
/// types the route cannot write (a 406).
pub fn choose<F: Copy>(
    accept: Option<&str>,
    recognize: impl Fn(&str) -> Option<F>,
    fallback: F,
) -> Option<F> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(fallback);
    };
    for range in ranges(accept) {
        if range.media_type.ends_with("/*") {
            return Some(fallback);
        }
        if let Some(format) = recognize(range.media_type) {
            return Some(format);
        }
    }
    None
}

/// Whether `accept` names any type `recognize` knows, whatever its weight.
pub fn names_any<F>(accept: Option<&str>, recognize: impl Fn(&str) -> Option<F>) -> bool {
    accept.is_some_and(|accept| {
        ranges(accept)
            .iter()
            .any(|r| recognize(r.media_type).is_some())
    })
}

/// Whether the client prefers HTML to `other`'s formats: a browser's `Accept` puts
/// `text/html` first, an RDF or SPARQL client never names it.
pub fn prefers_html<F>(accept: Option<&str>, other: impl Fn(&str) -> Option<F>) -> bool {
    let Some(accept) = accept else { return false };
    for range in ranges(accept) {
        if range.media_type.eq_ignore_ascii_case("text/html")
            || range
                .media_type
                .eq_ignore_ascii_case("application/xhtml+xml")
        {
            return true;
        }
        if other(range.media_type).is_some() || range.media_type.ends_with("/*") {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ResultsFormat;

    #[test]
    fn weights_order_the_ranges() {
        let accept = "text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1";
        assert_eq!(
            choose(
                accept.into(),
                ResultsFormat::from_media_type,
                ResultsFormat::Json
            ),
            Some(ResultsFormat::Xml)
        );
        assert_eq!(
            choose(None, ResultsFormat::from_media_type, ResultsFormat::Json),
            Some(ResultsFormat::Json)
        );
        assert_eq!(
            choose(
                "image/png".into(),
                ResultsFormat::from_media_type,
                ResultsFormat::Json
            ),
            None
        );
        assert_eq!(
            choose(
                "text/tab-separated-values;q=0, */*".into(),
                ResultsFormat::from_media_type,
                ResultsFormat::Json
            ),
            Some(ResultsFormat::Json)
        );
    }

    #[test]
    fn browsers_get_html() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert!(prefers_html(firefox.into(), ResultsFormat::from_media_type));
        assert!(!prefers_html(
            "application/sparql-results+json".into(),
            ResultsFormat::from_media_type
        ));
        assert!(!prefers_html(None, ResultsFormat::from_media_type));
    }
}
