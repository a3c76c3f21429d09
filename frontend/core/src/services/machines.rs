//! Machines (产品档案), by serial number.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::archive::MachineArchive;
use furrow_domain::master::{MachineFilters, MachineInput, MachineView};
use uuid::Uuid;

const MACHINES: Resource = Resource::new("/machines");

/// `GET /machines`: the page from `cursor` of the machines `filters` select.
pub fn list(
    filters: &MachineFilters,
    limit: Option<u64>,
    cursor: Option<&str>,
) -> impl Answer<Page<MachineView>> {
    MACHINES.list().filters(filters).page(limit, cursor).fetch()
}

/// `GET /machines/{id}`.
pub fn get(id: Uuid) -> impl Answer<MachineView> {
    MACHINES.get(id)
}

/// `GET /machines/{id}/archive`: model and parameters, owner, warranty, timeline.
pub fn archive(id: Uuid) -> impl Answer<MachineArchive> {
    MACHINES.sub(id, "archive")
}

/// `POST /machines`.
pub fn create(input: &MachineInput) -> impl Answer<MachineView> {
    MACHINES.create(input)
}

/// `PUT /machines/{id}` against `version`.
pub fn update(id: Uuid, version: i32, input: &MachineInput) -> impl Answer<MachineView> {
    MACHINES.update(id, version, input)
}

/// `POST /machines/{id}/deactivate` or `/activate` against `version`.
pub fn set_active(id: Uuid, version: i32, active: bool) -> impl Answer<MachineView> {
    MACHINES.set_active(id, version, active)
}
