//! Bedside: an empathy-training simulator for nursing and hospital staff.
//!
//! [`core`] holds everything that does not draw: scenarios, validation, runs and
//! scores. [`cli`] is the command line over it; `app` is the Bevy window.

pub mod cli;
pub mod core;

#[cfg(feature = "app")]
pub mod app;
