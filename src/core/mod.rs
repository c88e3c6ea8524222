//! The pure core: scenario model, loading, validation, runtime, scoring, text
//! analysis and progress records. No Bevy here; every part is unit-tested directly.

pub mod catalogue;
pub mod diagnostic;
pub mod encounter;
pub mod graph;
pub mod lint;
pub mod load;
pub mod locate;
pub mod reach;
pub mod records;
pub mod scenario;
pub mod score;
pub mod script;
pub mod simulate;
pub mod skeleton;
pub mod text;
pub mod validate;

#[cfg(test)]
mod rules_tests;

#[cfg(test)]
mod run_tests;
