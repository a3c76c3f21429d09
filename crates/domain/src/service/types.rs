//! Wire types of the service workflow.

use super::absence::AbsenceReason;
use super::commands::Command;
use super::status::{ReportStatus, RequestStatus, WorkOrderStatus};
use crate::master::MachineCategory;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_enum!(
    /// How the request reached the company.
    Channel {
        /// 电话
        Phone => "phone",
        /// 邮件
        Email => "email",
        /// 在线客服
        OnlineChat => "online_chat",
        /// 经销商门户
        DealerPortal => "dealer_portal",
        /// 系统接口
        Api => "api",
        /// 上门
        WalkIn => "walk_in",
    }
);

wire_enum!(
    /// What the customer asks for.
    RequestKind {
        /// 维修
        Repair => "repair",
        /// 保养
        Maintenance => "maintenance",
        /// 咨询
        Consultation => "consultation",
        /// 投诉
        Complaint => "complaint",
    }
);

wire_enum!(
    /// How urgent the request is.
    Priority {
        Low => "low",
        Normal => "normal",
        High => "high",
        Critical => "critical",
    }
);

wire_enum!(
    /// The farm operation at risk while the machine is down.
    Operation {
        /// 收获
        Harvest => "harvest",
        /// 播种
        Planting => "planting",
        /// 植保
        Spraying => "spraying",
        /// 耕整地
        Tillage => "tillage",
        /// 运输
        Transport => "transport",
        Other => "other",
    }
);

wire_enum!(
    /// Which kind of part is suspected (decides the 三包 repair deadline in season).
    SuspectedPart {
        /// 整机或主要部件
        MainPart => "main_part",
        /// 易损件
        WearPart => "wear_part",
        Unknown => "unknown",
    }
);

impl Channel {
    /// The channel of a request recorded without one: dealers use the dealer
    /// portal, integrations the API, the service desk the phone.
    pub fn default_for(roles: &[crate::Role]) -> Channel {
        if roles.contains(&crate::Role::Dealer) {
            Channel::DealerPortal
        } else if roles.contains(&crate::Role::Integration) {
            Channel::Api
        } else {
            Channel::Phone
        }
    }
}

impl Priority {
    /// 0 for the most urgent; sorts ascending.
    pub fn rank(self) -> i32 {
        match self {
            Priority::Critical => 0,
            Priority::High => 1,
            Priority::Normal => 2,
            Priority::Low => 3,
        }
    }
}

/// `POST /service-requests` body (报修受理).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateServiceRequest {
    /// Defaults from the caller: `dealer_portal` for dealers, `api` for integrations, else `phone`.
    #[serde(default)]
    pub channel: Option<Channel>,
    pub kind: RequestKind,
    pub customer_id: Uuid,
    /// The machine, when known.
    #[serde(default)]
    pub machine_id: Option<Uuid>,
    /// When the machine is not registered yet: its model and serial, to be confirmed.
    #[serde(default)]
    pub model_id: Option<Uuid>,
    #[serde(default)]
    pub reported_serial: Option<String>,
    /// 故障现象
    pub symptoms: String,
    /// 初步判断
    #[serde(default)]
    pub preliminary_judgement: Option<String>,
    /// An engineer must go on site.
    pub needs_onsite: bool,
    pub priority: Priority,
    /// May only make the clocks stricter. Without it (or with `false`) it is
    /// what the facts say: the machine's category is harvest-critical and it
    /// is the busy season there. The 三包 regime follows from the law alone
    /// (`legal_clock` on the view); a `false` that contradicts it is ignored,
    /// never refused. `true` halves the arrival target and, on an in-warranty
    /// repair the law gives 30 working days, applies the busy-season deadline:
    /// that tightening needs `harvest_critical_reason` (422 `required`) and is
    /// recorded on the `created` event.
    #[serde(default)]
    pub harvest_critical: Option<bool>,
    /// Why `harvest_critical: true` tightens the legal clock (kept in the audit trail).
    #[serde(default)]
    pub harvest_critical_reason: Option<String>,
    /// The machine cannot work.
    #[serde(default)]
    pub machine_stopped: bool,
    #[serde(default)]
    pub operation_at_risk: Option<Operation>,
    #[serde(default)]
    pub suspected_part: Option<SuspectedPart>,
    /// 预计到达时间 told to the customer; the arrival clock is the earlier of this and the SLA.
    #[serde(default)]
    pub promised_arrival_at: Option<DateTime<Utc>>,
    /// An earlier request for the same fault.
    #[serde(default)]
    pub repeat_of: Option<Uuid>,
    /// 维修地点: where the machine is, when not at the customer's registered
    /// address (defaults to it).
    #[serde(default)]
    pub site_address: Option<String>,
    /// The site's latitude (with `site_lon`; defaults to the customer's).
    #[serde(default)]
    pub site_lat: Option<f64>,
    /// The site's longitude (with `site_lat`).
    #[serde(default)]
    pub site_lon: Option<f64>,
}

