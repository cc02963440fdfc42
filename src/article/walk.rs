//! Lists the article files under a directory, depth first in sorted order, so two runs over
//! the same tree read the same articles in the same order. Knows nothing of file formats
//! beyond their extensions.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::ArticleError;

/// Extensions (lowercase) picked when walking a directory. `.md` and `.json` files are read
/// when named, but a walk passes them over: in a directory they are far more often a README
/// or a config file than an article.
pub(crate) const WALKED_EXTENSIONS: &[&str] = &["txt", "csv", "jsonl"];
/// Extensions (lowercase) read when a file is named on the command line.
pub(crate) const NAMED_EXTENSIONS: &[&str] = &["txt", "md", "csv", "jsonl", "json"];

pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A lazy walk over one directory tree: each directory is listed when reached.
///
/// Hidden entries (names starting with `.`) are skipped, as are symbolic links to
/// directories (they can form cycles); symbolic links to files are followed.
pub(crate) struct Walk {
    pub(crate) root: PathBuf,
    /// Entries still to visit, the next one last; `true` marks a directory.
    pending: Vec<(PathBuf, bool)>,
    /// Article files handed out so far.
    pub(crate) found: usize,
    /// Directories that could not be listed (already reported).
    pub(crate) failed: usize,
}

impl Walk {
    pub(crate) fn new(root: &Path) -> Self {
        Walk {
            root: root.to_path_buf(),
            pending: vec![(root.to_path_buf(), true)],
            found: 0,
            failed: 0,
        }
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        while let Some((path, is_dir)) = self.pending.pop() {
            if !is_dir {
                self.found += 1;
                return Some(Ok(path));
            }
            match list(&path) {
                Ok(mut entries) => {
                    entries.reverse();
                    self.pending.extend(entries);
                }
                Err(cause) => {
                    self.failed += 1;
                    return Some(Err(ArticleError::Unreadable { path, cause }));
                }
            }
        }
        None
    }
}

/// The directory's subdirectories and article files, sorted by name.
fn list(dir: &Path) -> io::Result<Vec<(PathBuf, bool)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type()?;
        let is_file = if file_type.is_symlink() {
            fs::metadata(&path).is_ok_and(|m| m.is_file())
        } else {
            file_type.is_file()
        };
        if file_type.is_dir() {
            entries.push((path, true));
        } else if is_file && has_extension(&path, WALKED_EXTENSIONS) {
            entries.push((path, false));
        }
    }
    entries.sort();
    Ok(entries)
}
