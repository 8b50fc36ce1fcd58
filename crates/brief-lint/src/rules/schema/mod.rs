//! `schema/*`: problems the model finds while reading frontmatter and bibliographies. The model
//! reports them; these declarations give them documentation, severities and configuration.

pub(crate) mod bibliography_syntax;
pub(crate) mod duplicate_key;
pub(crate) mod invalid_value;
pub(crate) mod missing_frontmatter;
pub(crate) mod missing_key;
pub(crate) mod unclosed_frontmatter;
pub(crate) mod unknown_key;
pub(crate) mod unreadable_file;
pub(crate) mod yaml_alias;
pub(crate) mod yaml_syntax;
