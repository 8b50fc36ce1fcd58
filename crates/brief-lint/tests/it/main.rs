//! Tests of the linter at its boundary: fixture briefs in, diagnostics out.

mod fixtures;
mod registry;
mod render;
