//! Bedside: an empathy-training simulator for nursing and hospital staff.
//!
//! The core (`bedside-core`: scenarios, checks, runs and scores) and the records
//! (`bedside-records`) are crates of their own; [`cli`] is the command line over
//! them, `app` the Bevy window and [`voice`] the patient's spoken lines.

pub mod cli;
pub mod voice;

#[cfg(feature = "app")]
pub mod app;
