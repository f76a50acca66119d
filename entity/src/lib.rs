//! The sea-orm entities of Redress: one module per table, rows only.
//!
//! Columns are plain storage types; `redress::store` converts them to and from the domain's
//! types, refusing anything it does not recognise. Money is `i64` minor units plus a currency
//! code, exact on SQLite and PostgreSQL alike.

pub mod access_log;
pub mod approval_limit;
pub mod browser_session;
pub mod claim;
pub mod claim_assignment;
pub mod claim_event;
pub mod decision;
pub mod document;
pub mod document_content;
pub mod evidence_request;
pub mod evidence_request_item;
pub mod idempotency_key;
pub mod interim_award;
pub mod letter;
pub mod notification;
pub mod notification_delivery;
pub mod notification_event;
pub mod payment_batch;
pub mod payment_order;
pub mod payment_order_change;
pub mod recovery;
pub mod recusal;
pub mod reference_counter;
pub mod session;
pub mod user;
pub mod user_role;
pub mod vote;
