//! Notifications: the outbox written inside each change's transaction, the passes that enqueue
//! timed reminders and deliver to outside channels, and each user's in-app list.
//!
//! A change's notice commits with the change or not at all (it is written in `try_change`'s
//! transaction). In-app rows need no delivery. A webhook is delivered by a dispatcher pass:
//! each delivery is leased by a conditional update, so of several instances exactly one makes
//! each attempt; a failed attempt is retried with bounded exponential backoff, and after
//! `notification_attempts_maximum` attempts the delivery is dead until an administrator retries
//! it. A webhook's body names the claim's reference and the event, nothing personal, and is
//! signed with HMAC-SHA256 under a secret that is never logged.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::ConnectionTrait;
use sha2::Sha256;

use super::{ServiceError, Services};
use crate::domain::notices::{self, AfterFailure, Audience, DeliveryState, Happened, NoticeKind};
use crate::domain::{Actor, Claim, Role, UserId};
use crate::store;
use crate::store::notifications::{
    AttemptRecord, EMAIL_CHANNEL, NoticeEvent, StoredDelivery, StoredNotification, WEBHOOK_CHANNEL,
};

/// Attempts a delivery gets before it is dead, unless configured otherwise.
pub const NOTIFICATION_ATTEMPTS_MAXIMUM_DEFAULT: u32 = 8;
/// How many days before an appeal window closes its reminder goes out, unless configured.
pub const APPEAL_REMINDER_DAYS_DEFAULT: u32 = 7;
/// The header carrying a webhook body's signature, `sha256=<hex>`.
pub const SIGNATURE_HEADER: &str = "X-Redress-Signature";

/// How long one attempt may hold a delivery; longer than any request takes.
const LEASE_SECONDS: i64 = 5 * 60;
/// How long a webhook receiver has to answer.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries read per query of a pass.
const DELIVERY_PAGE_SIZE: u64 = 50;
/// Attempts one pass makes at most, so a backlog cannot hold a pass for ever.
const ATTEMPTS_PER_PASS_MAXIMUM: usize = 500;
/// Claims read per query of the reminder pass.
const REMINDER_PAGE_SIZE: u64 = 100;

/// Where a webhook goes and the key it is signed with. The secret never prints.
#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Webhook")
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// The SMTP server e-mail notices go through, and whom they come from. The URL
/// (`smtps://user:password@host`, or `smtp://host:port` for a relay without TLS) never prints.
#[derive(Clone)]
pub struct Smtp {
    pub url: String,
    pub from: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Smtp")
            .field("url", &"<redacted>")
            .field("from", &self.from)
            .finish()
    }
}

/// How notices leave the server.
#[derive(Clone, Debug)]
pub struct Notifying {
    pub webhook: Option<Webhook>,
    pub email: Option<Smtp>,
    pub attempts_maximum: u32,
    pub appeal_reminder_days: u32,
}

impl Default for Notifying {
    fn default() -> Self {
        Notifying {
            webhook: None,
            email: None,
            attempts_maximum: NOTIFICATION_ATTEMPTS_MAXIMUM_DEFAULT,
            appeal_reminder_days: APPEAL_REMINDER_DAYS_DEFAULT,
        }
    }
}

/// The configuration and the HTTP client, shared by every clone of the services.
pub(super) struct Notifier {
    settings: Notifying,
    /// `None` only if the TLS backend could not start; deliveries then fail and are retried.
    client: Option<reqwest::Client>,
    /// The SMTP transport and sender, when e-mail is configured and its settings are usable.
    mailer: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
}

impl Notifier {
    pub(super) fn new(settings: Notifying) -> Arc<Self> {
        let client = match reqwest::Client::builder().timeout(WEBHOOK_TIMEOUT).build() {
            Ok(client) => Some(client),
            Err(error) => {
                tracing::error!(error = %error, "the webhook client could not start");
                None
            }
        };
        let mailer = settings.email.as_ref().and_then(mailer);
        Arc::new(Notifier {
            settings,
            client,
            mailer,
        })
    }
}

/// What one dispatcher pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeliveryRun {
    pub delivered: usize,
    /// Attempts that failed and will be retried.
    pub retrying: usize,
    /// Deliveries that failed their last allowed attempt.
    pub dead: usize,
}

impl Services {
    /// Sets how notices leave the server.
    pub fn with_notifying(mut self, notifying: Notifying) -> Self {
        self.notifier = Notifier::new(notifying);
        self
    }

