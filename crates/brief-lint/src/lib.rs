//! The linter for policy briefs.
