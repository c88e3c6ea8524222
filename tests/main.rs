//! The one integration-test binary: the app's views and flows without a window,
//! the real `bedside` program on real files, and checks over every shipped
//! scenario.

#![allow(clippy::unwrap_used, reason = "a test should fail loudly on an unexpected error")]

mod app_flows;
mod app_views;
mod cli;
mod cohort;
mod e2e;
mod library;
mod records;
mod voice;
