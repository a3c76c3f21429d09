//! Planning a customer import: rows keyed by customer code.

use super::{Ctx, Plan, cell_error, dealer_codes, dealer_named, existing, keyed, outcome};
use crate::customers::{apply, audit_json, view};
use crate::entities::customer;
use crate::error::StoreError;
use furrow_domain::access::{self, RecordKind};
use furrow_domain::import::{
    DealerRef, HeaderMap, ImportAction, ImportCellError, ImportReport, parse_customer,
};
use furrow_domain::master::{CustomerInput, CustomerKind};
use sea_orm::ConnectionTrait;
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
    (current_dealer? != Some(own)).then(|| cell_error(header, field, "taken", message()))
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
    report: &mut ImportReport,
) -> Result<(Plan<customer::ActiveModel>, Vec<(Uuid, Option<Uuid>)>), StoreError> {
    let header = ctx.header;
    // Every customer with these codes, whoever's: another dealer's code is taken.
    let existing =
        existing::<customer::Entity>(conn, ctx, customer::Column::Code, |m| &m.code).await?;
    let dealers = dealer_codes(conn, ctx).await?;
    let own = access::own_dealer(ctx.actor, RecordKind::Customer);
    let mut plan = Plan::new();
    // Customers whose dealer changes: their records follow them.
    let mut moved = Vec::new();
    for (r, key, current, again) in keyed(ctx, &existing) {
        let base = current.map(input_of);
        let (row, mut errors) = parse_customer(header, &r.cells, base.as_ref());
        errors.extend(again);
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
            (None, DealerRef::Code(code)) => dealer_named(&dealers, header, code, &mut errors),
        };
        if !errors.is_empty() {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        let audit = |m| Ok(audit_json(&view(m)?));
        let fill = |am: &mut _| apply(am, key, &row.input, dealer_id);
        let placed = plan.place(ctx, report, r, key, "customer", current, fill, audit)?;
        if let (Some(m), Some(after)) = (current, placed)
            && after.dealer_id != m.dealer_id
        {
            moved.push((m.id, after.dealer_id));
        }
    }
    Ok((plan, moved))
}
