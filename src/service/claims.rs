//! Claim use cases: create a draft, read it, list what may be done, and change it through the
//! workflow or another act, each change with its audit event in one transaction.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use super::decisions::{self, ISSUING_ACTIONS, Signatures};
use super::letters;
use super::{ServiceError, Services};
use crate::domain::access::{Scope, may_access, scopes};
use crate::domain::assignments::Assignment;
use crate::domain::audit::{AuditAction, AuditEvent, GENESIS_HASH, StoredEvent};
use crate::domain::award::{Assessment, Schedule};
use crate::domain::intake::{self, FactsPatch};
use crate::domain::money::Money;
use crate::domain::notices::Happened;
use crate::domain::operations::{self, ClaimOperation, VoteCast};
use crate::domain::payments::{LedgerEntry, PaymentOrderId, paid_total};
use crate::domain::payout::OrderState;
use crate::domain::proposal::award_ceiling;
use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::domain::votes::{Ballot, Vote};
use crate::domain::workflow::{self, ActionInput, Availability, Context};
use crate::domain::{
    Actor, Claim, ClaimAction, ClaimFacts, ClaimId, ClaimState, DocumentKind, Role, UserId,
};
use crate::pdf::content::{DecisionContent, LetterContent};
use crate::store;
use crate::store::claims::ClaimFilter;
use crate::store::documents::DocumentMetadata;

/// How often a change without an explicit expected version is retried after losing a race.
const CHANGE_ATTEMPTS: u32 = 3;

pub struct NewDraft {
    pub jurisdiction: JurisdictionId,
    pub facts: ClaimFacts,
    /// Set by the secretariat when filing for a represented applicant; a lawyer represents
    /// the claims they create.
    pub representative: Option<UserId>,
}

/// A decided change: the claim after it, what to record, and any row that goes with it.
pub(super) struct Change {
    pub(super) after: Claim,
    pub(super) role: Role,
    pub(super) action: AuditAction,
    pub(super) payload: Value,
    /// Rows that go with the change, written in its transaction.
    pub(super) records: Vec<Record>,
}

pub(super) enum Record {
    Assignment(Assignment),
    Letter(Box<LetterContent>),
    /// A decision's content, to be numbered and verified as the claim's next version.
    Decision(Box<DecisionContent>),
    EvidenceRequest {
        due_on: NaiveDate,
        kinds: BTreeSet<DocumentKind>,
    },
    Vote(Vote),
    Recusal(UserId),
    Document {
        metadata: DocumentMetadata,
        content: Vec<u8>,
    },
    InterimAward {
        amount: Money,
        reason: String,
    },
    /// Orders prepared by the actor; their ids are what the change created.
    PaymentOrders(Vec<store::payments::NewOrder>),
    /// An amount recovered from the offender.
    Recovery(operations::Recovery),
    /// An order moved on from the version the change saw.
    OrderStep {
        order: (PaymentOrderId, i64),
        state: OrderState,
        step: store::payments::Step,
    },
}

impl Record {
    /// Whether the record confirms a payment order as paid, which tells the parties so.
    fn pays_an_order(&self) -> bool {
        matches!(
            self,
            Record::OrderStep {
                state: OrderState::Paid,
                ..
            }
        )
    }
}

/// What a change decision may look at besides the claim.
struct Loaded<'a> {
    rules: &'a JurisdictionRules,
    schedules: &'a [Schedule],
    documents: BTreeSet<DocumentKind>,
    ballot: Ballot,
    /// The claim's payment orders, once it is in payment.
    ledger: Vec<LedgerEntry>,
    confirmed_payments: Money,
}

