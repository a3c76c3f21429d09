//! Machines (产品档案), by serial number.

use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::archive::MachineArchive;
use furrow_domain::master::{
    MachineCategory, MachineInput, MachineStatus, MachineView, WarrantyStatus,
};
use uuid::Uuid;

const MACHINES: Resource = Resource::new("/machines");

/// Filters and page of `GET /machines`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MachineFilter {
    /// Part of the serial number or the owner's name.
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub status: Option<MachineStatus>,
    pub warranty: Option<WarrantyStatus>,
    pub customer_id: Option<Uuid>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

fn warranty_param(w: WarrantyStatus) -> &'static str {
    match w {
        WarrantyStatus::InWarranty => "in_warranty",
        WarrantyStatus::Expired => "expired",
        WarrantyStatus::Unknown => "unknown",
    }
}

/// `GET /machines`.
pub fn list(f: &MachineFilter) -> impl Answer<Page<MachineView>> {
    MACHINES
        .list()
        .search(f.q.as_deref())
        .query_opt("category", f.category.map(MachineCategory::as_str))
        .query_opt("status", f.status.map(MachineStatus::as_str))
        .query_opt("warranty", f.warranty.map(warranty_param))
        .query_opt("customer_id", f.customer_id)
        .page(f.limit, f.cursor.as_deref())
        .fetch()
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
