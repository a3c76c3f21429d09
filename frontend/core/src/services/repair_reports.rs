//! Repair reports (维修报告): submission, review (审核) and the customer's
//! sign-off link.

use crate::services::requests::{ApiError, Call};
use crate::services::resource::{Answer, Resource};
use furrow_domain::Page;
use furrow_domain::service::{
    ApproveRequest, CloseUnsignedRequest, ReasonRequest, RepairReportView, ReportStatus,
    SignLinkView,
};
use uuid::Uuid;

const REPORTS: Resource = Resource::new("/repair-reports");

/// `GET /repair-reports?status=`, longest waiting first.
pub fn list(status: ReportStatus) -> impl Answer<Page<RepairReportView>> {
    REPORTS
        .list()
        .query("status", status.as_str())
        .query("limit", 100)
        .fetch()
}

/// `GET /repair-reports/{id}`.
pub fn get(id: Uuid) -> impl Answer<RepairReportView> {
    REPORTS.get(id)
}

/// `POST /repair-reports/{id}/submit` (the engineer).
pub fn submit(id: Uuid, version: i32) -> impl Answer<RepairReportView> {
    REPORTS.command(id, "submit", version).fetch()
}

/// `POST /repair-reports/{id}/approve` (审核通过), confirming who pays.
pub fn approve(id: Uuid, version: i32, body: ApproveRequest) -> impl Answer<RepairReportView> {
    REPORTS.command(id, "approve", version).json(&body).fetch()
}

/// `POST /repair-reports/{id}/reject` (驳回) with what must be corrected.
pub fn reject(id: Uuid, version: i32, reason: String) -> impl Answer<RepairReportView> {
    let body = ReasonRequest { reason };
    REPORTS.command(id, "reject", version).json(&body).fetch()
}

/// `POST /repair-reports/{id}/rework`: after a refusal, another visit.
pub fn rework(id: Uuid, version: i32, reason: String) -> impl Answer<RepairReportView> {
    let body = ReasonRequest { reason };
    REPORTS.command(id, "rework", version).json(&body).fetch()
}

/// `POST /repair-reports/{id}/close-unsigned`: after a refusal, closed on a witness's word.
pub fn close_unsigned(
    id: Uuid,
    version: i32,
    witness: String,
    reason: String,
) -> impl Answer<RepairReportView> {
    let body = CloseUnsignedRequest { witness, reason };
    REPORTS
        .command(id, "close-unsigned", version)
        .json(&body)
        .fetch()
}

/// `POST /repair-reports/{id}/complaint`: after a refusal, a complaint (客户投诉).
pub fn open_complaint(id: Uuid, version: i32, reason: String) -> impl Answer<RepairReportView> {
    let body = ReasonRequest { reason };
    REPORTS
        .command(id, "complaint", version)
        .json(&body)
        .fetch()
}

/// `POST /repair-reports/{id}/sign-link`: a one-time link for the customer.
pub fn sign_link(id: Uuid, version: i32) -> impl Answer<SignLinkView> {
    REPORTS.command(id, "sign-link", version).fetch()
}

/// `GET /repair-reports/{id}/signature`: the drawn signature as PNG bytes.
pub async fn signature_png(id: Uuid) -> Result<Vec<u8>, ApiError> {
    Call::get(format!("/repair-reports/{id}/signature"))
        .bytes()
        .await
}
