//! Integration tests: the real server on port 0, a fresh database per test, on SQLite always and
//! on PostgreSQL when REDRESS_TEST_POSTGRES_URL is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_matrix;
mod application;
mod audit;
mod auth;
mod awards;
mod commission;
mod concurrency;
mod deadlines;
mod decisions;
mod docs;
mod documents;
mod drafts;
mod evidence;
mod health;
mod helpers;
mod idempotency;
mod input;
mod life;
mod listing;
mod malformed;
mod notifications;
mod operability;
mod operability_processes;
mod payments;
mod payout_processes;
mod privacy;
mod server_process;
mod statistics;
mod users;
mod web_admin;
mod web_audit;
mod web_browser;
mod web_casework;
mod web_commission;
mod web_finance;
mod web_lawyer;
mod web_pages;
mod web_sessions;
mod workflow;
