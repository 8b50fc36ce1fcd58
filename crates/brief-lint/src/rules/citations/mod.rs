//! `citations/*`: citations and footnotes that point nowhere, and sources or notes nothing points to.

pub(crate) mod undefined_footnote;
pub(crate) mod undefined_key;
pub(crate) mod unused_footnote;
pub(crate) mod unused_source;
