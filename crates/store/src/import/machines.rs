//! Planning a machine import: rows keyed by serial number, naming their model
//! and owner by code. Models and owners must exist before (import customers
//! and models first).

use super::{
    Ctx, Plan, cell_error, dealer_codes, dealer_named, distinct, existing, keyed, load_by, outcome,
};
use crate::entities::{customer, machine, product_model};
use crate::error::StoreError;
use crate::machines::{apply, audit_json};
use furrow_domain::access::{self, RecordKind};
use furrow_domain::dealers::owning_dealer;
use furrow_domain::import::{DealerRef, ImportAction, ImportReport, parse_machine};
use furrow_domain::master::{
    MachineInput, MachineStatus, MachineView, check_sanbao_period, check_warranty_kept,
    warranty_end_from_sale,
};
use furrow_domain::validation::Validator;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;
use uuid::Uuid;

fn input_of(m: &machine::Model) -> MachineInput {
    MachineInput {
        serial_number: m.serial_number.clone(),
        model_id: m.model_id,
        customer_id: m.customer_id,
        dealer_id: m.dealer_id,
        sale_date: m.sale_date,
        warranty_end: m.warranty_end,
        engine_hours: m.engine_hours,
        status: MachineStatus::parse(&m.status),
        notes: m.notes.clone(),
    }
}

/// The view the audit summary is made from. Names come from the records at
/// hand; like `machines::hydrate`, a reference not loaded here reads as blank.
fn view_of(
    m: machine::Model,
    models: &HashMap<Uuid, &product_model::Model>,
    owners: &HashMap<Uuid, &customer::Model>,
) -> Result<MachineView, StoreError> {
    let model = models.get(&m.model_id).copied();
    let owner = owners.get(&m.customer_id).map(|c| c.name.as_str());
    let warranty = crate::warranty::as_sold(&m);
    crate::machines::view(m, model, owner, warranty)
}

pub(super) async fn plan(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    report: &mut ImportReport,
) -> Result<Plan<machine::ActiveModel>, StoreError> {
    let (header, actor) = (ctx.header, ctx.actor);
    // Every machine with these serials, whoever's: another dealer's serial is taken.
    let serial = machine::Column::SerialNumber;
    let existing = existing::<machine::Entity>(conn, ctx, serial, |m| &m.serial_number).await?;
    let models: Vec<product_model::Model> = load_by(
        conn,
        product_model::Entity::find(),
        product_model::Column::Code,
        &distinct(ctx, "model_code"),
    )
    .await?;
    // Owners only among the customers the actor may see: others read as unknown.
    let owners: Vec<customer::Model> = load_by(
        conn,
        crate::customers::scoped(actor),
        customer::Column::Code,
        &distinct(ctx, "customer_code"),
    )
    .await?;
    let model_by_code: HashMap<&str, &product_model::Model> =
        models.iter().map(|m| (m.code.as_str(), m)).collect();
    let owner_by_code: HashMap<&str, &customer::Model> =
        owners.iter().map(|c| (c.code.as_str(), c)).collect();
    let model_by_id: HashMap<Uuid, &product_model::Model> =
        models.iter().map(|m| (m.id, m)).collect();
    let owner_by_id: HashMap<Uuid, &customer::Model> = owners.iter().map(|c| (c.id, c)).collect();
    let dealers = dealer_codes(conn, ctx).await?;
    let own = access::own_dealer(actor, RecordKind::Machine);
    let mut plan = Plan::new();
    for (r, key, current, again) in keyed(ctx, &existing) {
        let base = current.map(input_of);
        let (row, mut errors) = parse_machine(header, &r.cells, base.as_ref());
        errors.extend(again);
        errors.extend(super::customers::taken_elsewhere(
            header,
            own,
            current.map(|m| m.dealer_id),
            "serial_number",
            || format!("a machine with serial number {key} exists"),
        ));
        let model = model_by_code.get(row.model_code.as_str()).copied();
        if model.is_none() && !row.model_code.is_empty() {
            let message = format!("no product model has the code {}", row.model_code);
            errors.push(cell_error(header, "model_code", "unknown", message));
        }
        let owner = owner_by_code.get(row.customer_code.as_str()).copied();
        if owner.is_none() && !row.customer_code.is_empty() {
            let message = format!("no customer you can see has the code {}", row.customer_code);
            errors.push(cell_error(header, "customer_code", "unknown", message));
        }
        // A dealer column may only confirm the owner's dealer
        // (`dealers::owning_dealer`); a dealer user's owners are its own.
        let named = match &row.dealer {
            DealerRef::Code(code) => dealer_named(&dealers, header, code, &mut errors),
            _ => None,
        };
        let dealer_id = match owner.map(|o| owning_dealer(o.dealer_id, named)) {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                errors.push(cell_error(
                    header,
                    "dealer_code",
                    "not_owners_dealer",
                    e.to_string(),
                ));
                None
            }
            None => None,
        };
        let (Some(model), Some(owner), true) = (model, owner, errors.is_empty()) else {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        };
        let mut input = row.input;
        input.model_id = model.id;
        input.customer_id = owner.id;
        // A row with the machine's sale date and no warranty end keeps its end.
        let kept_end = current
            .filter(|c| c.sale_date == input.sale_date)
            .and_then(|c| c.warranty_end);
        let warranty_end = input.warranty_end.or(kept_end).or_else(|| {
            input
                .sale_date
                .and_then(|d| warranty_end_from_sale(d, model.warranty_months))
        });
        // A row may repeat a machine's warranty dates, not change them: that
        // takes the warranty change and its reason.
        let mut v = Validator::new();
        match current {
            Some(c) => check_warranty_kept(
                &mut v,
                (c.sale_date, c.warranty_end),
                (input.sale_date, warranty_end),
            ),
            None => check_sanbao_period(&mut v, input.sale_date, warranty_end),
        }
        if let Err(e) = v.finish() {
            let errors =
                e.0.into_iter()
                    .map(|f| cell_error(header, &f.field, &f.code, f.message))
                    .collect();
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        let audit = |m| Ok(audit_json(&view_of(m, &model_by_id, &owner_by_id)?));
        let fill = |am: &mut _| apply(am, &input, dealer_id, (input.sale_date, warranty_end));
        plan.place(ctx, report, r, key, "machine", current, fill, audit)?;
    }
    Ok(plan)
}
