//! Renders policy briefs to HTML.
