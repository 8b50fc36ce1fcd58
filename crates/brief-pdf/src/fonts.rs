//! Fonts: Typst's bundled fonts, a theme's `fonts/` folder, `--font-path` folders and the
//! system's fonts, found once per process and loaded on first use.
//!
//! The order sets priority when two fonts share a family: extra folders first, then the bundled
//! fonts, then the system's. Typst falls back through all of them, by coverage, for characters
//! the chosen family lacks, so a Georgian name in a Latin paragraph finds Noto Sans Georgian.
//! [`missing_glyph_warnings`] reports the characters no font could draw.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use brief_model::{Diagnostic, Severity, Span};
use typst::foundations::Bytes;
use typst::layout::{Frame, FrameItem};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// A set of fonts Typst can use.
pub(crate) struct Fonts {
    pub(crate) book: LazyHash<FontBook>,
    slots: Vec<Arc<FontSlot>>,
}

impl Fonts {
    /// The font at `index` of the book, loaded on first use.
    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index)?.get()
    }

    /// Whether any font of this family is available.
    pub(crate) fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }
}

/// Which fonts to look for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FontSources {
    /// Folders searched first (the theme's `fonts/`, then `--font-path`).
    pub(crate) dirs: Vec<PathBuf>,
    /// Whether the system's fonts are used.
    pub(crate) system: bool,
}

/// One font: where it comes from, and the font once loaded.
struct FontSlot {
    source: SlotSource,
    index: u32,
    font: OnceLock<Option<Font>>,
}

enum SlotSource {
    Bundled(&'static [u8]),
    File(PathBuf),
}

impl FontSlot {
    fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| {
                let data = match &self.source {
                    SlotSource::Bundled(data) => Bytes::new(*data),
                    SlotSource::File(path) => Bytes::new(std::fs::read(path).ok()?),
                };
                Font::new(data, self.index)
            })
            .clone()
    }
}

type SlotList = Vec<(FontInfo, Arc<FontSlot>)>;

/// The fonts for `sources`, shared by every render in the process that asks for the same.
pub(crate) fn fonts(sources: &FontSources) -> Arc<Fonts> {
    static CACHE: OnceLock<Mutex<HashMap<FontSources, Arc<Fonts>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(found) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(sources) {
        return found.clone();
    }
    let mut all: SlotList = Vec::new();
    if !sources.dirs.is_empty() {
        let mut db = fontdb::Database::new();
        for dir in &sources.dirs {
            db.load_fonts_dir(dir);
        }
        all.extend(scan(&db));
    }
    all.extend(bundled().iter().cloned());
    if sources.system {
        all.extend(system().iter().cloned());
    }
    let mut book = FontBook::new();
    let mut slots = Vec::with_capacity(all.len());
    for (info, slot) in all {
        book.push(info);
        slots.push(slot);
    }
    let fonts = Arc::new(Fonts {
        book: LazyHash::new(book),
        slots,
    });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(sources.clone(), fonts.clone());
    fonts
}

/// Typst's bundled fonts.
fn bundled() -> &'static SlotList {
    static BUNDLED: OnceLock<SlotList> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut out = Vec::new();
        for data in typst_assets::fonts() {
            for (index, info) in FontInfo::iter(data).enumerate() {
                let slot = FontSlot {
                    source: SlotSource::Bundled(data),
                    index: index as u32,
                    font: OnceLock::new(),
                };
                out.push((info, Arc::new(slot)));
            }
        }
        out
    })
}

/// The system's fonts (fontconfig's folders on Linux, the usual folders elsewhere).
fn system() -> &'static SlotList {
    static SYSTEM: OnceLock<SlotList> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        scan(&db)
    })
}

fn scan(db: &fontdb::Database) -> SlotList {
    let mut out = Vec::new();
    for face in db.faces() {
        let path = match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
            fontdb::Source::Binary(_) => continue,
        };
        let info = db.with_face_data(face.id, FontInfo::new).flatten();
        if let Some(info) = info {
            let slot = FontSlot {
                source: SlotSource::File(path.clone()),
                index: face.index,
                font: OnceLock::new(),
            };
            out.push((info, Arc::new(slot)));
        }
    }
    out
}

/// The first of `families` that is installed, else `fallback`.
pub(crate) fn pick_families(fonts: &Fonts, families: &[&str], fallback: &str) -> Vec<String> {
    let mut out: Vec<String> = families
        .iter()
        .filter(|f| fonts.has_family(f))
        .take(1)
        .map(|f| (*f).to_owned())
        .collect();
    if !out.iter().any(|f| f == fallback) && fonts.has_family(fallback) {
        out.push(fallback.to_owned());
    }
    out
}

