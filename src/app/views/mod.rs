//! egui drawing code as plain functions over `&mut egui::Ui`, testable without a window.

pub mod library;