impl Services {
    pub async fn create_draft(
        &self,
        actor: &Actor,
        draft: NewDraft,
    ) -> Result<Claim, ServiceError> {
        let rules = self.rules(&draft.jurisdiction)?;
        let now = self.now();
        let scheme = intake::Scheme {
            rules,
            schedules: self.jurisdictions().schedules(&rules.id),
        };
        let created = intake::create(actor, scheme, &draft.facts, now.date_naive())?;
        let representative = match created.role {
            Role::Lawyer
                if draft
                    .representative
                    .is_some_and(|lawyer| Some(lawyer) != actor.user_id) =>
            {
                return Err(ServiceError::Invalid {
                    field: "representative_id",
                    reason: "a lawyer represents the drafts they create; leave it out".to_owned(),
                });
            }
            Role::Lawyer => actor.user_id,
            _ => draft.representative,
        };
        let transaction = store::begin_write(self.database()).await?;
        if let Some(lawyer) = representative.filter(|_| created.role != Role::Lawyer) {
            ensure_lawyer(&transaction, lawyer).await?;
        }
        let reference = store::claims::next_reference(&transaction, rules, now.year()).await?;
        let new = store::claims::NewClaim {
            reference: &reference,
            rules,
            facts: &draft.facts,
            created_by: actor.user_id,
            representative,
            deadlines: &created.deadlines,
        };
        let claim = store::claims::insert(&transaction, new, now).await?;
        let payload = json!({
            "jurisdiction": claim.jurisdiction,
            "reference": claim.reference,
            "offence_type": claim.facts.offence_type,
            "deadlines": claim.deadlines,
        });
        let event = audit_event(
            &claim,
            1,
            actor,
            created.role,
            AuditAction::Transition(ClaimAction::Create),
            None,
            payload,
            now,
        );
        let event = store::events::link(event, GENESIS_HASH)?;
        store::events::insert(&transaction, &event).await?;
        store::claims::set_audit_head(&transaction, claim.id, &event.hash).await?;
        transaction.commit().await?;
        self.metrics().record_change(ClaimAction::Create.as_str());
        tracing::info!(claim_id = claim.id.0, reference = %claim.reference, "claim created");
        Ok(claim)
    }

    /// A page of the claims the actor may see, in id order after `after_id`, and the cursor of
    /// the next page if there is one. `overdue` keeps the claims past a deadline today.
    pub async fn list_claims(
        &self,
        actor: &Actor,
        mut filter: ClaimFilter,
        overdue: bool,
        (after_id, limit): (i64, u64),
    ) -> Result<(Vec<Claim>, Option<i64>), ServiceError> {
        filter.overdue_on = overdue.then(|| self.today());
        let scopes = scopes(actor);
        if scopes.is_empty() {
            return Ok((Vec::new(), None));
        }
        filter.scopes = (!scopes.contains(&Scope::Every)).then_some(scopes);
        let mut claims = store::claims::page(self.database(), &filter, after_id, limit + 1).await?;
        let next = (claims.len() as u64 > limit).then(|| {
            claims.truncate(limit as usize);
            claims.last().map(|claim| claim.id.0)
        });
        Ok((claims, next.flatten()))
    }

    pub async fn claim(&self, actor: &Actor, id: ClaimId) -> Result<Claim, ServiceError> {
        load_accessible(self.database(), actor, id).await
    }

