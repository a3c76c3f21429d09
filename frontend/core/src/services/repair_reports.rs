//! Repair reports (维修报告): submission, review (审核) and the customer's
//! sign-off link.

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::service::{
    ApproveRequest, ReasonRequest, RepairReportView, ReportStatus, SignLinkView,
};
use uuid::Uuid;

/// `GET /repair-reports?status=`, longest waiting first.
pub async fn list(status: ReportStatus) -> Result<Page<RepairReportView>, ApiError> {
    Call::get("/repair-reports")
        .query("status", status.as_str())
        .query("limit", 100)
        .fetch()
        .await
}

/// `GET /repair-reports/{id}`.
pub async fn get(id: Uuid) -> Result<RepairReportView, ApiError> {
    Call::get(format!("/repair-reports/{id}")).fetch().await
}

/// `POST /repair-reports/{id}/submit` (the engineer).
pub async fn submit(id: Uuid, version: i32) -> Result<RepairReportView, ApiError> {
    Call::post(format!("/repair-reports/{id}/submit"))
        .if_match(version)
        .fetch()
        .await
}

/// `POST /repair-reports/{id}/approve` (审核通过).
pub async fn approve(
    id: Uuid,
    version: i32,
    comment: Option<String>,
) -> Result<RepairReportView, ApiError> {
    Call::post(format!("/repair-reports/{id}/approve"))
        .if_match(version)
        .json(&ApproveRequest { comment })
        .fetch()
        .await
}

/// `POST /repair-reports/{id}/reject` (驳回) with what must be corrected.
pub async fn reject(id: Uuid, version: i32, reason: String) -> Result<RepairReportView, ApiError> {
    Call::post(format!("/repair-reports/{id}/reject"))
        .if_match(version)
        .json(&ReasonRequest { reason })
        .fetch()
        .await
}

/// `POST /repair-reports/{id}/sign-link`: a one-time link for the customer.
pub async fn sign_link(id: Uuid, version: i32) -> Result<SignLinkView, ApiError> {
    Call::post(format!("/repair-reports/{id}/sign-link"))
        .if_match(version)
        .fetch()
        .await
}

/// `GET /repair-reports/{id}/signature`: the drawn signature as PNG bytes.
pub async fn signature_png(id: Uuid) -> Result<Vec<u8>, ApiError> {
    Call::get(format!("/repair-reports/{id}/signature"))
        .bytes()
        .await
}
