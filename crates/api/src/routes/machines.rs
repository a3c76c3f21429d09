//! Machines (产品档案): a resource of the record kit (search by serial number
//! or owner), plus the archive.

use crate::record_kit::{Docs, Exports, Plain, Resource, Routes, show};
use furrow_domain::RecordKind;
use furrow_domain::master::MachineView;
use furrow_store::machines::Machines;
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
    const SORTABLE: &'static [&'static str] = &["serial_number", "status"];

    fn identity(m: &MachineView) -> (Uuid, i32) {
        (m.id, m.version)
    }
}
