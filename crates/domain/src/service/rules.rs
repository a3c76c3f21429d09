//! Field rules of the workflow's commands: what each must carry before the
//! state machine is even asked.

use super::types::{
    AcknowledgeRequest, CloseUnsignedRequest, ContactRequest, CreateServiceRequest,
    DispatchRequest, PartLine, ReasonRequest, ReassignRequest, ReportDraft, ResolveRemotelyRequest,
    ScheduleRequest, SignRequest,
};
use super::{Priority, RequestKind};
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Largest drawn signature accepted, in bytes of PNG.
pub const MAX_SIGNATURE_BYTES: usize = 300 * 1024;

impl CreateServiceRequest {
    /// A repair on site of `machine_id` for `customer_id` with nothing else
    /// said: the caller's channel, normal priority, the machine still
    /// working, the customer's own address, the clocks the SLA gives. Callers
    /// set what they know with struct update syntax
    /// (`CreateServiceRequest { priority: Priority::High, ..onsite_repair(..) }`).
    pub fn onsite_repair(
        customer_id: Uuid,
        machine_id: Option<Uuid>,
        symptoms: impl Into<String>,
    ) -> CreateServiceRequest {
        CreateServiceRequest {
            channel: None,
            kind: RequestKind::Repair,
            customer_id,
            machine_id,
            model_id: None,
            reported_serial: None,
            symptoms: symptoms.into(),
            preliminary_judgement: None,
            needs_onsite: true,
            priority: Priority::Normal,
            harvest_critical: None,
            harvest_critical_reason: None,
            machine_stopped: false,
            operation_at_risk: None,
            suspected_part: None,
            promised_arrival_at: None,
            repeat_of: None,
            site_address: None,
            site_lat: None,
            site_lon: None,
        }
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("symptoms", &self.symptoms, 4000);
        v.optional_max_chars(
            "preliminary_judgement",
            self.preliminary_judgement.as_deref(),
            4000,
        );
        if self.machine_id.is_some() && (self.model_id.is_some() || self.reported_serial.is_some())
        {
            v.error(
                "machine_id",
                "ambiguous",
                "give the machine, or its model and serial to confirm, not both",
            );
        }
        v.optional_max_chars("reported_serial", self.reported_serial.as_deref(), 64);
        v.optional_max_chars("site_address", self.site_address.as_deref(), 300);
        match (self.site_lat, self.site_lon) {
            (Some(lat), Some(lon)) if !super::site::valid_point(lat, lon) => {
                v.error(
                    "site_lat",
                    "out_of_range",
                    "latitude -90 to 90 and longitude -180 to 180",
                );
            }
            (Some(_), None) => {
                v.error("site_lon", "required", "give both coordinates or neither");
            }
            (None, Some(_)) => {
                v.error("site_lat", "required", "give both coordinates or neither");
            }
            _ => {}
        }
        v.optional_max_chars(
            "harvest_critical_reason",
            self.harvest_critical_reason.as_deref(),
            1000,
        );
        v.finish()
    }
}

/// How far ahead an arrival may be promised or an appointment made: a year
/// covers next season's maintenance; anything later is a typing error.
pub const FARTHEST_PROMISE_DAYS: i64 = 366;

impl CreateServiceRequest {
    /// The times of an intake received at `now`: an arrival is promised for
    /// now or later (an hour's grace for a form filled in during the call),
    /// and at most [`FARTHEST_PROMISE_DAYS`] ahead.
    pub fn validate_times(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if let Some(t) = self.promised_arrival_at {
            v.time_between(
                "promised_arrival_at",
                t,
                now - Duration::hours(1),
                now + Duration::days(FARTHEST_PROMISE_DAYS),
            );
        }
        v.finish()
    }
}

impl ScheduleRequest {
    /// An appointment agreed at `now`: not more than a day back (entered
    /// late) and at most [`FARTHEST_PROMISE_DAYS`] ahead.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.time_between(
            "appointment_at",
            self.appointment_at,
            now - Duration::days(1),
            now + Duration::days(FARTHEST_PROMISE_DAYS),
        );
        v.optional_max_chars("note", self.note.as_deref(), 2000);
        v.finish()
    }
}

impl ContactRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("note", self.note.as_deref(), 2000);
        v.finish()
    }
}

impl DispatchRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.optional_max_chars("site_address", self.site_address.as_deref(), 300);
        v.optional_max_chars("requirements", self.requirements.as_deref(), 2000);
        v.finish()
    }
}

impl ReassignRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("reason", &self.reason, 1000);
        v.finish()
    }
}

impl ReasonRequest {
    /// A reason or comment is required (cancel, reject, refuse).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("reason", &self.reason, 2000);
        v.finish()
    }
}

impl CloseUnsignedRequest {
    /// Both the witness and the reason are required.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("witness", &self.witness, 200);
        v.required_text("reason", &self.reason, 2000);
        v.finish()
    }
}

impl ResolveRemotelyRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("resolution", &self.resolution, 4000);
        v.finish()
    }
}

