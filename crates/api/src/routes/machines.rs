//! Machines (产品档案): a resource of the record kit (search by serial number
//! or owner), plus the archive.

use crate::record_kit::{Docs, Exports, Gate, Many, Plain, Resource, Routes, command, show};
use furrow_domain::RecordKind;
use furrow_domain::access::Action;
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
        ))
        .service(show(
            "/machines/{id}/repeat-faults",
            "get_machine_repeat_faults",
            RecordKind::Machine,
            "The 三包 repeat-fault rule on the machine: per main assembly, whether the\n\
             same serious fault repaired twice makes it eligible for a new assembly\n\
             (`replace_assembly`), or the same fault again after the assembly was\n\
             replaced for a new machine (`replace_machine`), with the approved reports\n\
             behind it (in-warranty repairs inside the current 三包 period). Empty when\n\
             nothing is due. A dealer reads the dates of every report, the requests of\n\
             its own only.",
            async |store, actor, id| {
                furrow_store::service::repeat_faults::of_machine(store, actor, id)
                    .await
                    .map(Many)
            },
        ))
        .service(command(
            "/machines/{id}/warranty",
            "change_machine_warranty",
            Gate::Action(RecordKind::Machine, Action::ChangeWarranty),
            "Changes a machine's sale date, 三包 end and extended warranty end, with a\n\
             reason written on the machine's timeline (`warranty_changed`). Only the\n\
             maker's staff may (never a dealer); a plain update cannot change these\n\
             dates. A whole-machine 三包 period under one year from the sale is refused\n\
             (422 `below_legal_minimum`). Send the ETag as `If-Match`.",
            furrow_store::machines::change_warranty,
        ));
}

impl Resource for Machines {
    const PATH: &'static str = "/machines";
    const ONE: &'static str = "machine";
    const MANY: &'static str = "machines";
    const DOCS: Docs = Docs {
        list: "Lists machines by serial number, by a `sort` column, or by last change with `updated_since`.",
        create: "Registers a machine. The warranty end is computed from the sale date and\n\
                 the model's warranty months unless given; a 三包 period under one year\n\
                 is refused. Each machine answers its `warranty`: the 三包 end extended\n\
                 by the days of in-warranty repairs (from every request of the machine,\n\
                 whoever asks), with the repairs that extended it.",
        get: "One machine.",
        update: "Replaces a machine's fields. Send the ETag as `If-Match`. The sale date\n\
                 and warranty end may be repeated or left out, not changed: that takes\n\
                 `POST /machines/{id}/warranty` and a reason (422 `needs_reason`).",
        deactivate: "Deactivates a machine (kept with its history).",
        activate: "Reactivates a machine.",
    };
    const SORTABLE: &'static [&'static str] = &["serial_number", "status"];

    fn identity(m: &MachineView) -> (Uuid, i32) {
        (m.id, m.version)
    }
}
