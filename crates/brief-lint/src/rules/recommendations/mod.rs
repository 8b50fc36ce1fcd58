//! `recommendations/*`: whether each recommendation says who should do what, and why.

pub(crate) mod buried;
pub(crate) mod count;
pub(crate) mod duplicate;
pub(crate) mod missing_actor;
pub(crate) mod no_evidence;
pub(crate) mod unstructured;
pub(crate) mod vague_action;