/// A service request as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRequestView {
    pub id: Uuid,
    /// `SR-2026-000123`
    pub number: String,
    pub status: RequestStatus,
    pub channel: Channel,
    pub kind: RequestKind,
    pub priority: Priority,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub customer_phone: String,
    pub machine_id: Option<Uuid>,
    pub serial_number: Option<String>,
    pub model_id: Option<Uuid>,
    pub model_name: Option<String>,
    pub category: Option<MachineCategory>,
    pub dealer_id: Option<Uuid>,
    pub symptoms: String,
    /// 维修地点 taken at intake (the customer's registered address unless another was given).
    #[serde(default)]
    pub site_address: Option<String>,
    /// The site's point: given at intake, else the customer's registered one.
    #[serde(default)]
    pub site_lat: Option<f64>,
    #[serde(default)]
    pub site_lon: Option<f64>,
    pub preliminary_judgement: Option<String>,
    pub needs_onsite: bool,
    pub harvest_critical: bool,
    pub machine_stopped: bool,
    pub operation_at_risk: Option<Operation>,
    pub suspected_part: SuspectedPart,
    /// Who pays, as intake proposed it from the machine's warranty on the
    /// report day and the request's kind (none on requests recorded before).
    #[serde(default)]
    pub proposed_coverage: Option<super::coverage::Coverage>,
    /// Who pays, as the supervisor confirmed it at report review (审核);
    /// none before the review.
    #[serde(default)]
    pub coverage: Option<super::coverage::Coverage>,
    /// Why the confirmed coverage departs from the proposal.
    #[serde(default)]
    pub coverage_reason: Option<String>,
    /// The busy farming season applied when the clocks started.
    pub in_season: bool,
    /// The regime of the clocks: 三包 in the busy season (3 days for the whole
    /// machine or a main part, 1 for a wear part), 三包 in 30 working days, or
    /// the company SLA alone (maintenance, out of warranty: no repair deadline).
    pub legal_clock: crate::service::sanbao::LegalClock,
    /// The busy-season repair deadline is the stricter one (1 day) until a
    /// diagnosis names the part type.
    pub repair_due_provisional: bool,
    /// The part type the diagnosis named (`unknown` until then).
    pub diagnosed_part: SuspectedPart,
    pub promised_arrival_at: Option<DateTime<Utc>>,
    pub reported_at: DateTime<Utc>,
    pub first_contact_due: DateTime<Utc>,
    pub first_contact_at: Option<DateTime<Utc>>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub repair_due: Option<DateTime<Utc>>,
    pub repaired_at: Option<DateTime<Utc>>,
    /// Since when the repair waits for parts found short (待配件); absent
    /// when it does not (`service::parts_wait`).
    #[serde(default)]
    pub parts_waiting_since: Option<DateTime<Utc>>,
    /// While it waits for parts, when they are expected (预计到货) from the
    /// purchase requests its shortages raised; absent in lists.
    #[serde(default)]
    pub parts_expected: Option<crate::parts::PartsExpected>,
    pub completed_at: Option<DateTime<Utc>>,
    /// When it was cancelled: its downtime and clocks stopped then.
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The earliest due time of a clock still running.
    pub next_due_at: Option<DateTime<Utc>>,
    /// A running clock is past its due time.
    pub overdue: bool,
    /// Hours from the report until completion or cancellation (or until now
    /// while open): `sla::downtime_end`.
    pub downtime_hours: f64,
    /// The open (or last) work order.
    pub work_order_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub engineer_name: Option<String>,
    /// The appointment (预约) the engineer made with the customer on the open
    /// (or last) work order. Set on the request's own page, absent in lists.
    #[serde(default)]
    pub appointment_at: Option<DateTime<Utc>>,
    /// The repair report once approved, as a dealer may read it: never the
    /// review comments (a rejection's included), the reviewer, the labour
    /// booked or the sign link (`visibility::REPORT_FIELDS`). Set on the
    /// request's own page, absent in lists.
    #[serde(default)]
    pub report: Option<ReportSummary>,
    pub repeat_of: Option<Uuid>,
    /// The number of the request `repeat_of` names, as the caller may see
    /// it. Set on the request's own page, absent in lists.
    #[serde(default)]
    pub repeat_of_number: Option<String>,
    pub cancel_reason: Option<String>,
    pub resolution: Option<String>,
    /// Past its 三包 repair deadline unrepaired, the customer may choose to go
    /// on with the repair or to have the machine replaced (换货): since when,
    /// and why (`record_customer_choice` records the choice).
    #[serde(default)]
    pub customer_choice: Option<crate::service::replacement::CustomerChoice>,
    pub created_by: String,
    /// The commands the caller may run on this record now, from the permission
    /// table and the record's state (e.g. `["dispatch", "cancel"]`): the web app
    /// shows a command's button only when it is listed here.
    #[serde(default)]
    pub actions: Vec<Command>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /service-requests/{id}/dispatch` body (派工).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DispatchRequest {
    pub engineer_id: Uuid,
    /// 维修地点; defaults to the customer's address.
    #[serde(default)]
    pub site_address: Option<String>,
    /// 维修要求
    #[serde(default)]
    pub requirements: Option<String>,
}

/// `POST /work-orders/{id}/reassign` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReassignRequest {
    pub engineer_id: Uuid,
    pub reason: String,
    #[serde(default)]
    pub requirements: Option<String>,
}

/// A body with a required reason or comment (cancel, reject, refuse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    pub reason: String,
}

/// `POST /service-requests/{id}/contact` body: what the first call agreed
/// (`{}` when there is nothing to note).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    /// What was said or agreed with the customer, for the timeline.
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /service-requests/{id}/resolve-remotely` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveRemotelyRequest {
    /// How the problem was solved on the phone.
    pub resolution: String,
}

