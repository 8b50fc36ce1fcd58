//! Integration tests of the `brief` binary: each runs the real executable.

mod check;
mod ci;
mod parse;
mod render;
mod support;
