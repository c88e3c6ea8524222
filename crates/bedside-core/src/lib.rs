//! Bedside's pure core: the scenario format, loading and diagnostics, the checks
//! that keep a scenario honest, runs and their scores, simulation and text
//! analysis. No window, database or network here; everything is unit-tested in place.

pub mod catalogue;
pub mod check;
pub mod diagnostic;
pub mod graph;
pub mod play;
pub mod reply;
pub mod scenario;
pub mod text;
