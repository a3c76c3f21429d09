//! Intake (报修受理) as a decision: from the references the store resolved,
//! the validated form, the SLA settings and the number taken in the creating
//! transaction, the new request with its clocks and its `created` event.

use super::decision::{Decision, Event, NewRecord};
use super::{Ctx, text};
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::master::{MachineCategory, WarrantyStatus};
use crate::service::calendar::WorkCalendar;
use crate::service::coverage::{Coverage, propose_coverage};
use crate::service::sanbao::{LegalClock, ServiceNetwork, provisional, under_sanbao};
use crate::service::site::Site;
use crate::service::sla::{ClockInput, SlaSettings, clocks, stopped_rank};
use crate::service::status::RequestStatus;
use crate::service::types::{
    Channel, CreateServiceRequest, Operation, Priority, RequestKind, SuspectedPart,
};
use crate::validation::Validator;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

/// What the form's ids refer to, as the store found them in the actor's scope.
#[derive(Debug, Clone, PartialEq)]
pub struct IntakeRefs {
    pub customer_id: Uuid,
    /// The customer's owning dealer; a machine's is the same.
    pub dealer_id: Option<Uuid>,
    /// The customer's province: the region shown on the request.
    pub province: String,
    pub machine_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub category: Option<MachineCategory>,
    /// The customer's registered address as one line: the site's by default.
    pub registered_address: String,
    /// The customer's registered site (its division and point): the site's
    /// unless the form names another point; its division decides the season
    /// and, with the point, whether the service network covers it.
    pub registered_site: Site,
    /// The machine's warranty on the report day (`Unknown` without a machine).
    pub warranty: WarrantyStatus,
}

/// The id and number the store prepared for the new request.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered {
    pub id: Uuid,
    pub number: String,
}

/// A request as intake creates it: every stored field it sets.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub id: Uuid,
    pub number: String,
    pub status: RequestStatus,
    pub channel: Channel,
    pub kind: RequestKind,
    pub priority: Priority,
    pub customer_id: Uuid,
    pub machine_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub reported_serial: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub region: Option<String>,
    pub site_address: Option<String>,
    pub site_lat: Option<f64>,
    pub site_lon: Option<f64>,
    pub symptoms: String,
    pub preliminary_judgement: Option<String>,
    pub needs_onsite: bool,
    pub harvest_critical: bool,
    pub machine_stopped: bool,
    pub stopped_rank: i32,
    pub operation_at_risk: Option<Operation>,
    pub suspected_part: SuspectedPart,
    /// Who pays, as proposed from the warranty and the kind (`propose_coverage`).
    pub proposed_coverage: Option<Coverage>,
    pub in_season: bool,
    pub legal_clock: LegalClock,
    /// The part type a diagnosis named (`Unknown` at intake).
    pub diagnosed_part: SuspectedPart,
    pub promised_arrival_at: Option<DateTime<Utc>>,
    pub reported_at: DateTime<Utc>,
    pub first_contact_due: DateTime<Utc>,
    pub arrival_due: Option<DateTime<Utc>>,
    pub repair_due: Option<DateTime<Utc>>,
    pub repeat_of: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_by_name: String,
}

/// The form's own checks. The store runs them before it resolves anything,
/// so a bad form is a 422 whatever its ids say; `intake` runs them again so
/// it refuses a bad form on its own.
pub fn validate(input: &CreateServiceRequest, now: DateTime<Utc>) -> Result<(), DomainError> {
    input.validate()?;
    input.validate_times(now)?;
    Ok(())
}

