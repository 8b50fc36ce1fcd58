//! `suppression/*`: suppression comments that do nothing. Reported by the suppression pass in
//! [`crate::suppress`], after every other rule has run.

pub(crate) mod unknown_rule;
pub(crate) mod unused;