    /// The actions the actor's roles permit now, each with the guard that currently blocks it.
    pub async fn allowed_actions(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<(Claim, Vec<Availability>), ServiceError> {
        let claim = load_accessible(self.database(), actor, id).await?;
        let loaded = self.load_context(self.database(), &claim, None).await?;
        let context = context(&loaded, actor, self.today());
        let available = workflow::allowed_actions(&claim, &context);
        Ok((claim, available))
    }

    pub async fn events(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<StoredEvent>, ServiceError> {
        load_accessible(self.database(), actor, id).await?;
        let rows = store::events::for_claim(self.database(), id.0).await?;
        Ok(rows
            .iter()
            .map(store::events::stored_from_row)
            .collect::<anyhow::Result<_>>()?)
    }

    pub async fn perform(
        &self,
        actor: &Actor,
        id: ClaimId,
        action: ClaimAction,
        input: ActionInput,
        expected_version: Option<i64>,
    ) -> Result<Claim, ServiceError> {
        let issuing = ISSUING_ACTIONS.contains(&action);
        let signatures = match issuing {
            true => self.signatures(actor, id).await?,
            false => Signatures::default(),
        };
        let claim = self
            .change(actor, id, expected_version, |claim, context| {
                let performed = workflow::perform(claim, action, context, &input)?;
                let limits = (context.rules, context.schedules);
                let decision = issuing
                    .then(|| {
                        decisions::draft(&performed.claim, limits, context.ballot, &signatures)
                    })
                    .flatten()
                    .map(|draft| Record::Decision(Box::new(draft)));
                Ok(Change {
                    records: [evidence_request(action, &performed.claim, &input), decision]
                        .into_iter()
                        .flatten()
                        .chain(letters::for_action(
                            action,
                            &performed.claim,
                            &input,
                            context.today,
                        ))
                        .collect(),
                    after: performed.claim,
                    role: performed.role,
                    action: AuditAction::Transition(action),
                    payload: performed.payload,
                })
            })
            .await?;
        tracing::info!(claim_id = id.0, %action, state = %claim.state, "claim action performed");
        Ok(claim)
    }

    /// The decision `action` would issue now, as PDF in `language` (the applicant's when
    /// absent): the same checks and the same draft as `perform`, numbered as the next version,
    /// copied for the actor as issued decisions are, and nothing stored. The chair reads it
    /// before deciding; issued the same day, the decision prints the same words and code.
    pub async fn preview_decision(
        &self,
        actor: &Actor,
        id: ClaimId,
        (action, input): (ClaimAction, &ActionInput),
        language: Option<crate::domain::claim::Language>,
    ) -> Result<Vec<u8>, ServiceError> {
        if !ISSUING_ACTIONS.contains(&action) {
            return Err(ServiceError::NotFound("decision"));
        }
        let signatures = self.signatures(actor, id).await?;
        let claim = load_accessible(self.database(), actor, id).await?;
        let loaded = self.load_context(self.database(), &claim, None).await?;
        let context = context(&loaded, actor, self.today());
        let performed = workflow::perform(&claim, action, &context, input)?;
        let limits = (loaded.rules, loaded.schedules);
        let draft = decisions::draft(&performed.claim, limits, &loaded.ballot, &signatures)
            .ok_or(ServiceError::NotFound("decision"))?;
        let previous = store::decisions::latest_version(self.database(), id).await?;
        let version = (previous.map_or(1, |version| version + 1), previous);
        let preview = decisions::issue((id, &draft), version, &self.public_url, self.now())?;
        let recipient = self.copy_for(actor, &claim).await?;
        let language = language.unwrap_or(claim.facts.language);
        self.render_decision(preview.content, language, recipient)
            .await
    }

    pub async fn cast_vote(
        &self,
        actor: &Actor,
        id: ClaimId,
        cast: VoteCast,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let limits = (context.rules, ceiling(claim, context));
            let (role, vote) =
                operations::cast_vote(claim, actor, context.ballot, limits, cast.clone())?;
            let payload = json!({"round": claim.review_round, "vote": vote.choice});
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(ClaimOperation::CastVote),
                payload,
                records: vec![Record::Vote(vote)],
            })
        })
        .await
    }

    pub async fn recuse(&self, actor: &Actor, id: ClaimId) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let role = operations::recuse(claim, actor, context.ballot)?;
            let member = actor.user_id.ok_or(ServiceError::Forbidden)?;
            let payload = json!({"round": claim.review_round});
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(ClaimOperation::Recuse),
                payload,
                records: vec![Record::Recusal(member)],
            })
        })
        .await
    }

    pub async fn grant_filing_extension(
        &self,
        actor: &Actor,
        id: ClaimId,
        reason: &str,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let (role, after) = operations::grant_filing_extension(
                claim,
                actor,
                context.rules,
                context.today,
                reason,
            )?;
            let payload = json!({"reason": reason.trim()});
            Ok(Change {
                after,
                role,
                action: operation(ClaimOperation::GrantFilingExtension),
                payload,
                records: Vec::new(),
            })
        })
        .await
    }

    /// The current review round's votes and the recusals, for the commission, the secretariat
    /// and auditors; the commission's deliberation is not the parties' to read.
    pub async fn ballot(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<(Claim, Ballot), ServiceError> {
        let claim = self.claim(actor, id).await?;
        const READERS: &[Role] = &[
            Role::Commissioner,
            Role::Chair,
            Role::Secretariat,
            Role::Auditor,
        ];
        actor.acting_role(READERS).ok_or(ServiceError::Forbidden)?;
        let currency = self.rules(&claim.jurisdiction)?.currency;
        let ballot = store::votes::ballot(self.database(), &claim, currency).await?;
        Ok((claim, ballot))
    }

    /// Edits a draft's facts. An edit that changes nothing is answered with the claim as it is,
    /// and nothing is recorded.
    pub async fn edit_draft(
        &self,
        actor: &Actor,
        id: ClaimId,
        patch: FactsPatch,
        expected_version: Option<i64>,
    ) -> Result<Claim, ServiceError> {
        let current = self.claim(actor, id).await?;
        operations::authorize(ClaimOperation::EditDraft, &current, actor)?;
        if patch.apply(&current.facts).1.is_empty() {
            return Ok(current);
        }
        self.change(actor, id, expected_version, |claim, context| {
            let (facts, changed) = patch.apply(&claim.facts);
            let scheme = intake::Scheme {
                rules: context.rules,
                schedules: context.schedules,
            };
            let (role, after) = intake::edit_draft(claim, actor, scheme, facts, context.today)?;
            let payload = json!({"fields": changed, "deadlines": after.deadlines});
            Ok(Change {
                after,
                role,
                action: operation(ClaimOperation::EditDraft),
                payload,
                records: Vec::new(),
            })
        })
        .await
    }

    /// Records the rapporteur's assessment (the facts the calculator needs).
    pub async fn record_assessment(
        &self,
        actor: &Actor,
        id: ClaimId,
        assessment: Assessment,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let rules_and_schedules = (context.rules, context.schedules);
            let (role, after) = operations::record_assessment(
                claim,
                actor,
                rules_and_schedules,
                assessment.clone(),
                context.today,
            )?;
            let payload = json!({"assessment": assessment});
            Ok(Change {
                after,
                role,
                action: operation(ClaimOperation::RecordAssessment),
                payload,
                records: Vec::new(),
            })
        })
        .await
    }

    /// Grants an interim award for urgent needs (the chair, before the decision).
    pub async fn grant_interim_award(
        &self,
        actor: &Actor,
        id: ClaimId,
        amount: Decimal,
        reason: &str,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let limits = (context.rules, ceiling(claim, context));
            let (role, amount, after) =
                operations::grant_interim_award(claim, actor, limits, amount, reason)?;
            let payload =
                json!({"amount": amount, "total": after.interim_awarded, "reason": reason.trim()});
            let records = vec![
                Record::InterimAward {
                    amount,
                    reason: reason.to_owned(),
                },
                letters::interim_award(&after, amount, context.today),
            ];
            Ok(Change {
                after,
                role,
                action: operation(ClaimOperation::GrantInterimAward),
                payload,
                records,
            })
        })
        .await
    }

    /// Records an amount recovered from the offender (finance, once a decision is given). The
    /// audit event names the amount and the day, never the note.
    pub async fn record_recovery(
        &self,
        actor: &Actor,
        id: ClaimId,
        recovery: operations::Recovery,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, context| {
            let (role, recovery) = operations::record_recovery(
                claim,
                actor,
                context.rules,
                recovery.clone(),
                context.today,
            )?;
            let payload = json!({"amount": recovery.amount, "received_on": recovery.received_on});
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(ClaimOperation::RecordRecovery),
                payload,
                records: vec![Record::Recovery(recovery)],
            })
        })
        .await
    }

    /// Records a document's metadata against the claim, without content (synthetic data only).
    pub async fn record_document(
        &self,
        actor: &Actor,
        id: ClaimId,
        metadata: DocumentMetadata,
    ) -> Result<Claim, ServiceError> {
        self.record_document_with_content(actor, id, metadata, Vec::new())
            .await
    }

    /// Records a document and its content against the claim, with its audit event.
    pub(super) async fn record_document_with_content(
        &self,
        actor: &Actor,
        id: ClaimId,
        metadata: DocumentMetadata,
        content: Vec<u8>,
    ) -> Result<Claim, ServiceError> {
        self.change(actor, id, None, |claim, _| {
            let role = operations::authorize(ClaimOperation::UploadDocument, claim, actor)?;
            let payload = json!({
                "kind": metadata.kind,
                "media_type": metadata.media_type,
                "size_bytes": metadata.size_bytes,
                "sha256": metadata.sha256,
            });
            let record = Record::Document {
                metadata: metadata.clone(),
                content: content.clone(),
            };
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(ClaimOperation::UploadDocument),
                payload,
                records: vec![record],
            })
        })
        .await
    }

    /// Runs `decide` against the current claim and persists its change; retried when another
    /// writer won a race and the caller did not pin a version.
    pub(super) async fn change<F>(
        &self,
        actor: &Actor,
        id: ClaimId,
        expected_version: Option<i64>,
        decide: F,
    ) -> Result<Claim, ServiceError>
    where
        F: Fn(&Claim, &Context<'_>) -> Result<Change, ServiceError>,
    {
        let (claim, _) = self
            .change_creating(actor, id, expected_version, decide)
            .await?;
        Ok(claim)
    }

    /// A change, and the ids of the rows its records created (payment orders).
    pub(super) async fn change_creating<F>(
        &self,
        actor: &Actor,
        id: ClaimId,
        expected_version: Option<i64>,
        decide: F,
    ) -> Result<(Claim, Vec<i64>), ServiceError>
    where
        F: Fn(&Claim, &Context<'_>) -> Result<Change, ServiceError>,
    {
        let mut attempt = 1;
        loop {
            match self.try_change(actor, id, expected_version, &decide).await {
                Err(ServiceError::VersionConflict) if attempt < CHANGE_ATTEMPTS => {
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    async fn try_change<F>(
        &self,
        actor: &Actor,
        id: ClaimId,
        expected_version: Option<i64>,
        decide: &F,
    ) -> Result<(Claim, Vec<i64>), ServiceError>
    where
        F: Fn(&Claim, &Context<'_>) -> Result<Change, ServiceError>,
    {
        let now = self.now();
        let transaction = store::begin_write(self.database()).await?;
        let Some(found) = store::claims::find_for_change(&transaction, id).await? else {
            return Err(ServiceError::NotFound("claim"));
        };
        let before = accessible(Some(found.claim), actor)?;
        if let Some(expected) = expected_version.filter(|expected| *expected != before.version) {
            return Err(ServiceError::StaleVersion { expected });
        }
        let documents = Some(found.document_kinds);
        let loaded = self.load_context(&transaction, &before, documents).await?;
        let change = decide(&before, &context(&loaded, actor, now.date_naive()))?;
        let sequence = before.version + 1;
        let event = audit_event(
            &change.after,
            sequence,
            actor,
            change.role,
            change.action,
            Some(before.state),
            change.payload,
            now,
        );
        let event = store::events::link(event, &found.audit_head)?;
        let saved = (&before, &change.after);
        if !store::claims::save_change(&transaction, saved, &event.hash, now).await? {
            // Another writer committed between our read and our update.
            return Err(match expected_version {
                Some(expected) => ServiceError::StaleVersion { expected },
                None => ServiceError::VersionConflict,
            });
        }
        let mut created = Vec::new();
        for record in &change.records {
            created.extend(
                self.save_record(&transaction, (&before, actor), record, now)
                    .await?,
            );
        }
        let happened = Happened {
            before: &before,
            after: &change.after,
            action: change.action,
            order_paid: change.records.iter().any(Record::pays_an_order),
        };
        self.enqueue_notice(&transaction, happened, now).await?;
        store::events::insert(&transaction, &event).await?;
        transaction.commit().await?;
        self.metrics().record_change(change.action.as_str());
        let mut after = change.after;
        after.version = sequence;
        Ok((after, created))
    }

    /// Writes one row that goes with a change, in the change's transaction; returns the ids of
    /// payment orders it created.
    async fn save_record(
        &self,
        transaction: &impl ConnectionTrait,
        (before, actor): (&Claim, &Actor),
        record: &Record,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, ServiceError> {
        let id = before.id;
        match record {
            Record::Vote(vote) => {
                store::votes::insert_vote(transaction, id, before.review_round, vote, now).await?
            }
            Record::Recusal(member) => {
                store::votes::insert_recusal(transaction, id, *member, now).await?
            }
            Record::Assignment(assignment) => {
                store::assignments::insert(transaction, id, assignment, actor.user_id, now)
                    .await?
                    .map_err(|_| ServiceError::Duplicate { field: "user_id" })?
            }
            Record::Decision(draft) => {
                self.issue_decision(transaction, id, draft, now).await?;
            }
            Record::Letter(content) => {
                let letter = letters::issue(content, now)?;
                store::letters::insert(transaction, id, &letter).await?;
            }
            Record::EvidenceRequest { due_on, kinds } => {
                let request = (*due_on, kinds);
                store::evidence::insert(transaction, id, request, actor.user_id, now).await?;
            }
            Record::InterimAward { amount, reason } => {
                let granted_by = actor.user_id;
                store::interim_awards::insert(transaction, id, *amount, reason, granted_by, now)
                    .await?;
            }
            Record::Document { metadata, content } => {
                let document_id = store::documents::insert(transaction, id, metadata, now).await?;
                store::documents::insert_content(transaction, document_id, content.clone()).await?;
            }
            Record::PaymentOrders(orders) => {
                let preparer = actor.user_id.ok_or(ServiceError::Forbidden)?;
                let mut created = Vec::with_capacity(orders.len());
                for order in orders {
                    let order = store::payments::insert(transaction, id, order, preparer, now);
                    created.push(order.await?.0);
                }
                return Ok(created);
            }
            Record::Recovery(recovery) => {
                let recorder = actor.user_id.ok_or(ServiceError::Forbidden)?;
                store::recoveries::insert(transaction, id, recovery, recorder, now).await?;
            }
            Record::OrderStep { order, state, step } => {
                if !store::payments::advance(transaction, *order, *state, step, now).await? {
                    return Err(ServiceError::VersionConflict);
                }
            }
        }
        Ok(Vec::new())
    }

    /// Stores the drafted decision as the claim's next version, superseding the one before.
    async fn issue_decision(
        &self,
        transaction: &impl ConnectionTrait,
        id: ClaimId,
        draft: &DecisionContent,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let previous = store::decisions::latest_version(transaction, id).await?;
        let version = (previous.map_or(1, |version| version + 1), previous);
        let issued = decisions::issue((id, draft), version, &self.public_url, now)?;
        store::decisions::insert(transaction, &issued).await?;
        tracing::info!(claim_id = id.0, version = issued.version, "decision issued");
        Ok(())
    }

    /// The representative's and the signing user's names, for a decision about to be issued.
    async fn signatures(&self, actor: &Actor, id: ClaimId) -> Result<Signatures, ServiceError> {
        let claim = self.claim(actor, id).await?;
        let name = |user: Option<UserId>| async move {
            match user {
                Some(user) => store::users::summary(self.database(), user)
                    .await
                    .map(|summary| summary.map(|summary| decisions::printed_name(&summary))),
                None => Ok(None),
            }
        };
        Ok(Signatures {
            representative: name(claim.representative).await?,
            signatory: name(actor.user_id).await?.unwrap_or_default(),
        })
    }

    /// What the guards consult besides the claim; `documents` when the claim's load read them.
    async fn load_context(
        &self,
        connection: &impl ConnectionTrait,
        claim: &Claim,
        documents: Option<BTreeSet<DocumentKind>>,
    ) -> Result<Loaded<'_>, ServiceError> {
        let rules = self.rules(&claim.jurisdiction)?;
        let documents = match documents {
            Some(documents) => documents,
            None => store::documents::kinds(connection, claim.id).await?,
        };
        let ballot = store::votes::ballot(connection, claim, rules.currency).await?;
        let ledger: Vec<LedgerEntry> = match claim.state {
            ClaimState::InPayment => store::payments::of_claim(connection, claim.id)
                .await?
                .iter()
                .map(store::payments::StoredOrder::ledger_entry)
                .collect(),
            _ => Vec::new(),
        };
        // Interim awards were paid when granted; they count toward paying the award.
        let paid = paid_total(&ledger, Money::zero(rules.currency));
        let confirmed_payments = paid.checked_add(claim.interim_awarded).unwrap_or(paid);
        Ok(Loaded {
            rules,
            schedules: self.jurisdictions().schedules(&rules.id),
            documents,
            ballot,
            ledger,
            confirmed_payments,
        })
    }
}

fn context<'a>(loaded: &'a Loaded<'a>, actor: &'a Actor, today: chrono::NaiveDate) -> Context<'a> {
    Context {
        today,
        actor,
        rules: loaded.rules,
        documents: &loaded.documents,
        ballot: &loaded.ballot,
        confirmed_payments: loaded.confirmed_payments,
        payment_orders: &loaded.ledger,
        schedules: loaded.schedules,
    }
}

/// The most the claim may be awarded under the schedule in force.
fn ceiling(claim: &Claim, context: &Context<'_>) -> Option<Money> {
    award_ceiling(
        claim,
        context.schedules,
        context.rules.currency,
        context.today,
    )
}

pub(super) fn operation(operation: ClaimOperation) -> AuditAction {
    AuditAction::Operation(operation)
}

/// Every request for evidence is kept as a resource that uploads can answer.
fn evidence_request(action: ClaimAction, after: &Claim, input: &ActionInput) -> Option<Record> {
    let due_on = after.deadlines.evidence_due?;
    (action == ClaimAction::RequestEvidence).then(|| Record::EvidenceRequest {
        due_on,
        kinds: input.requested_documents.clone(),
    })
}

/// A claim the actor may see; one they may not is reported as absent, never as forbidden, so
/// its existence does not leak.
async fn load_accessible(
    connection: &impl ConnectionTrait,
    actor: &Actor,
    id: ClaimId,
) -> Result<Claim, ServiceError> {
    accessible(store::claims::find(connection, id).await?, actor)
}

fn accessible(claim: Option<Claim>, actor: &Actor) -> Result<Claim, ServiceError> {
    claim
        .filter(|claim| may_access(actor, claim))
        .ok_or(ServiceError::NotFound("claim"))
}

async fn ensure_lawyer(
    connection: &impl ConnectionTrait,
    user: UserId,
) -> Result<(), ServiceError> {
    if store::users::roles_of(connection, user)
        .await?
        .contains(&Role::Lawyer)
    {
        Ok(())
    } else {
        Err(ServiceError::Invalid {
            field: "representative_id",
            reason: "must be the id of a lawyer".to_owned(),
        })
    }
}

#[allow(clippy::too_many_arguments)] // one argument per recorded field keeps the call sites plain
fn audit_event(
    claim: &Claim,
    sequence: i64,
    actor: &Actor,
    role: Role,
    action: AuditAction,
    from_state: Option<ClaimState>,
    payload: Value,
    occurred_at: DateTime<Utc>,
) -> AuditEvent {
    AuditEvent {
        claim_id: claim.id.0,
        sequence,
        actor_user_id: actor.user_id.map(|user| user.0),
        role,
        action,
        from_state,
        to_state: claim.state,
        payload,
        occurred_at,
    }
}
