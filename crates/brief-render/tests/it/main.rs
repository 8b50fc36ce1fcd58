//! Tests of the HTML renderer: golden files, citations against Pandoc, security, themes, and
//! real-browser checks.

mod browser;
mod golden;
mod hayagriva;
#[path = "../../../../vendor/hayagriva-check/src/cases.rs"]
mod hayagriva_cases;
mod pandoc;
mod render;
mod security;
mod support;
