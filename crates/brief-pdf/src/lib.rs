//! Renders policy briefs to PDF.
