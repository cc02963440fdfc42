//! Publication dates as articles write them: ISO dates, RFC 3339 datetimes, "Friday, January 4, 2019".
//! Pure string parsing; knows nothing of files.

use chrono::{Datelike, NaiveDate};

/// Day-month-year orders tried after the weekday is dropped.
/// chrono's `%B` reads full and abbreviated month names alike, case-insensitively.
const WRITTEN_FORMATS: &[&str] = &["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y"];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Parses a publication date, or returns `None` when the form is not recognized.
///
/// Accepted: `2019-01-04`, `2019/01/04`, RFC 3339 and other ISO datetimes (the date as
/// written, in the writer's own time zone), and written forms such as `January 4, 2019`,
/// `Friday, January 4, 2019`, `Jan. 4, 2019`, `4 January 2019`.
/// An unrecognized date is not an error: an article without a date is still an article.
///
/// ```
/// use chrono::NaiveDate;
/// use hearsay::article::parse_date;
/// let day = NaiveDate::from_ymd_opt(2019, 1, 4);
/// assert_eq!(parse_date("Friday, January 4, 2019"), day);
/// assert_eq!(parse_date("2019-01-04T23:30:00-05:00"), day);
/// assert_eq!(parse_date("last week"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(date) = parse_iso_prefix(s) {
        return Some(date);
    }
    let written = drop_weekday(s);
    // "Jan. 4" and "Sept. 4" are common in news copy; chrono knows neither the dot nor "Sept".
    let written = written.replacen('.', "", 1);
    let written = match written.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("sept ") => format!("Sep {}", &written[5..]),
        _ => written,
    };
    WRITTEN_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&written, f).ok())
        // chrono's `%d %Y` also reads "January 2019" as the 20th of January, year 19.
        .filter(|d| d.year() >= 1000)
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, alone or followed by a time (`T…` or ` …`).
fn parse_iso_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    match s.as_bytes().get(10) {
        None | Some(b'T' | b't' | b' ') => {}
        Some(_) => return None,
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(head, "%Y/%m/%d"))
        .ok()
}

/// Drops a leading "Friday," or "Fri" so the weekday never has to agree with the date.
fn drop_weekday(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    if WEEKDAYS.iter().any(|d| s[..end].eq_ignore_ascii_case(d)) {
        s[end..].trim_start_matches([',', '.']).trim_start()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(parse_date("2019-01-04"), ymd(2019, 1, 4));
        assert_eq!(parse_date(" 2019-01-04\n"), ymd(2019, 1, 4));
        assert_eq!(parse_date("2019/01/04"), ymd(2019, 1, 4));
        assert_eq!(parse_date("2016-09-12T08:00:00Z"), ymd(2016, 9, 12));
        assert_eq!(parse_date("2016-09-12 08:00"), ymd(2016, 9, 12));
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("2019-01-045"), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse_date("Friday, January 4, 2019"), ymd(2019, 1, 4));
        // Wikinews datelines end with a no-break space.
        assert_eq!(parse_date("Friday, January 4, 2019\u{a0}"), ymd(2019, 1, 4));
        assert_eq!(parse_date("January 4, 2019"), ymd(2019, 1, 4));
        assert_eq!(parse_date("january 4 2019"), ymd(2019, 1, 4));
        assert_eq!(parse_date("Jan. 4, 2019"), ymd(2019, 1, 4));
        assert_eq!(parse_date("Sept. 30, 2016"), ymd(2016, 9, 30));
        assert_eq!(parse_date("4 January 2019"), ymd(2019, 1, 4));
        // A wrong weekday does not spoil the date.
        assert_eq!(parse_date("Monday, January 4, 2019"), ymd(2019, 1, 4));
    }

    #[test]
    fn unrecognized_is_none() {
        for s in [
            "",
            "yesterday",
            "Friday",
            "13/01/2019",
            "2019",
            "January 2019",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }
}