/// A script whose characters need a font of their own, and the font to suggest.
struct Script {
    name: &'static str,
    font: &'static str,
    package: &'static str,
}

fn script_of(c: char) -> Script {
    let cp = c as u32;
    let (name, font, package) = match cp {
        0x0530..=0x058F | 0xFB13..=0xFB17 => ("Armenian", "Noto Sans Armenian", "fonts-noto-core"),
        0x10A0..=0x10FF | 0x2D00..=0x2D2F | 0x1C90..=0x1CBF => {
            ("Georgian", "Noto Sans Georgian", "fonts-noto-core")
        }
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            ("Arabic", "Noto Naskh Arabic", "fonts-noto-core")
        }
        0x0590..=0x05FF => ("Hebrew", "Noto Sans Hebrew", "fonts-noto-core"),
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
            ("Cyrillic", "Noto Sans", "fonts-noto-core")
        }
        0x0370..=0x03FF | 0x1F00..=0x1FFF => ("Greek", "Noto Sans", "fonts-noto-core"),
        0x0900..=0x097F => ("Devanagari", "Noto Sans Devanagari", "fonts-noto-core"),
        0x0980..=0x09FF => ("Bengali", "Noto Sans Bengali", "fonts-noto-core"),
        0x0E00..=0x0E7F => ("Thai", "Noto Sans Thai", "fonts-noto-core"),
        0x1200..=0x139F => ("Ethiopic", "Noto Sans Ethiopic", "fonts-noto-core"),
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F => ("Chinese or Japanese", "Noto Sans CJK", "fonts-noto-cjk"),
        0xAC00..=0xD7AF | 0x1100..=0x11FF => ("Korean", "Noto Sans CJK", "fonts-noto-cjk"),
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => {
            ("emoji", "Noto Color Emoji", "fonts-noto-color-emoji")
        }
        _ => ("other", "Noto Sans", "fonts-noto-core"),
    };
    Script {
        name,
        font,
        package,
    }
}

/// One warning per script whose characters were drawn with no glyph (a `.notdef` box).
pub(crate) fn missing_glyph_warnings<'a>(
    pages: impl Iterator<Item = &'a Frame>,
    brief_source: &str,
) -> Vec<Diagnostic> {
    let mut missing: BTreeSet<char> = BTreeSet::new();
    let mut stack: Vec<&Frame> = pages.collect();
    while let Some(frame) = stack.pop() {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => stack.push(&group.frame),
                FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        if let Some(c) = text.text.get(glyph.range()).and_then(|s| s.chars().next())
                            && !c.is_whitespace()
                            && !c.is_control()
                        {
                            missing.insert(c);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut by_script: BTreeMap<&'static str, (Script, Vec<char>)> = BTreeMap::new();
    for c in missing {
        let script = script_of(c);
        by_script
            .entry(script.name)
            .or_insert_with(|| (script, Vec::new()))
            .1
            .push(c);
    }
    by_script
        .into_values()
        .map(|(script, chars)| {
            let span = chars
                .iter()
                .filter_map(|c| {
                    brief_source
                        .find(*c)
                        .map(|at| Span::new(at, at + c.len_utf8()))
                })
                .min()
                .unwrap_or(Span::empty(0));
            let sample: String = chars.iter().take(8).collect();
            let what = if script.name == "other" {
                format!(
                    "no installed font has glyphs for {}",
                    chars
                        .iter()
                        .take(4)
                        .map(|c| format!("U+{:04X}", *c as u32))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!("no installed font has glyphs for {} text", script.name)
            };
            Diagnostic::new(
                "render/missing-glyph",
                Severity::Warning,
                span,
                format!("{what} (`{sample}`); the PDF shows empty boxes"),
            )
            .with_help(format!(
                "install {} (Debian and Ubuntu package `{}`), or put a font that covers them in \
                 the theme's `fonts/` folder or a `--font-path` folder",
                script.font, script.package
            ))
        })
        .collect()
}

/// The folders to search for a render: the theme's `fonts/`, then the given ones.
pub(crate) fn font_dirs(theme_dir: Option<&Path>, font_paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(theme) = theme_dir {
        let dir = theme.join("fonts");
        if dir.is_dir() {
            dirs.push(dir);
        }
    }
    dirs.extend(font_paths.iter().cloned());
    dirs
}
