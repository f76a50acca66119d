//! Users, sessions, claims, their audit events, documents, votes and reference counters.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The claim states as of this migration; a new state needs a new migration.
const CLAIM_STATES: [&str; 12] = [
    "draft",
    "submitted",
    "awaiting_evidence",
    "under_assessment",
    "in_commission_review",
    "decided",
    "under_appeal",
    "final",
    "in_payment",
    "paid",
    "closed",
    "withdrawn",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            users(),
            user_roles(),
            sessions(),
            reference_counters(),
            claims(),
        ] {
            manager.create_table(table).await?;
        }
        for table in [claim_events(), documents(), votes(), recusals()] {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Recusals::Table.into_iden(),
            Votes::Table.into_iden(),
            Documents::Table.into_iden(),
            ClaimEvents::Table.into_iden(),
            Claims::Table.into_iden(),
            ReferenceCounters::Table.into_iden(),
            Sessions::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn foreign_key<T: IntoIden, C: IntoIden, R: IntoIden>(
    table: T,
    column: C,
    referenced: R,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(table)
        .from_col(column)
        .to_tbl(referenced)
        .to_col(Alias::new("id"))
        .to_owned()
}

fn users() -> TableCreateStatement {
    Table::create()
        .table(Users::Table)
        .col(big_pk_auto(Users::Id))
        .col(string_len_uniq(Users::Username, 64))
        .col(text(Users::PasswordHash))
        .col(boolean(Users::Active))
        .col(timestamp_with_time_zone(Users::CreatedAt))
        .to_owned()
}

fn user_roles() -> TableCreateStatement {
    Table::create()
        .table(UserRoles::Table)
        .col(big_integer(UserRoles::UserId))
        .col(string_len(UserRoles::Role, 32))
        .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
        .foreign_key(&mut foreign_key(
            UserRoles::Table,
            UserRoles::UserId,
            Users::Table,
        ))
        .to_owned()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table(Sessions::Table)
        .col(big_pk_auto(Sessions::Id))
        .col(big_integer(Sessions::UserId))
        .col(char_len_uniq(Sessions::TokenHash, 64))
        .col(timestamp_with_time_zone(Sessions::CreatedAt))
        .col(timestamp_with_time_zone(Sessions::ExpiresAt))
        .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
        .foreign_key(&mut foreign_key(
            Sessions::Table,
            Sessions::UserId,
            Users::Table,
        ))
        .to_owned()
}

fn reference_counters() -> TableCreateStatement {
    Table::create()
        .table(ReferenceCounters::Table)
        .col(string_len(ReferenceCounters::Jurisdiction, 40))
        .col(integer(ReferenceCounters::Year))
        .col(integer(ReferenceCounters::LastNumber))
        .primary_key(
            Index::create()
                .col(ReferenceCounters::Jurisdiction)
                .col(ReferenceCounters::Year),
        )
        .to_owned()
}

fn claims() -> TableCreateStatement {
    Table::create()
        .table(Claims::Table)
        .col(big_pk_auto(Claims::Id))
        .col(string_len_uniq(Claims::Reference, 32))
        .col(string_len(Claims::Jurisdiction, 40))
        .col(integer(Claims::ReferenceYear))
        .col(integer(Claims::ReferenceNumber))
        .col(string_len(Claims::State, 32).check(Expr::col(Claims::State).is_in(CLAIM_STATES)))
        .col(big_integer(Claims::Version))
        .col(string_len(Claims::OffenceType, 40))
        .col(date(Claims::CrimeDate))
        .col(string_len(Claims::ApplicantKind, 32))
        .col(text(Claims::ApplicantName))
        .col(text(Claims::VictimName))
        .col(date_null(Claims::VictimBirthDate))
        .col(text_null(Claims::VictimAddress))
        .col(boolean(Claims::ProtectedIdentity))
        .col(date_null(Claims::TraffickingIdentifiedOn))
        .col(date_null(Claims::CrimeDiscoveredOn))
        .col(boolean(Claims::ReportedToPolice))
        .col(string_len(Claims::Language, 8))
        .col(char_len(Claims::Currency, 3))
        .col(big_integer_null(Claims::CreatedBy))
        .col(big_integer_null(Claims::RepresentativeId))
        .col(date_null(Claims::LodgedOn))
        .col(text_null(Claims::FilingExtensionReason))
        .col(date_null(Claims::FilingDeadline))
        .col(date_null(Claims::EvidenceDue))
        .col(date_null(Claims::DecisionDue))
        .col(date_null(Claims::AppealDue))
        .col(date_null(Claims::PaymentDue))
        .col(big_integer_null(Claims::ProposedAwardMinor))
        .col(integer(Claims::ReviewRound))
        .col(string_len_null(Claims::DecisionOutcome, 32))
        .col(big_integer_null(Claims::DecisionAwardMinor))
        .col(text_null(Claims::DecisionReason))
        .col(date_null(Claims::DecidedOn))
        .col(timestamp_with_time_zone(Claims::CreatedAt))
        .col(timestamp_with_time_zone(Claims::UpdatedAt))
        .index(
            Index::create()
                .unique()
                .col(Claims::Jurisdiction)
                .col(Claims::ReferenceYear)
                .col(Claims::ReferenceNumber),
        )
        .foreign_key(&mut foreign_key(
            Claims::Table,
            Claims::CreatedBy,
            Users::Table,
        ))
        .foreign_key(&mut foreign_key(
            Claims::Table,
            Claims::RepresentativeId,
            Users::Table,
        ))
        .to_owned()
}

fn claim_events() -> TableCreateStatement {
    Table::create()
        .table(ClaimEvents::Table)
        .col(big_pk_auto(ClaimEvents::Id))
        .col(big_integer(ClaimEvents::ClaimId))
        .col(big_integer(ClaimEvents::Sequence))
        .col(big_integer_null(ClaimEvents::ActorUserId))
        .col(string_len(ClaimEvents::Role, 32))
        .col(string_len(ClaimEvents::Action, 40))
        .col(string_len_null(ClaimEvents::FromState, 32))
        .col(string_len(ClaimEvents::ToState, 32))
        .col(text(ClaimEvents::Payload))
        .col(timestamp_with_time_zone(ClaimEvents::OccurredAt))
        .col(char_len(ClaimEvents::PrevHash, 64))
        .col(char_len(ClaimEvents::Hash, 64))
        .index(
            Index::create()
                .unique()
                .col(ClaimEvents::ClaimId)
                .col(ClaimEvents::Sequence),
        )
        .foreign_key(&mut foreign_key(
            ClaimEvents::Table,
            ClaimEvents::ClaimId,
            Claims::Table,
        ))
        .foreign_key(&mut foreign_key(
            ClaimEvents::Table,
            ClaimEvents::ActorUserId,
            Users::Table,
        ))
        .to_owned()
}

fn documents() -> TableCreateStatement {
    Table::create()
        .table(Documents::Table)
        .col(big_pk_auto(Documents::Id))
        .col(big_integer(Documents::ClaimId))
        .col(string_len(Documents::Kind, 40))
        .col(string_len(Documents::MediaType, 100))
        .col(big_integer(Documents::SizeBytes))
        .col(char_len(Documents::Sha256, 64))
        .col(big_integer_null(Documents::UploadedBy))
        .col(timestamp_with_time_zone(Documents::UploadedAt))
        .foreign_key(&mut foreign_key(
            Documents::Table,
            Documents::ClaimId,
            Claims::Table,
        ))
        .foreign_key(&mut foreign_key(
            Documents::Table,
            Documents::UploadedBy,
            Users::Table,
        ))
        .to_owned()
}

fn votes() -> TableCreateStatement {
    Table::create()
        .table(Votes::Table)
        .col(big_pk_auto(Votes::Id))
        .col(big_integer(Votes::ClaimId))
        .col(integer(Votes::ReviewRound))
        .col(big_integer(Votes::MemberId))
        .col(string_len(Votes::Choice, 32))
        .col(big_integer_null(Votes::AmendedAmountMinor))
        .col(boolean(Votes::ByChair))
        .col(timestamp_with_time_zone(Votes::CastAt))
        .index(
            Index::create()
                .unique()
                .col(Votes::ClaimId)
                .col(Votes::ReviewRound)
                .col(Votes::MemberId),
        )
        .foreign_key(&mut foreign_key(
            Votes::Table,
            Votes::ClaimId,
            Claims::Table,
        ))
        .foreign_key(&mut foreign_key(
            Votes::Table,
            Votes::MemberId,
            Users::Table,
        ))
        .to_owned()
}

fn recusals() -> TableCreateStatement {
    Table::create()
        .table(Recusals::Table)
        .col(big_pk_auto(Recusals::Id))
        .col(big_integer(Recusals::ClaimId))
        .col(big_integer(Recusals::MemberId))
        .col(timestamp_with_time_zone(Recusals::RecordedAt))
        .index(
            Index::create()
                .unique()
                .col(Recusals::ClaimId)
                .col(Recusals::MemberId),
        )
        .foreign_key(&mut foreign_key(
            Recusals::Table,
            Recusals::ClaimId,
            Claims::Table,
        ))
        .foreign_key(&mut foreign_key(
            Recusals::Table,
            Recusals::MemberId,
            Users::Table,
        ))
        .to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_claims_state")
            .table(Claims::Table)
            .col(Claims::State)
            .to_owned(),
        Index::create()
            .name("idx_claims_representative")
            .table(Claims::Table)
            .col(Claims::RepresentativeId)
            .to_owned(),
        Index::create()
            .name("idx_documents_claim")
            .table(Documents::Table)
            .col(Documents::ClaimId)
            .to_owned(),
        Index::create()
            .name("idx_sessions_user")
            .table(Sessions::Table)
            .col(Sessions::UserId)
            .to_owned(),
    ]
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ReferenceCounters {
    Table,
    Jurisdiction,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
    Reference,
    Jurisdiction,
    ReferenceYear,
    ReferenceNumber,
    State,
    Version,
    OffenceType,
    CrimeDate,
    ApplicantKind,
    ApplicantName,
    VictimName,
    VictimBirthDate,
    VictimAddress,
    ProtectedIdentity,
    TraffickingIdentifiedOn,
    CrimeDiscoveredOn,
    ReportedToPolice,
    Language,
    Currency,
    CreatedBy,
    RepresentativeId,
    LodgedOn,
    FilingExtensionReason,
    FilingDeadline,
    EvidenceDue,
    DecisionDue,
    AppealDue,
    PaymentDue,
    ProposedAwardMinor,
    ReviewRound,
    DecisionOutcome,
    DecisionAwardMinor,
    DecisionReason,
    DecidedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ClaimEvents {
    Table,
    Id,
    ClaimId,
    Sequence,
    ActorUserId,
    Role,
    Action,
    FromState,
    ToState,
    Payload,
    OccurredAt,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    ClaimId,
    Kind,
    MediaType,
    SizeBytes,
    Sha256,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Votes {
    Table,
    Id,
    ClaimId,
    ReviewRound,
    MemberId,
    Choice,
    AmendedAmountMinor,
    ByChair,
    CastAt,
}

#[derive(DeriveIden)]
enum Recusals {
    Table,
    Id,
    ClaimId,
    MemberId,
    RecordedAt,
}
