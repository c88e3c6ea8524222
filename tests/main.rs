//! The one integration-test binary: the real `bedside` program on real files,
//! and checks over every shipped scenario.

mod cli;
mod library;
