//! Demo data for `redress serve --demo`: a user for every role and synthetic claims in several
//! states, all created through the same use cases as real ones, so their audit trails are real.

use std::collections::BTreeSet;

use chrono::{Datelike, TimeDelta};
use rust_decimal::Decimal;

use super::auth::Password;
use super::claims::NewDraft;
use super::{ServiceError, Services};
use crate::domain::application::{BankAccount, ClaimedLoss};
use crate::domain::award::{Assessment, Loss};
use crate::domain::claim::{ApplicantKind, Language, PersonalText};
use crate::domain::money::{Currency, Money};
use crate::domain::operations::{VoteCast, VoteKind};
use crate::domain::payout::Iban;
use crate::domain::rules::JurisdictionId;
use crate::domain::workflow::ActionInput;
use crate::domain::{
    Actor, ClaimAction, ClaimFacts, ClaimId, DocumentKind, FullName, OffenceType, Role,
};
use crate::store;

/// A demo account, with the password shown once.
pub struct DemoAccount {
    pub username: &'static str,
    pub password: String,
    pub roles: Vec<Role>,
}

/// Every demo account: its username, a synthetic full name (no real person's) and its roles.
const ACCOUNTS: &[(&str, &str, &[Role])] = &[
    ("lawyer", "Vjosa Krasniqi", &[Role::Lawyer]),
    ("secretariat", "Blerim Hoxha", &[Role::Secretariat]),
    ("commissioner-1", "Drita Berisha", &[Role::Commissioner]),
    ("commissioner-2", "Milan Jovanović", &[Role::Commissioner]),
    // Kosovo's quorum is three: with one recusal the chair and two members still make it.
    ("commissioner-3", "Teuta Morina", &[Role::Commissioner]),
    ("chair", "Arbër Gashi", &[Role::Chair]),
    (
        "finance-officer",
        "Jelena Petrović",
        &[Role::FinanceOfficer],
    ),
    ("finance-approver", "Besnik Shala", &[Role::FinanceApprover]),
    ("auditor", "Liridona Rexhepi", &[Role::Auditor]),
    ("admin", "Dragan Nikolić", &[Role::Admin]),
];

/// The demo accounts' usernames and roles, never their passwords: the web UI's sign-in page lists
/// them under `serve --demo`.
pub fn demo_accounts() -> impl Iterator<Item = (&'static str, &'static [Role])> {
    ACCOUNTS
        .iter()
        .map(|(username, _, roles)| (*username, *roles))
}

struct Cast {
    lawyer: Actor,
    secretariat: Actor,
    members: Vec<Actor>,
    chair: Actor,
}

/// The demo finance approver may approve orders up to this many euros.
const DEMO_APPROVAL_LIMIT_EUR: i64 = 10_000;

impl Services {
    /// Seeds the demo once; `None` when the database already has users.
    pub async fn seed_demo(&self) -> Result<Option<Vec<DemoAccount>>, ServiceError> {
        if store::users::count(self.database()).await? > 0 {
            return Ok(None);
        }
        let mut accounts = Vec::new();
        let mut actors = Vec::new();
        for (username, full_name, roles) in ACCOUNTS {
            let password = demo_password()?;
            let role_set: BTreeSet<Role> = roles.iter().copied().collect();
            let full_name = FullName::parse(full_name)
                .map_err(|error| anyhow::anyhow!("demo full name: {error}"))?;
            let who = (*username, &full_name);
            let user_id = self
                .add_user(who, Password::new(password.clone()), role_set.clone())
                .await?;
            if role_set.contains(&Role::FinanceApprover) {
                // Without a limit the demo approver could approve nothing.
                let limit = Money::from_minor_units(DEMO_APPROVAL_LIMIT_EUR * 100, Currency::Eur);
                store::payments::set_approval_limit(self.database(), user_id, limit).await?;
            }
            actors.push(Actor::user(user_id, role_set));
            accounts.push(DemoAccount {
                username,
                password,
                roles: roles.to_vec(),
            });
        }
        let cast = Cast {
            lawyer: actors[0].clone(),
            secretariat: actors[1].clone(),
            members: actors[2..5].to_vec(),
            chair: actors[5].clone(),
        };
        self.seed_claims(&cast).await?;
        Ok(Some(accounts))
    }

    async fn seed_claims(&self, cast: &Cast) -> Result<(), ServiceError> {
        self.demo_draft(cast, OffenceType::DomesticViolence).await?;
        let submitted = self.demo_draft(cast, OffenceType::SexualViolence).await?;
        self.perform(
            &cast.lawyer,
            submitted,
            ClaimAction::Submit,
            ActionInput::default(),
            None,
        )
        .await?;
        let review = self
            .demo_draft(cast, OffenceType::TraffickingInHumanBeings)
            .await?;
        self.walk_to_review(cast, review).await?;
        let decided = self
            .demo_draft(cast, OffenceType::OtherViolentCrime)
            .await?;
        self.walk_to_review(cast, decided).await?;
        self.decide(cast, decided).await?;
        // Work waiting for the secretariat and for finance, so every role has a job at once.
        let to_assess = self.demo_draft(cast, OffenceType::SexualViolence).await?;
        for action in [ClaimAction::Submit, ClaimAction::AcceptForAssessment] {
            self.perform(
                &cast.secretariat,
                to_assess,
                action,
                ActionInput::default(),
                None,
            )
            .await?;
        }
        let to_pay = self.demo_draft(cast, OffenceType::DomesticViolence).await?;
        self.walk_to_review(cast, to_pay).await?;
        self.decide(cast, to_pay).await?;
        let waived = ActionInput {
            appeal_waived: true,
            ..ActionInput::default()
        };
        self.perform(
            &cast.secretariat,
            to_pay,
            ClaimAction::Finalize,
            waived,
            None,
        )
        .await?;
        Ok(())
    }