/// `POST /work-orders/{id}/schedule` body: the appointment agreed with the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    pub appointment_at: DateTime<Utc>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /work-orders/{id}/finish` body: the inspection at the end of the visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FinishRequest {
    /// 质量检验 passed.
    pub inspection_passed: bool,
    #[serde(default)]
    pub notes: Option<String>,
}

wire_enum!(
    /// How satisfied the customer is (满意度), on the follow-up's scale.
    Satisfaction {
        /// 非常满意
        VerySatisfied => "very_satisfied",
        /// 满意
        Satisfied => "satisfied",
        /// 一般
        Neutral => "neutral",
        /// 不满意
        Dissatisfied => "dissatisfied",
        /// 非常不满意
        VeryDissatisfied => "very_dissatisfied",
    }
);

/// `POST /work-orders/{id}/acknowledge` body: the customer's on-site
/// acknowledgement (现场确认) of the finished work, collected on the engineer's
/// phone. It does not replace the signature on the approved report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeRequest {
    /// The customer's name as written.
    pub signer_name: String,
    /// The customer's quick satisfaction mark.
    pub satisfaction: Satisfaction,
    /// The drawn signature: a PNG, base64 (a `data:image/png;base64,` prefix is accepted).
    pub signature_png: String,
}

/// The customer's on-site acknowledgement of a finished visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Acknowledgement {
    /// The customer's name as written.
    pub signer_name: String,
    pub satisfaction: Satisfaction,
    /// When it was given (server clock).
    pub at: DateTime<Utc>,
}

