//! Redress: the workflow engine of a state compensation scheme for victims of crime.
//!
//! The README's code map describes how these modules fit together.

// Tests may unwrap: a panic there is the failure report. Production code may not (Cargo.toml).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
pub mod app;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod explain;
pub mod forms;
pub mod json_input;
pub mod locale;
pub mod metrics;
pub mod pdf;
pub mod service;
pub mod settings;
pub mod store;
pub mod texts;
pub mod web;
