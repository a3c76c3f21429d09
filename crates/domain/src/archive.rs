//! Archives (售后服务档案): a customer or a machine with everything that
//! happened to it, as one timeline.

use crate::audit::AuditEventView;
use crate::master::{CustomerView, MachineView, ProductModelView, WarrantyState};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One thing that happened, newest first in a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    /// `record_change` (an audit event), `service_request`, `part_replacement`...
    pub kind: String,
    /// What happened (`created`, `updated`, `dispatched`...).
    pub action: String,
    /// Who did it: the login name.
    pub actor_name: String,
    /// Who did it as people read it (the account's display name; the login
    /// name when the account is gone); absent for the system.
    pub actor_display_name: Option<String>,
    /// The record it happened to.
    pub entity_type: String,
    pub entity_id: Uuid,
    /// A human-facing reference (`SR-2026-000123`) when there is one.
    pub reference: Option<String>,
    /// Changed fields or the command's details.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}

impl From<AuditEventView> for TimelineEntry {
    fn from(e: AuditEventView) -> Self {
        TimelineEntry {
            at: e.at,
            kind: "record_change".into(),
            action: e.action,
            actor_name: e.actor_name,
            actor_display_name: e.actor_display_name,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            reference: None,
            details: e.changes,
        }
    }
}

/// `GET /customers/{id}/archive`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerArchive {
    pub customer: CustomerView,
    /// The machines the customer owns.
    pub machines: Vec<MachineView>,
    /// Changes to the customer and their machines, and their service history, newest first.
    pub timeline: Vec<TimelineEntry>,
}

/// `GET /machines/{id}/archive`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MachineArchive {
    pub machine: MachineView,
    /// The model with its technical parameters.
    pub model: ProductModelView,
    pub owner: CustomerView,
    /// The warranty with the 三包 extension for days under repair.
    pub warranty: WarrantyState,
    /// Requests to reissue a lost 三包 certificate, open and past, with their
    /// due dates; newest request first.
    pub certificate_reissues: Vec<crate::master::CertificateReissueView>,
    /// Changes, services and part replacements, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// Every part issued on the machine through a requisition (issued less
    /// returned), with the work order it went into; latest first.
    #[serde(default)]
    pub parts_issued: Vec<crate::parts::IssuedPart>,
}
