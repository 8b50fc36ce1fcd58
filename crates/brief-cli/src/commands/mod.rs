//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod claims;
pub(crate) mod completions;
pub(crate) mod lsp;
pub(crate) mod new;
pub(crate) mod parse;
pub(crate) mod preview;
pub(crate) mod render;
pub(crate) mod rules;
pub(crate) mod schema;
