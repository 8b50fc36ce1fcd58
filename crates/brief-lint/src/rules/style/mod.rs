//! `style/*`: slips an editor corrects on every read.

pub(crate) mod confused_word;
pub(crate) mod long_sentence;
pub(crate) mod repeated_word;
