//! Playing a scenario: the resolved script and its run rules, a seeded run, the
//! scores of a run, and random playthroughs.

pub mod encounter;
pub mod score;
pub mod script;
pub mod simulate;
pub mod skills;
pub mod strategy;

#[cfg(test)]
mod tests;