/// Records a service request reported now.
pub fn intake(
    ctx: &Ctx<'_>,
    refs: &IntakeRefs,
    input: &CreateServiceRequest,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
    network: &ServiceNetwork,
    numbered: Numbered,
) -> Result<Decision, DomainError> {
    validate(input, ctx.now)?;
    let suspected_part = input.suspected_part.unwrap_or(SuspectedPart::Unknown);
    let region = Some(refs.province.clone());
    let given = Site {
        division: None,
        lat: input.site_lat,
        lon: input.site_lon,
    };
    let site = Site::or_registered(given, refs.registered_site);
    // The suspicion at intake is no diagnosis: the deadline stays provisional.
    let c = clocks(
        sla,
        calendar,
        &ClockInput {
            reported_at: ctx.now,
            priority: input.priority,
            kind: input.kind,
            site,
            category: refs.category,
            in_warranty: under_sanbao(refs.warranty),
            in_network: network.covers(&site),
            harvest_critical: input.harvest_critical,
            diagnosed_part: SuspectedPart::Unknown,
            needs_onsite: input.needs_onsite,
            promised_arrival_at: input.promised_arrival_at,
        },
    );
    let reason = text(input.harvest_critical_reason.as_deref());
    if c.tightened && reason.is_none() {
        let mut v = Validator::new();
        v.error(
            "harvest_critical_reason",
            "required",
            "harvest_critical makes the 三包 repair clock stricter than the law: say why",
        );
        v.finish()?;
    }
    let mut decision = created(NewRequest {
        id: numbered.id,
        number: numbered.number,
        status: RequestStatus::New,
        channel: input
            .channel
            .unwrap_or_else(|| Channel::default_for(&ctx.actor.roles)),
        kind: input.kind,
        priority: input.priority,
        customer_id: refs.customer_id,
        machine_id: refs.machine_id,
        model_id: refs.model_id,
        reported_serial: text(input.reported_serial.as_deref()),
        dealer_id: refs.dealer_id,
        region,
        site_address: text(input.site_address.as_deref())
            .or_else(|| text(Some(&refs.registered_address))),
        site_lat: site.lat,
        site_lon: site.lon,
        symptoms: input.symptoms.trim().into(),
        preliminary_judgement: text(input.preliminary_judgement.as_deref()),
        needs_onsite: input.needs_onsite,
        harvest_critical: c.harvest_critical,
        machine_stopped: input.machine_stopped,
        stopped_rank: stopped_rank(input.machine_stopped, c.in_season),
        operation_at_risk: input.operation_at_risk,
        suspected_part,
        proposed_coverage: Some(propose_coverage(refs.warranty, input.kind, suspected_part)),
        in_season: c.in_season,
        legal_clock: c.legal_clock,
        diagnosed_part: SuspectedPart::Unknown,
        promised_arrival_at: input.promised_arrival_at,
        reported_at: ctx.now,
        first_contact_due: c.first_contact_due,
        arrival_due: c.arrival_due,
        repair_due: c.repair_due,
        repeat_of: input.repeat_of,
        created_by: Some(ctx.actor.user_id),
        created_by_name: ctx.actor.username.clone(),
    });
    if let Some(e) = decision.events.first_mut().filter(|_| c.tightened) {
        e.data["legal_clock_tightened"] = json!({"reason": reason});
    }
    Ok(decision)
}