    /// Writes the notice a change calls for, if any, in the change's transaction.
    pub(super) async fn enqueue_notice(
        &self,
        transaction: &impl ConnectionTrait,
        happened: Happened<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if let Some(kind) = notices::caused_by(&happened) {
            self.write_notice(transaction, happened.after, kind, (now, None))
                .await?;
        }
        Ok(())
    }

    /// Writes the event, its in-app rows and its deliveries; false (and nothing written) when
    /// `dedupe_key` was taken already.
    async fn write_notice(
        &self,
        connection: &impl ConnectionTrait,
        claim: &Claim,
        kind: NoticeKind,
        (now, dedupe_key): (DateTime<Utc>, Option<String>),
    ) -> anyhow::Result<bool> {
        let event = NoticeEvent {
            claim_id: claim.id,
            claim_reference: claim.reference.to_string(),
            kind,
            occurred_at: now,
        };
        let Some(event_id) =
            store::notifications::insert_event(connection, &event, dedupe_key).await?
        else {
            return Ok(false);
        };
        let recipients = recipients(connection, claim, kind.audiences()).await?;
        store::notifications::insert_in_app(connection, event_id, &recipients).await?;
        if self.notifier.settings.webhook.is_some() {
            let webhook = (WEBHOOK_CHANNEL, None);
            store::notifications::insert_delivery(connection, event_id, webhook, now).await?;
        }
        if self.notifier.settings.email.is_some() {
            for recipient in store::notifications::with_email(connection, &recipients).await? {
                let email = (EMAIL_CHANNEL, Some(recipient));
                store::notifications::insert_delivery(connection, event_id, email, now).await?;
            }
        }
        Ok(true)
    }

    /// Enqueues the reminder of every decided claim whose appeal window closes within the
    /// configured days, once per claim and closing date however many passes run (the event's
    /// unique key settles it). Returns how many this pass enqueued.
    pub async fn enqueue_appeal_reminders(&self) -> Result<usize, ServiceError> {
        let now = self.now();
        let today = now.date_naive();
        let days_before = self.notifier.settings.appeal_reminder_days;
        let last_day = today + TimeDelta::days(i64::from(days_before));
        let (mut enqueued, mut after_id) = (0, 0);
        loop {
            let closing = store::notifications::appeal_windows_closing(
                self.database(),
                (today, last_day),
                after_id,
                REMINDER_PAGE_SIZE,
            )
            .await?;
            let Some(last) = closing.last() else {
                return Ok(enqueued);
            };
            after_id = last.id.0;
            for claim in &closing {
                let Some(appeal_due) = notices::appeal_reminder_due(claim, today, days_before)
                else {
                    continue;
                };
                let key = notices::appeal_reminder_key(claim, appeal_due);
                let transaction = store::begin_write(self.database()).await?;
                let kind = NoticeKind::AppealWindowClosing;
                if self
                    .write_notice(&transaction, claim, kind, (now, Some(key)))
                    .await?
                {
                    enqueued += 1;
                }
                transaction.commit().await?;
            }
        }
    }

    /// Attempts every delivery due now that no other dispatcher holds, each once.
    pub async fn deliver_notifications(&self) -> Result<DeliveryRun, ServiceError> {
        let mut run = DeliveryRun::default();
        let mut attempted = 0;
        while attempted < ATTEMPTS_PER_PASS_MAXIMUM {
            let now = self.now();
            let due =
                store::notifications::due_deliveries(self.database(), now, DELIVERY_PAGE_SIZE)
                    .await?;
            if due.is_empty() {
                break;
            }
            for delivery in due {
                let until = now + TimeDelta::seconds(LEASE_SECONDS);
                if !store::notifications::lease(self.database(), delivery.id, now, until).await? {
                    continue;
                }
                attempted += 1;
                self.attempt_delivery(&delivery, &mut run).await?;
            }
        }
        Ok(run)
    }