    /// Every member and the chair approve; the chair closes the vote.
    async fn decide(&self, cast: &Cast, claim: ClaimId) -> Result<(), ServiceError> {
        for member in cast.members.iter().chain([&cast.chair]) {
            self.cast_vote(member, claim, VoteCast::plain(VoteKind::Approve))
                .await?;
        }
        self.perform(
            &cast.chair,
            claim,
            ClaimAction::Decide,
            ActionInput::default(),
            None,
        )
        .await?;
        Ok(())
    }

    async fn walk_to_review(&self, cast: &Cast, claim: ClaimId) -> Result<(), ServiceError> {
        let secretariat = &cast.secretariat;
        self.perform(
            secretariat,
            claim,
            ClaimAction::Submit,
            ActionInput::default(),
            None,
        )
        .await?;
        self.perform(
            secretariat,
            claim,
            ClaimAction::AcceptForAssessment,
            ActionInput::default(),
            None,
        )
        .await?;
        self.record_assessment(secretariat, claim, demo_assessment())
            .await?;
        self.perform(
            secretariat,
            claim,
            ClaimAction::ProposeAward,
            ActionInput::default(),
            None,
        )
        .await?;
        Ok(())
    }

    async fn demo_draft(
        &self,
        cast: &Cast,
        offence_type: OffenceType,
    ) -> Result<ClaimId, ServiceError> {
        let today = self.today();
        let synthetic = |text: &str| {
            PersonalText::parse(text).map_err(|error| anyhow::anyhow!("demo text: {error}"))
        };
        let facts = ClaimFacts {
            offence_type,
            crime_date: today - TimeDelta::days(40),
            applicant_kind: ApplicantKind::DirectVictim,
            applicant_name: synthetic("Synthetic Applicant")?,
            victim_name: synthetic("Synthetic Applicant")?,
            victim_birth_date: today.with_year(today.year() - 30),
            victim_address: Some(synthetic("1 Example Street, Prishtinë")?),
            victim_gender: None,
            protected_identity: offence_type == OffenceType::TraffickingInHumanBeings,
            trafficking_identified_on: None,
            crime_discovered_on: None,
            reported_to_police: true,
            language: Language::Sq,
            claimed_losses: vec![ClaimedLoss {
                head: "medical_costs".to_owned(),
                amount: Some(Decimal::new(120_000, 2)),
                details: Some(synthetic("Synthetic Hospital")?),
            }],
            bank_account: Some(BankAccount {
                holder: synthetic("Synthetic Applicant")?,
                iban: Iban::parse("XK051212012345678906")
                    .map_err(|error| anyhow::anyhow!("demo IBAN: {error}"))?,
            }),
            consent_given: true,
        };
        let jurisdiction = JurisdictionId::parse("kosovo").map_err(anyhow::Error::from)?;
        let draft = NewDraft {
            jurisdiction,
            facts,
            representative: None,
        };
        let claim = self.create_draft(&cast.lawyer, draft).await?.id;
        self.file_power_of_attorney(cast, claim).await?;
        Ok(claim)
    }

    /// Records a synthetic power of attorney so the claim may be submitted (uploads arrive with
    /// the API).
    async fn file_power_of_attorney(
        &self,
        cast: &Cast,
        claim: ClaimId,
    ) -> Result<(), ServiceError> {
        let metadata = store::documents::DocumentMetadata {
            kind: DocumentKind::PowerOfAttorney,
            media_type: "application/pdf".to_owned(),
            size_bytes: 0,
            sha256: EMPTY_SHA256.to_owned(),
            uploaded_by: cast.lawyer.user_id,
            request_item: None,
        };
        self.record_document(&cast.lawyer, claim, metadata).await?;
        Ok(())
    }
}

/// Medical costs and a loss of earning capacity, EUR 4,245.00 in all.
fn demo_assessment() -> Assessment {
    let loss = |head: &str, cents: i64| Loss {
        head: head.to_owned(),
        amount: Some(Decimal::new(cents, 2)),
        ..Loss::default()
    };
    Assessment {
        losses: vec![
            loss("medical_costs", 124_500),
            loss("loss_of_earning_capacity", 300_000),
        ],
        ..Assessment::default()
    }
}

/// The SHA-256 of no bytes: the demo's documents have no content.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// 18 random bytes in URL-safe base64: 24 characters, never reused.
fn demo_password() -> Result<String, ServiceError> {
    use base64::Engine as _;
    let mut bytes = [0_u8; 18];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("drawing a password: {error}"))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}