impl Acknowledgement {
    /// Whether it acknowledges the visit that ended at `finished_at` (one
    /// given before a later finish was for an earlier visit).
    pub fn covers(&self, finished_at: Option<DateTime<Utc>>) -> bool {
        finished_at.is_some_and(|f| self.at >= f)
    }
}

/// A work order as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkOrderView {
    pub id: Uuid,
    /// `WO-2026-000456`
    pub number: String,
    pub status: WorkOrderStatus,
    pub request_id: Uuid,
    pub request_number: String,
    pub engineer_id: Uuid,
    pub engineer_name: String,
    pub dispatcher_name: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub serial_number: Option<String>,
    pub model_name: Option<String>,
    pub symptoms: String,
    pub priority: Priority,
    pub harvest_critical: bool,
    pub site_address: String,
    pub requirements: Option<String>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub appointment_at: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub inspection_passed: Option<bool>,
    pub finish_notes: Option<String>,
    /// The customer's on-site acknowledgement, once given (its signature:
    /// `GET /work-orders/{id}/acknowledgement/signature`).
    #[serde(default)]
    pub acknowledgement: Option<Acknowledgement>,
    pub report_id: Option<Uuid>,
    pub report_status: Option<ReportStatus>,
    /// Who pays: as confirmed at review, else as proposed at intake.
    #[serde(default)]
    pub coverage: Option<super::coverage::Coverage>,
    /// The commands the caller may run on this record now, from the permission
    /// table and the record's state (e.g. `["dispatch", "cancel"]`): the web app
    /// shows a command's button only when it is listed here.
    #[serde(default)]
    pub actions: Vec<Command>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A part used in a repair (更换的配件). Free text until the parts catalog exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartLine {
    /// Part number, when known.
    #[serde(default)]
    pub part_number: Option<String>,
    /// 配件名称
    pub name: String,
    /// Quantity, up to 3 decimals (oil by the litre).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2"))]
    pub quantity: Decimal,
    #[serde(default)]
    pub unit: Option<String>,
    /// Who pays for the line, set by the supervisor at review (审核); absent
    /// before it (an engineer's draft carries none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<super::coverage::Coverage>,
}

/// `PUT /work-orders/{id}/report` body: the draft report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportDraft {
    /// 维修过程
    #[serde(default)]
    pub process: String,
    /// 故障原因
    #[serde(default)]
    pub cause: String,
    /// 维修措施
    #[serde(default)]
    pub measures: String,
    /// 潜在问题 found, with proposals.
    #[serde(default)]
    pub further_problems: Option<String>,
    #[serde(default)]
    pub proposals: Option<String>,
    /// Hours of work, up to 2 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3.5"))]
    #[serde(default)]
    pub labour_hours: Decimal,
    #[serde(default)]
    pub parts: Vec<PartLine>,
    /// The engineer's diagnosis: the fault is of the whole machine or a main
    /// part, or of a wear part. It sets the request's `diagnosed_part` and, on
    /// the busy-season 三包 clock, recomputes the repair deadline from the
    /// report time (a `diagnosed` timeline event with the old and new due
    /// time). Not kept on the report: read it on the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_type: Option<SuspectedPart>,
    /// Which main assembly was at fault, whether the fault is serious and
    /// whether the assembly was replaced: what the 三包 repeat-fault rule
    /// reads (`repeat_fault`). Required of a main-part report on submit.
    #[serde(default)]
    pub fault: super::fault::FaultIdentity,
}

