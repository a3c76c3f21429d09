//! Planning a product model import: rows keyed by model code.

use super::{Ctx, Plan, existing, keyed, outcome};
use crate::entities::product_model;
use crate::error::StoreError;
use crate::product_models::{apply, audit_json, view};
use furrow_domain::import::{ImportAction, ImportReport, parse_product_model};
use furrow_domain::master::ProductModelInput;
use sea_orm::ConnectionTrait;

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
    report: &mut ImportReport,
) -> Result<Plan<product_model::ActiveModel>, StoreError> {
    let code = product_model::Column::Code;
    let existing = existing::<product_model::Entity>(conn, ctx, code, |m| &m.code).await?;
    let mut plan = Plan::new();
    for (r, key, current, again) in keyed(ctx, &existing) {
        let base = current.map(input_of).transpose()?;
        let (input, mut errors) = parse_product_model(ctx.header, &r.cells, base.as_ref());
        errors.extend(again);
        if !errors.is_empty() {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        let audit = |m| Ok(audit_json(&view(m)?));
        let fill = |am: &mut _| apply(am, &input);
        plan.place(ctx, report, r, key, "product_model", current, fill, audit)?;
    }
    Ok(plan)
}
