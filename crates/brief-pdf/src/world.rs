//! The minimal [`typst::World`] a render compiles in: one generated source file, the standard
//! library, the fonts, and files (images) read through the brief's [`Loader`].
//!
//! The virtual project root is the brief's folder, or an ancestor of it when an image path
//! climbs out of the folder (`../shared/map.png`); the loader still decides which real files
//! may be read. Packages (`@preview/...`) are not available: nothing is fetched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use brief_model::Loader;
use brief_model::load::LoadErrorKind;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::Fonts;

/// The world of one render.
pub(crate) struct BriefWorld<'a> {
    main: Source,
    fonts: Arc<Fonts>,
    root: PathBuf,
    loader: &'a dyn Loader,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl<'a> BriefWorld<'a> {
    /// A world whose main file holds `text`, placed in `brief_dir`, `depth` folders below the
    /// virtual root.
    pub(crate) fn new(
        text: String,
        brief_dir: &Path,
        depth: usize,
        fonts: Arc<Fonts>,
        loader: &'a dyn Loader,
    ) -> BriefWorld<'a> {
        let (root, inner) = split_root(brief_dir, depth);
        let main_path = if inner.is_empty() {
            "/brief.typ".to_owned()
        } else {
            format!("/{inner}/brief.typ")
        };
        let vpath = VirtualPath::new(&main_path)
            .or_else(|_| VirtualPath::new("/brief.typ"))
            .expect("a plain file name is a valid virtual path");
        let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
        BriefWorld {
            main: Source::new(id, text),
            fonts,
            root,
            loader,
            files: Mutex::default(),
        }
    }

    /// The main source.
    pub(crate) fn main_source(&self) -> &Source {
        &self.main
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if *rooted.root() != VirtualRoot::Project {
            return Err(FileError::Other(Some(
                "packages are not available when rendering a brief".into(),
            )));
        }
        let path = rooted
            .vpath()
            .realize(&self.root)
            .map_err(FileError::Realize)?;
        self.loader
            .read_bytes(&path)
            .map(Bytes::new)
            .map_err(|err| match err.kind {
                LoadErrorKind::NotFound => FileError::NotFound(path.clone()),
                LoadErrorKind::IsDirectory => FileError::IsDirectory,
                LoadErrorKind::OutsideRoot { .. } => FileError::AccessDenied,
                _ => FileError::Other(Some(err.to_string().into())),
            })
    }
}

/// Splits `dir` into the ancestor `depth` levels up and the path below it (with `/`).
fn split_root(dir: &Path, depth: usize) -> (PathBuf, String) {
    let mut root = dir.to_path_buf();
    let mut inner: Vec<String> = Vec::new();
    for _ in 0..depth {
        let Some(name) = root.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            break;
        };
        if !root.pop() {
            break;
        }
        inner.push(name);
    }
    inner.reverse();
    (root, inner.join("/"))
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

impl World for BriefWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        Err(FileError::Other(Some(
            "the generated source is a single file; a template cannot import other files".into(),
        )))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64;
        // Without an offset Typst asks for the local date; UTC is the closest we know
        // without a time zone database.
        let offset_secs = offset.map_or(0, |o| (o.seconds() as i64).clamp(-86_400, 86_400));
        let (year, month, day) = civil_from_days((secs + offset_secs).div_euclid(86_400));
        Datetime::from_ymd(year, month, day)
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_161), (2025, 3, 14));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn roots_climb_for_parent_paths() {
        let (root, inner) = split_root(Path::new("/p/briefs/energy"), 1);
        assert_eq!(root, PathBuf::from("/p/briefs"));
        assert_eq!(inner, "energy");
        let (root, inner) = split_root(Path::new("/p/briefs/energy"), 0);
        assert_eq!(root, PathBuf::from("/p/briefs/energy"));
        assert_eq!(inner, "");
    }
}
