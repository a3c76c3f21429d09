//! Machines (产品档案): a resource of the record kit (search by serial number
//! or owner), plus the archive.

use crate::paging::Paging;
use crate::record_kit::{Docs, Exports, Plain, Resource, Routes, show};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::master::{MachineCategory, MachineStatus, MachineView, WarrantyStatus};
use furrow_store::machines::{MachineFilter, Machines};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(Exports::<Machines>::new())
        .service(Routes::<Machines>::new())
        .service(show(
            "/machines/{id}/archive",
            "get_machine_archive",
            RecordKind::Machine,
            "The machine archive: model parameters, warranty (with 三包 extension) and timeline.",
            async |store, actor, id| {
                furrow_store::archives::machine(store, actor, id)
                    .await
                    .map(Plain)
            },
        ));
}

/// Filters of `GET /machines`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MachineQuery {
    /// Part of the serial number, or of the owner's name, phone or code.
    pub q: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub category: Option<MachineCategory>,
    pub status: Option<MachineStatus>,
    /// Warranty as sold, today.
    pub warranty: Option<WarrantyStatus>,
    pub active: Option<bool>,
    /// Only machines changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

impl Resource for Machines {
    const PATH: &'static str = "/machines";
    const ONE: &'static str = "machine";
    const MANY: &'static str = "machines";
    const DOCS: Docs = Docs {
        list: "Lists machines by serial number, by a `sort` column, or by last change with `updated_since`.",
        create: "Registers a machine. The warranty end is computed from the sale date and\n\
                 the model's warranty months unless given.",
        get: "One machine.",
        update: "Replaces a machine's fields. Send the ETag as `If-Match`.",
        deactivate: "Deactivates a machine (kept with its history).",
        activate: "Reactivates a machine.",
    };
    type Query = MachineQuery;
    const SORTABLE: &'static [&'static str] = &["serial_number", "status"];

    fn is_sync(q: &MachineQuery) -> bool {
        q.updated_since.is_some()
    }
    fn filter(q: MachineQuery, paging: &Paging) -> MachineFilter {
        MachineFilter {
            q: q.q,
            dealer_id: q.dealer_id,
            model_id: q.model_id,
            customer_id: q.customer_id,
            category: q.category,
            status: q.status,
            warranty: q.warranty,
            today: None,
            active: q.active,
            updated_since: q.updated_since,
            cursor: paging.cursor.clone(),
            limit: paging.limit,
        }
    }
    fn identity(m: &MachineView) -> (Uuid, i32) {
        (m.id, m.version)
    }
}
