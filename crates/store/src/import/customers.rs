//! Planning a customer import: rows keyed by customer code.

use super::{Ctx, Plan, Seen, SheetRow, dealer_codes, distinct, load_by, outcome};
use crate::audit;
use crate::customers::{apply, audit_json, view};
use crate::entities::customer;
use crate::error::StoreError;
use furrow_domain::access::{self, RecordKind};
use furrow_domain::import::{
    DealerRef, HeaderMap, ImportAction, ImportCellError, ImportReport, parse_customer,
};
use furrow_domain::master::{CustomerInput, CustomerKind};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel, TryIntoModel};
use std::collections::HashMap;
use uuid::Uuid;

/// To an importer limited to its own dealer, a row whose key names another
/// dealer's record: that key is taken, said as a form would say it, without
/// showing the other record.
pub(super) fn taken_elsewhere(
    header: &HeaderMap,
    own: Option<Uuid>,
    current_dealer: Option<Option<Uuid>>,
    field: &str,
    message: impl FnOnce() -> String,
) -> Option<ImportCellError> {
    let own = own?;
    (current_dealer? != Some(own))
        .then(|| ImportCellError::new(&header.column_of(field), field, "taken", message()))
}

/// The stored record as an input, the base an import row is applied over.
fn input_of(m: &customer::Model) -> CustomerInput {
    CustomerInput {
        code: Some(m.code.clone()),
        name: m.name.clone(),
        kind: CustomerKind::parse(&m.kind),
        phone: m.phone.clone(),
        alt_phone: m.alt_phone.clone(),
        email: m.email.clone(),
        province: m.province.clone(),
        city: m.city.clone(),
        county: m.county.clone(),
        address: m.address.clone(),
        lat: m.lat,
        lon: m.lon,
        dealer_id: m.dealer_id,
        notes: m.notes.clone(),
    }
}

pub(super) async fn plan(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    header: &HeaderMap,
    rows: &[SheetRow],
    report: &mut ImportReport,
) -> Result<(Plan<customer::ActiveModel>, Vec<(Uuid, Option<Uuid>)>), StoreError> {
    // Every customer with these codes, whoever's: another dealer's code is taken.
    let existing: HashMap<String, customer::Model> = load_by(
        conn,
        customer::Entity::find(),
        customer::Column::Code,
        &distinct(header, rows, "code"),
    )
    .await?
    .into_iter()
    .map(|m| (m.code.clone(), m))
    .collect();
    let dealers = dealer_codes(conn, header, ctx.actor).await?;
    let own = access::own_dealer(ctx.actor, RecordKind::Customer);
    let mut seen = Seen::default();
    let mut plan = Plan::new();
    // Customers whose dealer changes: their records follow them.
    let mut moved = Vec::new();
    for r in rows {
        let key = header.key(&r.cells);
        let current = existing.get(key);
        let base = current.map(input_of);
        let (row, mut errors) = parse_customer(header, &r.cells, base.as_ref());
        errors.extend(seen.check(header, key, r.number));
        errors.extend(taken_elsewhere(
            header,
            own,
            current.map(|m| m.dealer_id),
            "code",
            || format!("the customer code {key} is taken"),
        ));
        let dealer_id = match (own, &row.dealer) {
            (Some(own), _) => Some(own),
            (None, DealerRef::Unspecified) => base.as_ref().and_then(|b| b.dealer_id),
            (None, DealerRef::Blank) => None,
            (None, DealerRef::Code(code)) => dealers.get(code).copied().or_else(|| {
                errors.push(ImportCellError::new(
                    &header.column_of("dealer_code"),
                    "dealer_code",
                    "unknown",
                    format!("no dealer has the code {code}"),
                ));
                None
            }),
        };
        if !errors.is_empty() {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        match current {
            Some(m) => {
                let mut am = m.clone().into_active_model();
                apply(&mut am, key, &row.input, dealer_id);
                let after = am.clone().try_into_model()?;
                if after == *m {
                    outcome(report, r.number, key, ImportAction::Unchanged, errors);
                    continue;
                }
                am.version = Set(m.version + 1);
                am.updated_at = Set(ctx.now);
                if after.dealer_id != m.dealer_id {
                    moved.push((m.id, after.dealer_id));
                }
                let changes =
                    audit::diff(&audit_json(&view(m.clone())?), &audit_json(&view(after)?));
                plan.update(ctx, "customer", m.id, m.version, am, changes);
                outcome(report, r.number, key, ImportAction::Update, errors);
            }
            None => {
                let mut am = customer::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    active: Set(true),
                    version: Set(1),
                    created_at: Set(ctx.now),
                    updated_at: Set(ctx.now),
                    ..Default::default()
                };
                apply(&mut am, key, &row.input, dealer_id);
                let created = am.clone().try_into_model()?;
                plan.create(ctx, "customer", created.id, am, audit_json(&view(created)?));
                outcome(report, r.number, key, ImportAction::Create, errors);
            }
        }
    }
    Ok((plan, moved))
}
