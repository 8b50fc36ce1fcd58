//! `structure/*`: the shape of a brief: required sections, headings, length, images, ids.

pub(crate) mod bold_heading;
pub(crate) mod duplicate_id;
pub(crate) mod empty_section;
pub(crate) mod heading_increment;
pub(crate) mod image_alt;
pub(crate) mod image_credit;
pub(crate) mod length;
pub(crate) mod missing_section;
pub(crate) mod summary_length;
