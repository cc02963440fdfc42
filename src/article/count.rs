//! How many articles the inputs hold, counted ahead of reading them, so a progress bar can
//! show how far along an ingest is and how long is left.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::format::{named_format, Format};
use super::walk::Walk;

/// The number of articles [`super::read_inputs`] would read from `paths`, or `None` when
/// it cannot be known ahead (stdin, web addresses, which would have to be fetched twice, and
/// WARC archives, which would have to be read whole).
///
/// A cheap pass, without parsing articles: JSON Lines count non-blank lines, CSV counts
/// records, feeds their items, other files one each. Rows that will fail to read are counted too, so the
/// figure is what reading goes through, not what it keeps.
///
/// ```
/// use hearsay::article::count_articles;
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.jsonl"), "{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n")?;
/// std::fs::write(dir.path().join("b.txt"), "Three.\n")?;
/// assert_eq!(count_articles(&[dir.path().to_path_buf()]), Some(3));
/// assert_eq!(count_articles(&["-".into()]), None);
/// # Result::<_, Box<dyn std::error::Error>>::Ok(())
/// ```
pub fn count_articles(paths: &[PathBuf]) -> Option<usize> {
    let mut total = 0;
    for path in paths {
        if path.as_os_str() == "-" || super::fetch::web_address(path).is_some() {
            return None;
        }
        if path.is_dir() {
            for file in Walk::new(path).filter_map(Result::ok) {
                total += count_in_file(&file)?;
            }
        } else if named_format(path).is_some() {
            total += count_in_file(path)?;
        }
    }
    Some(total)
}

/// Articles in one file; an unreadable file counts as one (reading it reports one error).
fn count_in_file(path: &Path) -> Option<usize> {
    let format = named_format(path)?;
    let open = || File::open(path).ok();
    Some(match format.format {
        Format::JsonLines => open().map_or(1, |file| {
            BufReader::new(file)
                .split(b'\n')
                .map_while(Result::ok)
                .filter(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
                .count()
        }),
        Format::Csv => open().map_or(1, |file| {
            csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(file)
                .byte_records()
                .count()
        }),
        // A document holds one article or an array of them: read it to know.
        Format::Json => {
            super::read_text(path).map_or(1, |content| super::json_document(path, &content).len())
        }
        // Feeds are small: parsing one twice costs little.
        Format::Feed => super::read_web_document(path, format.gzipped)
            .map_or(1, |document| super::feed::item_count(&document)),
        Format::Warc => return None,
        Format::Text | Format::Html => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_span_quoted_newlines_and_unknown_files_count_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("a.csv");
        std::fs::write(
            &csv,
            "url,date,title,text\nu1,2026-01-01,T,\"One line\nand another\"\nu2,,T,Two\n",
        )
        .expect("write");
        let notes = dir.path().join("notes.rtf");
        std::fs::write(&notes, "not an article").expect("write");
        assert_eq!(count_articles(std::slice::from_ref(&csv)), Some(2));
        // A named file of another kind is an error when read, not an article.
        assert_eq!(count_articles(&[csv, notes]), Some(2));
        assert_eq!(count_articles(&[dir.path().join("missing.txt")]), Some(1));
    }
}
