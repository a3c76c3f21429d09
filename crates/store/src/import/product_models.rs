//! Planning a product model import: rows keyed by model code.

use super::{Ctx, Plan, Seen, SheetRow, distinct, load_by, outcome};
use crate::audit;
use crate::entities::product_model;
use crate::error::StoreError;
use crate::product_models::{apply, audit_json, view};
use furrow_domain::import::{HeaderMap, ImportAction, ImportReport, parse_product_model};
use furrow_domain::master::ProductModelInput;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel, TryIntoModel};
use std::collections::HashMap;
use uuid::Uuid;

fn input_of(m: &product_model::Model) -> Result<ProductModelInput, StoreError> {
    let v = view(m.clone())?;
    Ok(ProductModelInput {
        code: v.code,
        name: v.name,
        category: v.category,
        params: v.params,
        warranty_months: v.warranty_months,
    })
}

pub(super) async fn plan(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    header: &HeaderMap,
    rows: &[SheetRow],
    report: &mut ImportReport,
) -> Result<Plan<product_model::ActiveModel>, StoreError> {
    let existing: HashMap<String, product_model::Model> = load_by(
        conn,
        product_model::Entity::find(),
        product_model::Column::Code,
        &distinct(header, rows, "code"),
    )
    .await?
    .into_iter()
    .map(|m| (m.code.clone(), m))
    .collect();
    let mut seen = Seen::default();
    let mut plan = Plan::new();
    for r in rows {
        let key = header.key(&r.cells);
        let current = existing.get(key);
        let base = current.map(input_of).transpose()?;
        let (input, mut errors) = parse_product_model(header, &r.cells, base.as_ref());
        errors.extend(seen.check(header, key, r.number));
        if !errors.is_empty() {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        match current {
            Some(m) => {
                let mut am = m.clone().into_active_model();
                apply(&mut am, &input);
                let after = am.clone().try_into_model()?;
                if after == *m {
                    outcome(report, r.number, key, ImportAction::Unchanged, errors);
                    continue;
                }
                am.version = Set(m.version + 1);
                am.updated_at = Set(ctx.now);
                let changes =
                    audit::diff(&audit_json(&view(m.clone())?), &audit_json(&view(after)?));
                plan.update(ctx, "product_model", m.id, m.version, am, changes);
                outcome(report, r.number, key, ImportAction::Update, errors);
            }
            None => {
                let mut am = product_model::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    active: Set(true),
                    version: Set(1),
                    created_at: Set(ctx.now),
                    updated_at: Set(ctx.now),
                    ..Default::default()
                };
                apply(&mut am, &input);
                let created = am.clone().try_into_model()?;
                plan.create(
                    ctx,
                    "product_model",
                    created.id,
                    am,
                    audit_json(&view(created)?),
                );
                outcome(report, r.number, key, ImportAction::Create, errors);
            }
        }
    }
    Ok(plan)
}
