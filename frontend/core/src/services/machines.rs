//! Machines (产品档案), by serial number.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::archive::MachineArchive;
use furrow_domain::master::{
    MachineCategory, MachineInput, MachineStatus, MachineView, WarrantyStatus,
};
use uuid::Uuid;

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
pub async fn list(filter: &MachineFilter) -> Result<Page<MachineView>, ApiError> {
    Call::get("/machines")
        .query_opt("q", filter.q.as_deref().filter(|q| !q.trim().is_empty()))
        .query_opt("category", filter.category.map(MachineCategory::as_str))
        .query_opt("status", filter.status.map(MachineStatus::as_str))
        .query_opt("warranty", filter.warranty.map(warranty_param))
        .query_opt("customer_id", filter.customer_id)
        .query_opt("limit", filter.limit)
        .query_opt("cursor", filter.cursor.as_deref())
        .fetch()
        .await
}

/// `GET /machines/{id}`.
pub async fn get(id: Uuid) -> Result<MachineView, ApiError> {
    Call::get(format!("/machines/{id}")).fetch().await
}

/// `GET /machines/{id}/archive`: model and parameters, owner, warranty, timeline.
pub async fn archive(id: Uuid) -> Result<MachineArchive, ApiError> {
    Call::get(format!("/machines/{id}/archive")).fetch().await
}

/// `POST /machines`.
pub async fn create(input: &MachineInput) -> Result<MachineView, ApiError> {
    Call::post("/machines").json(input).fetch().await
}

/// `PUT /machines/{id}` against `version`.
pub async fn update(id: Uuid, version: i32, input: &MachineInput) -> Result<MachineView, ApiError> {
    Call::put(format!("/machines/{id}"))
        .if_match(version)
        .json(input)
        .fetch()
        .await
}

/// `POST /machines/{id}/deactivate` or `/activate` against `version`.
pub async fn set_active(id: Uuid, version: i32, active: bool) -> Result<MachineView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    Call::post(format!("/machines/{id}/{action}"))
        .if_match(version)
        .fetch()
        .await
}
