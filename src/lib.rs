//! Redress: the workflow engine of a state compensation scheme for victims of crime.
//!
//! The README's code map describes how these modules fit together.

pub mod domain;