fn check_part(v: &mut Validator, i: usize, p: &PartLine) {
    if p.name.trim().is_empty() && p.part_number.as_deref().is_none_or(|n| n.trim().is_empty()) {
        v.error(
            &format!("parts[{i}].name"),
            "required",
            "a part needs a name or a part number",
        );
    }
    if p.quantity <= Decimal::ZERO || p.quantity.scale() > 3 || p.quantity > Decimal::from(100_000)
    {
        v.error(
            &format!("parts[{i}].quantity"),
            "invalid",
            "quantity must be positive with at most 3 decimals",
        );
    }
}

impl ReportDraft {
    /// What a draft may hold: limits only, so half-written drafts save.
    pub fn validate_draft(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (f, s) in [
            ("process", &self.process),
            ("cause", &self.cause),
            ("measures", &self.measures),
        ] {
            v.max_chars(f, s, 8000);
        }
        if self.labour_hours < Decimal::ZERO
            || self.labour_hours > Decimal::from(1000)
            || self.labour_hours.scale() > 2
        {
            v.error(
                "labour_hours",
                "invalid",
                "labour hours must be between 0 and 1000 with at most 2 decimals",
            );
        }
        for (i, p) in self.parts.iter().enumerate() {
            check_part(&mut v, i, p);
        }
        v.finish()
    }

    /// What a submitted report must hold (维修过程, 故障原因, 维修措施, hours).
    pub fn validate_submit(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        for (f, s) in [
            ("process", &self.process),
            ("cause", &self.cause),
            ("measures", &self.measures),
        ] {
            v.required(f, s);
        }
        if self.labour_hours <= Decimal::ZERO {
            v.error("labour_hours", "required", "record the labour hours");
        }
        let draft = self.validate_draft().err().map(|e| e.0).unwrap_or_default();
        let mut all = v.finish().err().map(|e| e.0).unwrap_or_default();
        all.extend(draft);
        if all.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(all))
        }
    }
}

/// A customer's signature, on the sign page or on site: the name and a
/// drawn image are required.
fn signature(signer_name: &str, signature_png: &str) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    v.required_text("signer_name", signer_name, 100);
    if signature_png.trim().is_empty() {
        v.error("signature_png", "required", "draw the signature");
    }
    v.finish()
}

impl SignRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        signature(&self.signer_name, &self.signature_png)
    }
}

impl AcknowledgeRequest {
    /// The customer's name and a drawn signature are required; the mark is
    /// one of [`Satisfaction`]'s by its type.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        signature(&self.signer_name, &self.signature_png)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::types::*;
    use uuid::Uuid;

    fn draft() -> ReportDraft {
        ReportDraft {
            process: "检查液压系统".into(),
            cause: "油管破裂".into(),
            measures: "更换油管".into(),
            further_problems: None,
            proposals: None,
            labour_hours: Decimal::new(35, 1),
            parts: vec![PartLine {
                part_number: Some("P-100".into()),
                name: "高压油管".into(),
                quantity: Decimal::ONE,
                unit: None,
                coverage: None,
            }],
            part_type: None,
            fault: Default::default(),
        }
    }

    #[test]
    fn a_complete_report_can_be_submitted() {
        assert!(draft().validate_submit().is_ok());
    }

    #[test]
    fn an_empty_draft_saves_but_cannot_be_submitted() {
        let empty = ReportDraft {
            process: String::new(),
            cause: String::new(),
            measures: String::new(),
            further_problems: None,
            proposals: None,
            labour_hours: Decimal::ZERO,
            parts: vec![],
            part_type: None,
            fault: Default::default(),
        };
        assert!(empty.validate_draft().is_ok());
        assert_eq!(
            empty.validate_submit().unwrap_err().fields(),
            vec!["process", "cause", "measures", "labour_hours"]
        );
    }

    #[test]
    fn part_quantities_must_be_positive_with_three_decimals_at_most() {
        let mut d = draft();
        d.parts[0].quantity = Decimal::new(12345, 4);
        assert_eq!(
            d.validate_draft().unwrap_err().0[0].field,
            "parts[0].quantity"
        );
        d.parts[0].quantity = Decimal::new(1500, 3);
        assert!(d.validate_draft().is_ok());
        d.parts[0].quantity = Decimal::ZERO;
        assert!(d.validate_draft().is_err());
    }

    #[test]
    fn a_reason_is_required() {
        assert_eq!(
            ReasonRequest {
                reason: "  ".into()
            }
            .validate()
            .unwrap_err()
            .0[0]
                .code,
            "required"
        );
    }

    #[test]
    fn intake_needs_symptoms_and_one_way_to_name_the_machine() {
        let r = CreateServiceRequest {
            model_id: Some(Uuid::nil()),
            priority: Priority::High,
            machine_stopped: true,
            operation_at_risk: Some(Operation::Harvest),
            ..CreateServiceRequest::onsite_repair(Uuid::nil(), Some(Uuid::nil()), "")
        };
        assert_eq!(
            r.validate().unwrap_err().fields(),
            vec!["symptoms", "machine_id"]
        );
    }
}
