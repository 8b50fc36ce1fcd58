//! Integration tests of the `brief` binary: each runs the real executable.

mod parse;
mod support;
