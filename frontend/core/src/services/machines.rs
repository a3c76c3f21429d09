//! Machines (产品档案), by serial number.

use crate::services::resource::{Answer, Resource};
use furrow_domain::archive::MachineArchive;
use uuid::Uuid;

const MACHINES: Resource = Resource::new("/machines");

/// `GET /machines/{id}/archive`: model and parameters, owner, warranty, timeline.
pub fn archive(id: Uuid) -> impl Answer<MachineArchive> {
    MACHINES.sub(id, "archive")
}
