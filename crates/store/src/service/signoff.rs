//! Customer sign-off (客户签字确认): one-time links valid 7 days, the summary
//! shown without sign-in, the drawn signature or a refusal with its reason.
//! The signature arrives as PNG bytes the API has decoded and checked
//! (`furrow_api::signature`): the store keeps them as given.

use crate::db::by_id;
use crate::entities::{
    customer, machine, product_model, repair_report, service_request, sign_link, work_order,
};
use crate::error::StoreError;
use crate::pipeline::{Access, Pipeline, Target};
use crate::{Store, settings};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use furrow_domain::DomainError;
use furrow_domain::auth::Actor;
use furrow_domain::service::decide::reports as decide;
use furrow_domain::service::decide::signoff as signing;
use furrow_domain::service::*;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// How long a sign-off link works.
pub const LINK_DAYS: i64 = 7;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What the customer is asked to sign.
pub async fn summary(store: &Store, token: &str) -> Result<SignSummary, StoreError> {
    let conn = store.conn();
    let (link, r) = usable(conn, token, store.now()).await?;
    let w = by_id::<work_order::Entity>(conn, r.work_order_id).await?;
    let sr = by_id::<service_request::Entity>(conn, r.request_id).await?;
    let c = by_id::<customer::Entity>(conn, sr.customer_id).await?;
    let serial = match sr.machine_id {
        Some(id) => machine::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|m| m.serial_number),
        None => sr.reported_serial.clone(),
    };
    let model_name = match sr.model_id {
        Some(id) => product_model::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|m| m.name),
        None => None,
    };
    let engineer = super::common::user_names(conn, [r.engineer_id])
        .await?
        .remove(&r.engineer_id)
        .unwrap_or_default();
    let coverage = super::common::current_coverage(&sr)?;
    Ok(SignSummary {
        request_number: sr.number,
        work_order_number: w.number,
        customer_name: c.name,
        serial_number: serial,
        model_name,
        engineer_name: engineer,
        symptoms: sr.symptoms,
        labour_hours: super::records::labour(&r)?,
        parts: super::records::parts(&r)?,
        coverage,
        process: r.process,
        cause: r.cause,
        measures: r.measures,
        further_problems: r.further_problems,
        proposals: r.proposals,
        arrived_at: w.arrived_at,
        finished_at: w.finished_at,
        expires_at: link.expires_at,
    })
}

/// Nothing when `token` is a link the customer can still use; else 404 or 410.
pub async fn check_link(store: &Store, token: &str) -> Result<(), StoreError> {
    usable(store.conn(), token, store.now()).await.map(|_| ())
}

/// Creates a link for an approved report (supervisor). Earlier unused links of
/// the report stop working; a refused report is approved again.
pub async fn create_link(
    store: &Store,
    actor: &Actor,
    report_id: Uuid,
    expected: Option<i32>,
) -> Result<SignLinkView, StoreError> {
    let target = Target::Report(report_id);
    let p = Pipeline::for_actor(store, actor, target, expected).await?;
    let t = p.ctx().now;
    let expires_at = t + Duration::days(LINK_DAYS);
    let d = decide::create_sign_link(p.case(), &p.ctx(), expires_at)?;
    sign_link::Entity::update_many()
        .col_expr(sign_link::Column::UsedAt, Expr::value(t))
        .filter(sign_link::Column::ReportId.eq(report_id))
        .filter(sign_link::Column::UsedAt.is_null())
        .exec(p.tx())
        .await?;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    sign_link::Entity::insert(sign_link::ActiveModel {
        id: Set(Uuid::now_v7()),
        report_id: Set(report_id),
        token_hash: Set(digest(&token)),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(t),
    })
    .exec_without_returning(p.tx())
    .await?;
    p.commit(d).await?;
    Ok(SignLinkView {
        path: format!("/sign/{token}"),
        token,
        expires_at,
    })
}

/// The link behind a token: unknown is 404, used or expired is 410.
async fn usable(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(sign_link::Model, repair_report::Model), StoreError> {
    let link = sign_link::Entity::find()
        .filter(sign_link::Column::TokenHash.eq(digest(token)))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if link.used_at.is_some() {
        return Err(DomainError::LinkUsed.into());
    }
    if link.expires_at <= now {
        return Err(DomainError::LinkExpired.into());
    }
    let report = by_id::<repair_report::Entity>(conn, link.report_id).await?;
    if report.status != ReportStatus::Approved.as_str() {
        return Err(DomainError::NotAwaitingSignature.into());
    }
    Ok((link, report))
}

/// The customer, as the audit log names them.
fn customer(name: &str) -> Actor {
    Actor {
        user_id: Uuid::nil(),
        username: format!("customer: {name}"),
        roles: vec![],
        dealer_id: None,
    }
}

/// Begins a customer's command through a link: the link is checked, then
/// spent in the command's transaction, so a double submit acts once.
async fn begin_with_link<'a>(
    store: &Store,
    signer: &'a Actor,
    token: &str,
) -> Result<Pipeline<'a>, StoreError> {
    let (link, _) = usable(store.conn(), token, store.now()).await?;
    let p = Pipeline::begin(
        store,
        signer,
        Access::Link,
        Target::Report(link.report_id),
        None,
    )
    .await?;
    let spent = sign_link::Entity::update_many()
        .col_expr(sign_link::Column::UsedAt, Expr::value(p.ctx().now))
        .filter(sign_link::Column::Id.eq(link.id))
        .filter(sign_link::Column::UsedAt.is_null())
        .exec(p.tx())
        .await?;
    if spent.rows_affected != 1 {
        return Err(DomainError::LinkUsed.into());
    }
    Ok(p)
}

/// The customer signs with `png`, the drawn signature already proved a PNG
/// of sensible size: the report is signed, the request completed, and the
/// follow-up call scheduled.
pub async fn sign(
    store: &Store,
    token: &str,
    input: &SignRequest,
    png: Vec<u8>,
    ip: Option<String>,
) -> Result<SignSummary, StoreError> {
    input.validate()?;
    let summary = summary(store, token).await?;
    let (sla, calendar) = settings::clocks(store).await?;
    let signer = customer(input.signer_name.trim());
    let p = begin_with_link(store, &signer, token).await?;
    let d = signing::sign(p.case(), &p.ctx(), input, &sla, &calendar)?;
    let report_id = p.case().report()?.id;
    repair_report::Entity::update_many()
        .col_expr(repair_report::Column::SignaturePng, Expr::value(png))
        .col_expr(repair_report::Column::SignedIp, Expr::value(ip))
        .filter(repair_report::Column::Id.eq(report_id))
        .exec(p.tx())
        .await?;
    p.commit(d).await?;
    Ok(summary)
}

/// The customer refuses to sign, with a reason; the supervisor decides what next.
pub async fn refuse(
    store: &Store,
    token: &str,
    input: &RefuseSignatureRequest,
) -> Result<(), StoreError> {
    ReasonRequest {
        reason: input.reason.clone(),
    }
    .validate()?;
    let name = input
        .signer_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("customer");
    let signer = customer(name);
    let p = begin_with_link(store, &signer, token).await?;
    let d = signing::refuse(p.case(), &p.ctx(), input)?;
    p.commit(d).await?;
    Ok(())
}
