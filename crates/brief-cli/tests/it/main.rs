//! Integration tests of the `brief` binary: each runs the real executable.

mod check;
mod parse;
mod support;