/// A repair report as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairReportView {
    pub id: Uuid,
    pub work_order_id: Uuid,
    pub work_order_number: String,
    pub request_id: Uuid,
    pub request_number: String,
    pub status: ReportStatus,
    pub engineer_name: String,
    pub process: String,
    pub cause: String,
    pub measures: String,
    pub further_problems: Option<String>,
    pub proposals: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub labour_hours: Decimal,
    pub parts: Vec<PartLine>,
    /// The main assembly at fault, how serious, whether it was replaced.
    #[serde(default)]
    pub fault: super::fault::FaultIdentity,
    /// Who pays for the request: as confirmed at review, else as proposed at intake.
    #[serde(default)]
    pub coverage: Option<super::coverage::Coverage>,
    /// Who pays, as intake proposed it (what the review form starts from).
    #[serde(default)]
    pub proposed_coverage: Option<super::coverage::Coverage>,
    /// Why the confirmed coverage departs from the proposal.
    #[serde(default)]
    pub coverage_reason: Option<String>,
    pub inspection_passed: Option<bool>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewer_name: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub signer_name: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub refusal_reason: Option<String>,
    /// The last rejection (驳回): its comment, whether the resubmission
    /// answered it, and what changed since.
    #[serde(default)]
    pub last_rejection: Option<crate::service::resubmission::ReportRejection>,
    /// Whether a signature image is stored (`GET /repair-reports/{id}/signature`).
    pub has_signature: bool,
    /// The customer's on-site acknowledgement of the visit, given before the
    /// review (its signature: `GET /work-orders/{work_order_id}/acknowledgement/signature`).
    #[serde(default)]
    pub acknowledgement: Option<Acknowledgement>,
    /// The commands the caller may run on this record now, from the permission
    /// table and the record's state (e.g. `["dispatch", "cancel"]`): the web app
    /// shows a command's button only when it is listed here.
    #[serde(default)]
    pub actions: Vec<Command>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /repair-reports/{id}/sign-link` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignLinkView {
    /// The one-time token (part of the link).
    pub token: String,
    /// Path of the sign-off page in the web app (`/sign/<token>`).
    pub path: String,
    pub expires_at: DateTime<Utc>,
}

/// The approved repair report on its request's page: what was found and
/// done, for whoever follows the request (the dealer too). Only the fields
/// `visibility::REPORT_FIELDS` shows a dealer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
    /// `approved`, `signed`, `signature_refused` or `closed_unsigned`.
    pub status: ReportStatus,
    pub engineer_name: String,
    pub cause: String,
    pub measures: String,
    pub further_problems: Option<String>,
    pub proposals: Option<String>,
    /// The main assembly at fault, how serious, whether it was replaced.
    #[serde(default)]
    pub fault: super::fault::FaultIdentity,
    pub inspection_passed: Option<bool>,
    /// When it was approved.
    pub reviewed_at: Option<DateTime<Utc>>,
    pub signed_at: Option<DateTime<Utc>>,
}

impl ReportSummary {
    /// Whether a report in `status` is summed up on its request: once
    /// approved (and after), never a draft, a submission under review or a
    /// rejected one.
    pub fn shown(status: ReportStatus) -> bool {
        matches!(
            status,
            ReportStatus::Approved
                | ReportStatus::Signed
                | ReportStatus::SignatureRefused
                | ReportStatus::ClosedUnsigned
        )
    }
}

/// `GET /sign/{token}`: what the customer is asked to sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignSummary {
    pub request_number: String,
    pub work_order_number: String,
    pub customer_name: String,
    pub serial_number: Option<String>,
    pub model_name: Option<String>,
    pub engineer_name: String,
    pub symptoms: String,
    pub process: String,
    pub cause: String,
    pub measures: String,
    pub further_problems: Option<String>,
    pub proposals: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub labour_hours: Decimal,
    pub parts: Vec<PartLine>,
    /// Who pays for the service, as the supervisor confirmed it (each part
    /// line carries its own).
    #[serde(default)]
    pub coverage: Option<super::coverage::Coverage>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
}

/// `POST /sign/{token}` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    /// The signer's name as written.
    pub signer_name: String,
    /// The drawn signature: a PNG, base64 (a `data:image/png;base64,` prefix is accepted).
    pub signature_png: String,
}

/// `POST /repair-reports/{id}/close-unsigned` body: who witnessed the
/// customer's refusal and why the supervisor closes without a signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseUnsignedRequest {
    /// The person who witnessed the refusal (name, and role or relation).
    pub witness: String,
    /// The supervisor's reason for closing without a signature.
    pub reason: String,
}

/// `POST /sign/{token}/refuse` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefuseSignatureRequest {
    #[serde(default)]
    pub signer_name: Option<String>,
    pub reason: String,
}

/// Why an engineer is suggested (or ranked lower); the SPA translates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Written as an object tagged by `code`, but read through the flat
// `ReasonWire`: serde's internally tagged form buffers every value in a generic
// `Content` tree, and with the import problem's `flatten` (the SPA reads only
// its report) that buffering cost the SPA 26 KB of wasm, 9 KB gzipped.
#[serde(tag = "code", rename_all = "snake_case", try_from = "ReasonWire")]
pub enum SuggestionReason {
    /// Qualified for the machine's category.
    SkillMatch { category: MachineCategory },
    /// Not qualified for the machine's category.
    NoSkill { category: MachineCategory },
    /// Open work orders now.
    Workload { open_orders: u32 },
    /// Distance from home base to the customer.
    Distance { km: f64 },
    /// No coordinates for the engineer or the site: the distance assumed
    /// by the dispatch settings counts instead.
    DistanceUnknown,
    /// Farther than the dispatch settings' limit: ranked after every
    /// engineer within it, qualified or not.
    BeyondLimit { limit_km: f64 },
    /// Work orders booked within the settings' window of the proposed time.
    Booked { orders: u32 },
    /// Away at the proposed time (leave, training): ranked last.
    Absent {
        reason: AbsenceReason,
        until: DateTime<Utc>,
    },
}

/// Every field any [`SuggestionReason`] carries, beside its `code`.
#[derive(Deserialize)]
struct ReasonWire {
    code: String,
    category: Option<MachineCategory>,
    open_orders: Option<u32>,
    km: Option<f64>,
    limit_km: Option<f64>,
    orders: Option<u32>,
    reason: Option<AbsenceReason>,
    until: Option<DateTime<Utc>>,
}

impl TryFrom<ReasonWire> for SuggestionReason {
    type Error = String;

    fn try_from(w: ReasonWire) -> Result<Self, String> {
        let missing = |field: &str| format!("reason `{}` needs `{field}`", w.code);
        Ok(match w.code.as_str() {
            "skill_match" => Self::SkillMatch {
                category: w.category.ok_or_else(|| missing("category"))?,
            },
            "no_skill" => Self::NoSkill {
                category: w.category.ok_or_else(|| missing("category"))?,
            },
            "workload" => Self::Workload {
                open_orders: w.open_orders.ok_or_else(|| missing("open_orders"))?,
            },
            "distance" => Self::Distance {
                km: w.km.ok_or_else(|| missing("km"))?,
            },
            "distance_unknown" => Self::DistanceUnknown,
            "beyond_limit" => Self::BeyondLimit {
                limit_km: w.limit_km.ok_or_else(|| missing("limit_km"))?,
            },
            "booked" => Self::Booked {
                orders: w.orders.ok_or_else(|| missing("orders"))?,
            },
            "absent" => Self::Absent {
                reason: w.reason.ok_or_else(|| missing("reason"))?,
                until: w.until.ok_or_else(|| missing("until"))?,
            },
            other => return Err(format!("unknown reason code `{other}`")),
        })
    }
}

/// One ranked engineer for a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngineerSuggestion {
    pub engineer_id: Uuid,
    pub display_name: String,
    pub home_base: Option<String>,
    pub skill_match: bool,
    pub open_orders: u32,
    pub distance_km: Option<f64>,
    /// Lower is better.
    pub score: f64,
    pub reasons: Vec<SuggestionReason>,
}

/// A deadline alert of a request the caller sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub request_id: Uuid,
    pub request_number: String,
    pub customer_name: String,
    /// `overdue` or `due_soon`; `repeat_request` for a repeat request (one a
    /// follow-up opened) waiting for dispatch, shown to whoever dispatches.
    pub kind: String,
    /// Which clock: `first_contact`, `arrival` or `repair`; `follow_up` for
    /// a `repeat_request`.
    pub clock: String,
    pub due_at: DateTime<Utc>,
    pub priority: Priority,
    pub harvest_critical: bool,
    /// What identifies the alert for read marks ([`super::notifications::key`]).
    pub key: String,
    /// Whether the caller has marked this alert read.
    pub read: bool,
}

/// `GET /notifications` and `POST /notifications/read`: the caller's alerts
/// with how many of them are unread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    /// The webhook subscriptions disabled after a day of failures, for
    /// those who manage them (empty for everyone else).
    #[serde(default)]
    pub webhooks: Vec<crate::webhooks::WebhookAlert>,
    /// Unread alerts of both lists.
    pub unread: u32,
}

/// `POST /notifications/read` body: the alerts to mark read (their `key`s),
/// or every current alert when `keys` is left out. Keys that are not among
/// the caller's current alerts are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkNotificationsRead {
    #[serde(default)]
    pub keys: Option<Vec<String>>,
}

/// `GET /service-requests/clock-preview`: the due times a request would get now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockPreview {
    pub in_season: bool,
    pub harvest_critical: bool,
    pub legal_clock: crate::service::sanbao::LegalClock,
    /// The repair deadline is the stricter one until a diagnosis.
    pub repair_due_provisional: bool,
    pub first_contact_due: DateTime<Utc>,
    /// Propose this as the promised arrival time (预计到达时间).
    pub arrival_due: Option<DateTime<Utc>>,
    pub repair_due: Option<DateTime<Utc>>,
    /// The machine's warranty today (`unknown` without a machine).
    pub warranty: crate::master::WarrantyStatus,
    /// Who would pay (`propose_coverage`): the answer to "is this free?".
    pub coverage: super::coverage::Coverage,
}

/// `POST /repair-reports/{id}/approve` body (optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who pays for the request; the intake's proposal when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<super::coverage::Coverage>,
    /// Who pays for each part line, in the report's order (one per line);
    /// each line follows the request's coverage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_coverage: Option<Vec<super::coverage::Coverage>>,
    /// Why, when the request's or a line's coverage departs from the proposal
    /// (required then, 1-500 characters; audited with the approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_reason: Option<String>,
}

impl ApproveRequest {
    /// The coverage the supervisor chose.
    pub fn coverage_choice(&self) -> super::coverage::CoverageChoice<'_> {
        super::coverage::CoverageChoice {
            coverage: self.coverage,
            part_coverage: self.part_coverage.as_deref(),
            reason: self.coverage_reason.as_deref(),
        }
    }
}

/// Query of `GET /service-requests/clock-preview`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ClockPreviewQuery {
    pub customer_id: Uuid,
    #[serde(default)]
    pub machine_id: Option<Uuid>,
    pub priority: Priority,
    pub needs_onsite: bool,
    /// The request's kind (`repair` when absent): maintenance runs the company
    /// SLA alone and is charged.
    #[serde(default)]
    pub kind: Option<RequestKind>,
    #[serde(default)]
    pub suspected_part: Option<SuspectedPart>,
    #[serde(default)]
    pub harvest_critical: Option<bool>,
    /// The work site's point as typed so far (both or neither): the season
    /// and the service network follow it as they will at intake.
    #[serde(default)]
    pub site_lat: Option<f64>,
    #[serde(default)]
    pub site_lon: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suggestion_reason_reads_back_what_it_wrote() {
        let all = [
            SuggestionReason::SkillMatch {
                category: MachineCategory::CombineHarvester,
            },
            SuggestionReason::NoSkill {
                category: MachineCategory::Tractor,
            },
            SuggestionReason::Workload { open_orders: 3 },
            SuggestionReason::Distance { km: 12.5 },
            SuggestionReason::DistanceUnknown,
            SuggestionReason::BeyondLimit { limit_km: 400.0 },
            SuggestionReason::Booked { orders: 2 },
            SuggestionReason::Absent {
                reason: AbsenceReason::Training,
                until: chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 6, 2, 10, 0, 0).unwrap(),
            },
        ];
        for r in all {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<SuggestionReason>(&json).unwrap(), r);
        }
        assert_eq!(
            serde_json::to_value(SuggestionReason::Workload { open_orders: 3 }).unwrap(),
            serde_json::json!({"code": "workload", "open_orders": 3})
        );
    }

    #[test]
    fn a_suggestion_reason_without_its_field_or_with_an_unknown_code_is_refused() {
        let e = serde_json::from_str::<SuggestionReason>(r#"{"code":"distance"}"#).unwrap_err();
        assert!(e.to_string().contains("needs `km`"), "{e}");
        let e = serde_json::from_str::<SuggestionReason>(r#"{"code":"luck"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown reason code"), "{e}");
    }
}
