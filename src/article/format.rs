//! Which input format a file holds, told by its name: the extension, and the one under a
//! `.gz`. Knows nothing of what is inside.

use std::path::Path;

/// An input file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`, `.md`: one article, optional front matter.
    Text,
    /// `.csv`: one article per row.
    Csv,
    /// `.jsonl`: one article object per line.
    JsonLines,
    /// `.json`: an array of article objects, or objects one after another.
    Json,
    /// `.html`, `.htm`: one web page.
    Html,
    /// `.rss`, `.atom`, `.xml`: a feed, one article per item.
    Feed,
    /// `.warc`: a web archive, one article per HTML response record.
    Warc,
}

/// A file's format and whether it is gzipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileFormat {
    pub(crate) format: Format,
    pub(crate) gzipped: bool,
}

/// Formats read when a file is named on the command line, by extension (lowercase).
const NAMED: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("md", Format::Text),
    ("csv", Format::Csv),
    ("jsonl", Format::JsonLines),
    ("json", Format::Json),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("rss", Format::Feed),
    ("atom", Format::Feed),
    ("xml", Format::Feed),
    ("warc", Format::Warc),
];

/// Formats that may come gzipped (`page.html.gz`, `crawl.warc.gz`): the ones web tools
/// compress; a gzipped CSV or text is left to `zcat`.
const GZIPPABLE: &[Format] = &[Format::Html, Format::Feed, Format::Warc];

/// Extensions a directory walk passes over although they are read when named: in a
/// directory, `.md`, `.json` and `.xml` files are far more often a README, a config file or
/// a sitemap than an article.
const NAMED_ONLY: &[&str] = &["md", "json", "xml"];

/// The format of a file named on the command line, or `None` when its name says none.
pub(crate) fn named_format(path: &Path) -> Option<FileFormat> {
    let (ext, gzipped) = extension(path)?;
    let format = NAMED
        .iter()
        .find(|(known, _)| ext.eq_ignore_ascii_case(known))
        .map(|&(_, format)| format)?;
    (!gzipped || GZIPPABLE.contains(&format)).then_some(FileFormat { format, gzipped })
}

/// The format of a file met in a directory walk, or `None` when the walk passes it over.
pub(crate) fn walked_format(path: &Path) -> Option<FileFormat> {
    let (ext, _) = extension(path)?;
    if NAMED_ONLY.iter().any(|x| ext.eq_ignore_ascii_case(x)) {
        return None;
    }
    named_format(path)
}

/// The extension that names the format (the one before `.gz` when there is one), and
/// whether the file is gzipped.
fn extension(path: &Path) -> Option<(&str, bool)> {
    let ext = path.extension()?.to_str()?;
    if ext.eq_ignore_ascii_case("gz") {
        let inner = Path::new(path.file_stem()?).extension()?.to_str()?;
        Some((inner, true))
    } else {
        Some((ext, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Option<(Format, bool)> {
        named_format(Path::new(name)).map(|f| (f.format, f.gzipped))
    }

    #[test]
    fn formats_come_from_the_extension_under_gz() {
        assert_eq!(named("a.TXT"), Some((Format::Text, false)));
        assert_eq!(named("dir/page.html.gz"), Some((Format::Html, true)));
        assert_eq!(named("crawl.warc.gz"), Some((Format::Warc, true)));
        assert_eq!(named("news.xml"), Some((Format::Feed, false)));
        assert_eq!(named("rows.csv.gz"), None);
        assert_eq!(named("archive.gz"), None);
        assert_eq!(named("notes.rtf"), None);
        assert_eq!(named("README"), None);
    }

    #[test]
    fn walks_pass_over_files_more_often_not_articles() {
        let walked = |name: &str| walked_format(Path::new(name)).map(|f| f.format);
        assert_eq!(walked("a.htm"), Some(Format::Html));
        assert_eq!(walked("feed.atom"), Some(Format::Feed));
        assert_eq!(walked("sitemap.xml"), None);
        assert_eq!(walked("README.md"), None);
        assert_eq!(walked("config.json"), None);
    }
}