    /// One attempt of a leased delivery, and its outcome recorded.
    async fn attempt_delivery(
        &self,
        delivery: &StoredDelivery,
        run: &mut DeliveryRun,
    ) -> Result<(), ServiceError> {
        let status = self.send(delivery).await;
        let attempts = delivery.attempts + 1;
        let now = self.now();
        let delivered = status.is_some_and(|status| (200..300).contains(&status));
        let (state, next_attempt_at) = if delivered {
            run.delivered += 1;
            (DeliveryState::Delivered, now)
        } else {
            match notices::after_failure(attempts, self.notifier.settings.attempts_maximum) {
                AfterFailure::RetryInSeconds(seconds) => {
                    run.retrying += 1;
                    let delay = TimeDelta::seconds(i64::try_from(seconds).unwrap_or(i64::MAX));
                    (DeliveryState::Pending, now + delay)
                }
                AfterFailure::Dead => {
                    run.dead += 1;
                    (DeliveryState::Dead, now)
                }
            }
        };
        tracing::info!(
            delivery_id = delivery.id,
            claim_id = delivery.event.claim_id.0,
            kind = %delivery.event.kind,
            attempts,
            status,
            state = %state,
            "notification delivery attempted"
        );
        let record = AttemptRecord {
            attempts,
            state,
            next_attempt_at,
            last_status: status,
            delivered_at: delivered.then_some(now),
        };
        store::notifications::record_attempt(self.database(), delivery.id, record).await?;
        Ok(())
    }

    /// Sends the delivery; the receiver's status, or `None` if it could not be reached (or
    /// the channel is no longer configured, which is retried like an outage).
    async fn send(&self, delivery: &StoredDelivery) -> Option<u16> {
        match delivery.channel.as_str() {
            EMAIL_CHANNEL => self.send_email(delivery).await,
            _ => self.send_webhook(delivery).await,
        }
    }

    /// Mails the notice to its recipient's address as it is now; 250 once the server took it.
    async fn send_email(&self, delivery: &StoredDelivery) -> Option<u16> {
        let (mailer, from) = self.notifier.mailer.as_ref()?;
        let recipient = delivery.recipient?;
        let address = match store::notifications::email_of(self.database(), recipient).await {
            Ok(address) => address?,
            Err(error) => {
                tracing::warn!(delivery_id = delivery.id, error = %error, "reading an address failed");
                return None;
            }
        };
        let message = email_message(&delivery.event, from, &address)?;
        match mailer.send(message).await {
            Ok(response) => Some(u16::from(response.code())),
            Err(error) => {
                // lettre's errors name the server's reply, not the recipient.
                tracing::warn!(delivery_id = delivery.id, error = %error, "e-mail not sent");
                error.status().map(u16::from)
            }
        }
    }

    async fn send_webhook(&self, delivery: &StoredDelivery) -> Option<u16> {
        let webhook = self.notifier.settings.webhook.as_ref()?;
        let client = self.notifier.client.as_ref()?;
        let body = webhook_body(&delivery.event);
        let signature = sign(webhook.secret.as_bytes(), &body);
        let sent = client
            .post(&webhook.url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) => Some(response.status().as_u16()),
            Err(error) => {
                // reqwest's error names the URL, which is configuration, not personal data.
                tracing::warn!(delivery_id = delivery.id, error = %error.without_url(), "webhook unreachable");
                None
            }
        }
    }

    /// The caller's notifications after `after_id`, the unread only if asked.
    pub async fn notifications(
        &self,
        actor: &Actor,
        unread_only: bool,
        page: (i64, u64),
    ) -> Result<Vec<StoredNotification>, ServiceError> {
        let user = actor.user_id.ok_or(ServiceError::Forbidden)?;
        let page = store::notifications::page_for_user(self.database(), user, unread_only, page);
        Ok(page.await?)
    }

    /// Marks one of the caller's notifications read; another's is not found.
    pub async fn mark_notification_read(&self, actor: &Actor, id: i64) -> Result<(), ServiceError> {
        let user = actor.user_id.ok_or(ServiceError::Forbidden)?;
        match store::notifications::mark_read(self.database(), user, id, self.now()).await? {
            true => Ok(()),
            false => Err(ServiceError::NotFound("notification")),
        }
    }

    /// Marks all the caller's notifications read; returns how many were unread.
    pub async fn mark_all_notifications_read(&self, actor: &Actor) -> Result<u64, ServiceError> {
        let user = actor.user_id.ok_or(ServiceError::Forbidden)?;
        Ok(store::notifications::mark_all_read(self.database(), user, self.now()).await?)
    }

    /// Deliveries in a state, for administrators.
    pub async fn notification_deliveries(
        &self,
        actor: &Actor,
        state: DeliveryState,
        page: (i64, u64),
    ) -> Result<Vec<StoredDelivery>, ServiceError> {
        actor
            .acting_role(&[Role::Admin])
            .ok_or(ServiceError::Forbidden)?;
        Ok(store::notifications::deliveries_in(self.database(), state, page).await?)
    }

    /// Gives a dead delivery a fresh round of attempts, from the next dispatcher pass.
    pub async fn retry_notification_delivery(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<(), ServiceError> {
        actor
            .acting_role(&[Role::Admin])
            .ok_or(ServiceError::Forbidden)?;
        match store::notifications::retry_dead(self.database(), id, self.now()).await? {
            true => Ok(()),
            false => Err(ServiceError::NotFound("dead delivery")),
        }
    }
}

