//! Lists the article files under a directory, depth first in sorted order, so two runs over
//! the same tree read the same articles in the same order. Knows nothing of file formats
//! beyond what their names say (`format`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::format::walked_format;
use super::ArticleError;

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
        } else if is_file && walked_format(&path).is_some() {
            entries.push((path, false));
        }
    }
    entries.sort();
    Ok(entries)
}
