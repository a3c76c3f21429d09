//! Planning a parts catalog import: rows keyed by part number, naming the
//! product models each part fits by code (import the models first). The
//! rows are filled and summarised by the catalog's own record kit
//! (`Parts::apply`, `Parts::audit_json`); a part's models are links beside
//! its row, written after the rows.

use super::{Ctx, LOAD_CHUNK, Plan, Side, cell_error, existing, insert_chunked, keyed, outcome};
use crate::entities::{part, part_model, product_model};
use crate::error::StoreError;
use crate::parts::{Parts, view};
use crate::record_kit::Record;
use furrow_domain::import::{ImportAction, ImportKind, ImportReport, parse_part};
use furrow_domain::parts::{ModelRef, PartInput};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// Parts whose models the import sets, each with the models it fits from
/// now on (its earlier links are replaced).
pub(super) type ModelLinks = Vec<(Uuid, Vec<Uuid>)>;

fn input_of(m: &part::Model) -> Result<PartInput, StoreError> {
    let v = view(m.clone(), Vec::new())?;
    Ok(PartInput {
        part_number: v.part_number,
        name: v.name,
        spec: v.spec,
        category: v.category,
        unit: v.unit,
        standard_cost_fen: v.standard_cost_fen,
        reorder_point: v.reorder_point,
        reorder_quantity: v.reorder_quantity,
        compatible_model_ids: None,
    })
}

/// The models the stored `parts` fit, by part.
async fn stored_links(
    conn: &impl ConnectionTrait,
    parts: &HashMap<String, part::Model>,
) -> Result<HashMap<Uuid, Vec<Uuid>>, StoreError> {
    let ids: Vec<Uuid> = parts.values().map(|p| p.id).collect();
    let mut fits: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in ids.chunks(LOAD_CHUNK) {
        let links = part_model::Entity::find()
            .filter(part_model::Column::PartId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        for l in links {
            fits.entry(l.part_id).or_default().push(l.model_id);
        }
    }
    Ok(fits)
}

fn same_models(a: &[Uuid], b: &[Uuid]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

pub(super) async fn plan(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    report: &mut ImportReport,
) -> Result<(Plan<part::ActiveModel>, ModelLinks), StoreError> {
    let header = ctx.header;
    let number = part::Column::PartNumber;
    let existing = existing::<part::Entity>(conn, ctx, number, |m| &m.part_number).await?;
    let fits = stored_links(conn, &existing).await?;
    // A maker's range of product models is small, so it is loaded whole:
    // the codes the rows name, and the stored links' codes for the audit.
    let models = product_model::Entity::find().all(conn).await?;
    let by_code: HashMap<&str, &product_model::Model> =
        models.iter().map(|m| (m.code.as_str(), m)).collect();
    let by_id: HashMap<Uuid, &product_model::Model> = models.iter().map(|m| (m.id, m)).collect();
    let refs = |ids: &[Uuid]| -> Vec<ModelRef> {
        let mut refs: Vec<ModelRef> = ids
            .iter()
            .filter_map(|id| by_id.get(id))
            .map(|m| ModelRef {
                id: m.id,
                code: m.code.clone(),
                name: m.name.clone(),
            })
            .collect();
        refs.sort_by(|a, b| a.code.cmp(&b.code));
        refs
    };
    let mut plan = Plan::new();
    let mut links = ModelLinks::new();
    for (r, key, current, again) in keyed(ctx, &existing) {
        let base = current.map(input_of).transpose()?;
        let (row, mut errors) = parse_part(header, &r.cells, base.as_ref());
        errors.extend(again);
        let mut model_ids = Vec::new();
        for code in row.model_codes.iter().flatten() {
            match by_code.get(code.as_str()) {
                Some(m) => model_ids.push(m.id),
                None => {
                    let message = format!("no product model has the code {code}");
                    errors.push(cell_error(header, "model_codes", "unknown", message));
                }
            }
        }
        if !errors.is_empty() {
            outcome(report, r.number, key, ImportAction::Error, errors);
            continue;
        }
        let mut input = row.input;
        input.compatible_model_ids = row.model_codes.is_some().then_some(model_ids);
        let stored = current
            .and_then(|c| fits.get(&c.id).cloned())
            .unwrap_or_default();
        // Without a model column the part keeps the models it fits.
        let fitted = input
            .compatible_model_ids
            .clone()
            .unwrap_or_else(|| stored.clone());
        let models_changed = !same_models(&stored, &fitted);
        let audit = |m, side| {
            let ids = match side {
                Side::Before => &stored,
                Side::After => &fitted,
            };
            Ok(Parts::audit_json(&view(m, refs(ids))?))
        };
        let fill = |am: &mut _| Parts::apply(am, &input, ());
        let placed = plan.place_with(
            ctx,
            report,
            r,
            key,
            ImportKind::Parts.entity_type(),
            current,
            fill,
            models_changed,
            audit,
        )?;
        if let Some(p) = placed
            && models_changed
        {
            links.push((p.id, fitted));
        }
    }
    Ok((plan, links))
}

/// Replaces the models of the parts in `links` (after their rows are written).
pub(super) async fn write_models(
    conn: &impl ConnectionTrait,
    links: ModelLinks,
) -> Result<(), StoreError> {
    let ids: Vec<Uuid> = links.iter().map(|(part, _)| *part).collect();
    for chunk in ids.chunks(LOAD_CHUNK) {
        part_model::Entity::delete_many()
            .filter(part_model::Column::PartId.is_in(chunk.iter().copied()))
            .exec(conn)
            .await?;
    }
    let rows: Vec<part_model::ActiveModel> = links
        .into_iter()
        .flat_map(|(part, models)| {
            models
                .into_iter()
                .map(move |model| part_model::ActiveModel {
                    part_id: Set(part),
                    model_id: Set(model),
                })
        })
        .collect();
    Ok(insert_chunked(conn, rows).await?)
}