/// The active users an audience list names for the claim: its representative and rapporteur
/// by relation, the others by role.
async fn recipients(
    connection: &impl ConnectionTrait,
    claim: &Claim,
    audiences: &[Audience],
) -> anyhow::Result<BTreeSet<UserId>> {
    let related: BTreeSet<UserId> = audiences
        .iter()
        .filter_map(|audience| match audience {
            Audience::Representative => claim.representative,
            Audience::Rapporteur => claim.rapporteur,
            _ => None,
        })
        .collect();
    let roles: Vec<Role> = audiences
        .iter()
        .flat_map(|audience| match audience {
            Audience::Chair => &[Role::Chair][..],
            Audience::Secretariat => &[Role::Secretariat][..],
            Audience::Finance => &[Role::FinanceOfficer, Role::FinanceApprover][..],
            Audience::Representative | Audience::Rapporteur => &[][..],
        })
        .copied()
        .collect();
    let mut recipients = store::notifications::active_among(connection, related).await?;
    recipients.extend(store::notifications::active_users_with(connection, &roles).await?);
    Ok(recipients)
}

/// The webhook's body: the event, the claim's reference and the time; nothing personal.
fn webhook_body(event: &NoticeEvent) -> Vec<u8> {
    let body = serde_json::json!({
        "event": event.kind,
        "claim_reference": event.claim_reference,
        "occurred_at": event.occurred_at,
    });
    body.to_string().into_bytes()
}

/// The SMTP transport from its URL, and the sender; `None` (logged, without the URL) if either
/// is unusable, so e-mail deliveries fail and are retried until the settings are fixed.
fn mailer(smtp: &Smtp) -> Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)> {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url) {
        Ok(builder) => builder.timeout(Some(WEBHOOK_TIMEOUT)).build(),
        Err(_) => {
            tracing::error!("smtp_url is not a usable SMTP URL; e-mail is not sent");
            return None;
        }
    };
    match smtp.from.parse::<Mailbox>() {
        Ok(from) => Some((transport, from)),
        Err(_) => {
            tracing::error!("smtp_from is not an e-mail address; e-mail is not sent");
            None
        }
    }
}

/// An e-mail notice: the event and the claim's reference, nothing personal; the recipient
/// signs in to read more.
fn email_message(event: &NoticeEvent, from: &Mailbox, address: &str) -> Option<Message> {
    let to: Mailbox = address.parse().ok()?;
    let what = event.kind.as_str().replace('_', " ");
    let subject = format!("Redress: {what} ({})", event.claim_reference);
    let body = format!(
        "Claim {}: {what}, {}.\n\nSign in to Redress to see it.\n",
        event.claim_reference,
        event.occurred_at.format("%Y-%m-%d %H:%M UTC"),
    );
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .ok()
}

/// `sha256=` and the hex HMAC-SHA256 of the body under the secret.
fn sign(secret: &[u8], body: &[u8]) -> String {
    // HMAC takes a key of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        unreachable!("HMAC accepts keys of every length");
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_rfc_4231_hmac_of_the_body() {
        // RFC 4231, test case 2.
        let signature = sign(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            signature,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_webhook_body_holds_the_event_and_the_reference_only() {
        let event = NoticeEvent {
            claim_id: crate::domain::ClaimId(7),
            claim_reference: "KS-2026-000007".to_owned(),
            kind: NoticeKind::DecisionIssued,
            occurred_at: "2026-11-28T09:00:00Z".parse().unwrap(),
        };
        let body: serde_json::Value = serde_json::from_slice(&webhook_body(&event)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "event": "decision_issued",
                "claim_reference": "KS-2026-000007",
                "occurred_at": "2026-11-28T09:00:00Z",
            })
        );
    }

    #[test]
    fn the_secret_never_prints() {
        let webhook = Webhook {
            url: "https://receiver.example/hook".to_owned(),
            secret: "s3cret".to_owned(),
        };
        assert!(!format!("{webhook:?}").contains("s3cret"));
    }
}
