//! One module per subcommand.

pub(crate) mod parse;
pub(crate) mod render;
pub(crate) mod schema;
