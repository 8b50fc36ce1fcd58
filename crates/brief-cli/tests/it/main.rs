//! Integration tests of the `brief` binary: each runs the real executable.

mod bad_input;
mod check;
mod ci;
mod parse;
mod preview;
mod render;
mod support;