/// Creating `r` and its `created` event, which keeps the number, the channel
/// and the clocks as promised at intake.
pub fn created(r: NewRequest) -> Decision {
    let event = Event::on_request(
        r.id,
        AuditAction::Created,
        json!({"number": r.number, "channel": r.channel.as_str(),
            "priority": r.priority.as_str(), "harvest_critical": r.harvest_critical,
            "legal_clock": r.legal_clock.as_str(),
            "repair_due_provisional": r.repair_due.is_some() && provisional(r.legal_clock, r.diagnosed_part),
            "first_contact_due": r.first_contact_due, "arrival_due": r.arrival_due,
            "repair_due": r.repair_due, "proposed_coverage": r.proposed_coverage}),
    );
    Decision {
        create: vec![NewRecord::Request(Box::new(r))],
        events: vec![event],
        ..Decision::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Actor;
    use crate::roles::Role;
    use crate::service::decide::fixtures::*;
    use chrono::Duration;

    fn refs() -> IntakeRefs {
        IntakeRefs {
            customer_id: Uuid::from_u128(40),
            dealer_id: Some(Uuid::from_u128(41)),
            province: "Heilongjiang".into(),
            machine_id: Some(Uuid::from_u128(42)),
            model_id: Some(Uuid::from_u128(43)),
            category: None,
            warranty: WarrantyStatus::InWarranty,
            registered_address: "黑龙江五常市丰收村".into(),
            registered_site: Site {
                division: crate::division::resolve("黑龙江"),
                lat: Some(44.93),
                lon: Some(127.16),
            },
        }
    }

    /// A tractor in 新疆, whose summer harvest (06-25..07-20) holds on the fixtures' day.
    fn xinjiang(category: MachineCategory) -> IntakeRefs {
        IntakeRefs {
            province: "新疆".into(),
            registered_site: Site {
                division: crate::division::resolve("新疆"),
                lat: None,
                lon: None,
            },
            category: Some(category),
            ..refs()
        }
    }

    fn form() -> CreateServiceRequest {
        CreateServiceRequest {
            preliminary_judgement: Some("   ".into()),
            priority: Priority::High,
            harvest_critical: Some(false),
            machine_stopped: true,
            operation_at_risk: Some(Operation::Harvest),
            ..CreateServiceRequest::onsite_repair(
                Uuid::from_u128(40),
                Some(Uuid::from_u128(42)),
                "  hydraulic leak  ",
            )
        }
    }

    fn numbered() -> Numbered {
        Numbered {
            id: Uuid::from_u128(50),
            number: "SR-2026-000001".into(),
        }
    }

    /// Intake of `form` by `actor` for a customer with `refs`, with the
    /// fixtures' settings and number.
    fn intake_at(
        actor: &Actor,
        refs: &IntakeRefs,
        form: &CreateServiceRequest,
    ) -> Result<Decision, DomainError> {
        intake(
            &ctx(actor),
            refs,
            form,
            &sla(),
            &calendar(),
            &ServiceNetwork::default(),
            numbered(),
        )
    }

    /// Intake of `form` by `actor`, with the fixtures' references.
    fn intake_by(actor: &Actor, form: &CreateServiceRequest) -> Result<Decision, DomainError> {
        intake_at(actor, &refs(), form)
    }

    fn created_request(d: &Decision) -> &NewRequest {
        d.created_request().expect("intake creates a request")
    }

    #[test]
    fn proposes_who_pays_from_the_warranty_and_the_kind_and_records_it() {
        let agent = agent();
        let d = intake_by(&agent, &form()).unwrap();
        assert_eq!(
            created_request(&d).proposed_coverage,
            Some(Coverage::Sanbao)
        );
        assert_eq!(d.events[0].data["proposed_coverage"], "sanbao");
        let upkeep = CreateServiceRequest {
            kind: RequestKind::Maintenance,
            ..form()
        };
        let d = intake_by(&agent, &upkeep).unwrap();
        assert_eq!(
            created_request(&d).proposed_coverage,
            Some(Coverage::Charged)
        );
        let expired = IntakeRefs {
            warranty: WarrantyStatus::Expired,
            ..refs()
        };
        let d = intake_at(&agent, &expired, &form()).unwrap();
        assert_eq!(
            created_request(&d).proposed_coverage,
            Some(Coverage::Charged)
        );
    }

    #[test]
    fn creates_a_new_request_with_its_number_dealer_and_trimmed_texts() {
        let agent = agent();
        let d = intake_by(&agent, &form()).unwrap();
        let r = created_request(&d);
        assert_eq!((r.id, r.number.as_str()), (numbered().id, "SR-2026-000001"));
        assert_eq!(r.status, RequestStatus::New);
        assert_eq!(r.dealer_id, Some(Uuid::from_u128(41)));
        assert_eq!(r.region.as_deref(), Some("Heilongjiang"));
        assert_eq!(r.symptoms, "hydraulic leak");
        assert_eq!(r.preliminary_judgement, None);
        assert_eq!(r.suspected_part, SuspectedPart::Unknown);
        assert_eq!(r.reported_at, now());
        assert_eq!(r.created_by, Some(agent.user_id));
        assert_eq!(r.created_by_name, agent.username);
        assert!(d.request.is_none() && d.work_order.is_none() && d.report.is_none());
    }

    #[test]
    fn clocks_come_from_the_settings() {
        let agent = agent();
        let s = sla();
        let r = created_request(&intake_by(&agent, &form()).unwrap()).clone();
        let contact = Duration::hours(s.first_contact_hours.get(Priority::High));
        assert_eq!(r.first_contact_due, now() + contact);
        assert!(r.arrival_due.is_some_and(|a| a > now()));
        assert!(r.repair_due.is_some_and(|d| d > now()));
        let mut remote = form();
        remote.needs_onsite = false;
        let r = created_request(&intake_by(&agent, &remote).unwrap()).clone();
        assert_eq!((r.arrival_due, r.repair_due), (None, None));
    }

    #[test]
    fn an_earlier_promise_sets_the_arrival_clock() {
        let agent = agent();
        let mut f = form();
        let promise = now() + Duration::minutes(30);
        f.promised_arrival_at = Some(promise);
        let d = intake_by(&agent, &f).unwrap();
        assert_eq!(created_request(&d).arrival_due, Some(promise));
    }

    #[test]
    fn the_channel_defaults_from_the_actor() {
        let mut dealer = agent();
        dealer.roles = vec![Role::Dealer];
        let d = intake_by(&dealer, &form()).unwrap();
        assert_eq!(created_request(&d).channel, Channel::DealerPortal);
        let d = intake_by(&agent(), &form()).unwrap();
        assert_eq!(created_request(&d).channel, Channel::Phone);
        let mut f = form();
        f.channel = Some(Channel::Api);
        let d = intake_by(&dealer, &f).unwrap();
        assert_eq!(created_request(&d).channel, Channel::Api);
    }

    #[test]
    fn records_one_created_event_with_the_number_and_clocks() {
        let agent = agent();
        let d = intake_by(&agent, &form()).unwrap();
        let r = created_request(&d);
        assert_eq!(d.events.len(), 1);
        let e = &d.events[0];
        assert_eq!((e.action, e.record_id), (AuditAction::Created, r.id));
        assert_eq!(e.data["number"], "SR-2026-000001");
        assert_eq!(e.data["channel"], "phone");
        assert_eq!(e.data["priority"], "high");
        assert_eq!(e.data["harvest_critical"], false);
        assert_eq!(e.data["first_contact_due"], json!(r.first_contact_due));
    }

    #[test]
    fn the_law_sets_the_busy_season_clock_provisionally_and_a_false_flag_cannot_loosen_it() {
        let f = form(); // harvest_critical: Some(false)
        let d = intake_at(&agent(), &xinjiang(MachineCategory::Tractor), &f).unwrap();
        let r = created_request(&d);
        assert_eq!(r.legal_clock, LegalClock::SanbaoBusySeason);
        assert!(r.harvest_critical);
        assert_eq!(r.repair_due, Some(now() + Duration::days(1)));
        assert_eq!(d.events[0].data["legal_clock"], "sanbao_busy_season");
        assert_eq!(d.events[0].data["repair_due_provisional"], true);
        // Out of warranty: the company SLA alone, no repair deadline.
        let expired = IntakeRefs {
            warranty: WarrantyStatus::Expired,
            ..xinjiang(MachineCategory::Tractor)
        };
        let d = intake_at(&agent(), &expired, &f).unwrap();
        let r = created_request(&d);
        assert_eq!(
            (r.legal_clock, r.repair_due),
            (LegalClock::CompanySla, None)
        );
    }

    #[test]
    fn tightening_the_legal_clock_needs_a_reason_kept_on_the_created_event() {
        let mut f = form();
        f.harvest_critical = Some(true);
        let sprayer = xinjiang(MachineCategory::Sprayer);
        let err = intake_at(&agent(), &sprayer, &f).unwrap_err();
        match err {
            DomainError::Validation(v) => assert_eq!(v.fields(), vec!["harvest_critical_reason"]),
            other => panic!("{other:?}"),
        }
        f.harvest_critical_reason = Some(" 客户订单赶工 ".into());
        let d = intake_at(&agent(), &sprayer, &f).unwrap();
        let r = created_request(&d);
        assert_eq!(r.legal_clock, LegalClock::SanbaoBusySeason);
        assert_eq!(r.repair_due, Some(now() + Duration::days(1)));
        assert_eq!(
            d.events[0].data["legal_clock_tightened"],
            json!({"reason": "客户订单赶工"})
        );
        // Where the law already sets the busy-season clock, `true` changes nothing: no reason asked.
        f.harvest_critical_reason = None;
        let tractor = xinjiang(MachineCategory::Tractor);
        let d = intake_at(&agent(), &tractor, &f).unwrap();
        assert!(d.events[0].data.get("legal_clock_tightened").is_none());
    }

    #[test]
    fn refuses_an_invalid_form() {
        let agent = agent();
        let mut blank = form();
        blank.symptoms = "  ".into();
        let err = intake_by(&agent, &blank).unwrap_err();
        assert!(matches!(err, DomainError::Validation(_)), "{err:?}");
        let mut both = form();
        both.model_id = Some(Uuid::from_u128(43));
        let err = intake_by(&agent, &both).unwrap_err();
        assert!(matches!(err, DomainError::Validation(_)), "{err:?}");
        let mut past = form();
        past.promised_arrival_at = Some(now() - Duration::days(2));
        let err = intake_by(&agent, &past).unwrap_err();
        assert!(matches!(err, DomainError::Validation(_)), "{err:?}");
    }

    #[test]
    fn the_site_defaults_to_the_customers_registered_one() {
        let agent = agent();
        let r = created_request(&intake_by(&agent, &form()).unwrap()).clone();
        assert_eq!(r.site_address.as_deref(), Some("黑龙江五常市丰收村"));
        assert_eq!((r.site_lat, r.site_lon), (Some(44.93), Some(127.16)));
        let mut f = form();
        f.site_address = Some("  五常市北三公里玉米地  ".into());
        f.site_lat = Some(44.96);
        f.site_lon = Some(127.2);
        let r = created_request(&intake_by(&agent, &f).unwrap()).clone();
        assert_eq!(r.site_address.as_deref(), Some("五常市北三公里玉米地"));
        assert_eq!((r.site_lat, r.site_lon), (Some(44.96), Some(127.2)));
        // Half a point is refused, not mixed with the registered one.
        let mut half = form();
        half.site_lat = Some(44.96);
        match intake_by(&agent, &half).unwrap_err() {
            DomainError::Validation(e) => assert_eq!(e.fields(), vec!["site_lon"]),
            other => panic!("{other:?}"),
        }
        let mut off = form();
        off.site_lat = Some(95.0);
        off.site_lon = Some(127.2);
        match intake_by(&agent, &off).unwrap_err() {
            DomainError::Validation(e) => assert_eq!(e.fields(), vec!["site_lat"]),
            other => panic!("{other:?}"),
        }
    }
}
