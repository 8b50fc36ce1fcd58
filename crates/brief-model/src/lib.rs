//! The brief format and its document model.
//!
//! A brief is a Markdown file with YAML frontmatter. [`parse`] turns its text into a
//! [`Document`] (typed frontmatter, sources, sections, sentences with their citations and
//! quotations, recommendations, suppressions) plus diagnostics; it never fails. [`resolve`] then
//! loads the bibliographies a brief names through a [`Loader`]. The linter and the renderer read
//! the same [`Document`]; this crate knows nothing of either.
//!
//! ```
//! let parsed = brief_model::parse("---\ntitle: Grid Resilience\nauthors: [A. Rahman]\n---\n\nPrices rose 12% [@ofgem].\n");
//! let doc = &parsed.document;
//! assert_eq!(doc.frontmatter.title, "Grid Resilience");
//! assert_eq!(doc.sentences[0].citations[0].key, "ofgem");
//! ```

#![warn(missing_docs)]

mod body;
mod citations;
pub mod config;
mod diagnostic;
mod document;
pub mod frontmatter;
pub mod json;
pub mod load;
pub mod markdown;
mod parse;
mod quotes;
mod recommendations;
pub mod schema;
mod sentences;
pub mod source;
pub mod span;
mod suggest;
mod suppress;
pub mod text;
mod yaml;

pub use body::{Mention, heading_role};
pub use config::ConfigFile;
pub use diagnostic::{Applicability, Diagnostic, Edit, FileRef, Fix, Severity};
pub use document::*;
pub use frontmatter::{Author, BriefType, Frontmatter, Status};
pub use load::{Loader, ProjectFs, resolve};
pub use parse::{Parsed, parse};
pub use recommendations::{actor_of, verb_phrase};
pub use source::{Source, SourceType};
pub use span::{LineCol, LineIndex, Span};
pub use suggest::did_you_mean;
pub use yaml::{NodePosition, Positions};
