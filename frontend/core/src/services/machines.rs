//! Machines (产品档案), by serial number.

use crate::services::resource::{Answer, Resource};
use furrow_domain::archive::MachineArchive;
use furrow_domain::service::repeat_fault::RepeatFault;
use uuid::Uuid;

const MACHINES: Resource = Resource::new("/machines");

/// `GET /machines/{id}/archive`: model and parameters, owner, warranty, timeline.
pub fn archive(id: Uuid) -> impl Answer<MachineArchive> {
    MACHINES.sub(id, "archive")
}

/// `GET /machines/{id}/repeat-faults`: the 三包 replacements the machine's
/// repeated serious faults make due (empty when none).
pub fn repeat_faults(id: Uuid) -> impl Answer<Vec<RepeatFault>> {
    MACHINES.sub(id, "repeat-faults")
}
