//! The customer's choice past the 三包 repair deadline (POLICY.md, 三包):
//! go on with the repair (recorded; the clocks keep running) or have the
//! machine replaced with one of the same model (换货): the machine record takes
//! the new serial, its 三包 period restarts on the replacement day, and the
//! request completes, its open visit cancelled. Whether the customer may
//! choose is `replacement::customer_choice`, computed by the caller (it reads
//! the clock and the machine's warranty).

use super::decision::{Decision, Event, FollowUp, NewRecord, Replacement};
use super::preconditions::{State, check};
use super::records::{Case, Machine};
use super::{Ctx, text};
use crate::access::RecordKind;
use crate::audit::AuditAction;
use crate::error::DomainError;
use crate::service::calendar::WorkCalendar;
use crate::service::commands::Command;
use crate::service::replacement::{
    ChoiceKind, CustomerChoice, CustomerChoiceRequest, restarted_warranty_end,
};
use crate::service::sla::SlaSettings;
use crate::service::status::{RequestStatus, WorkOrderStatus};
use crate::validation::Validator;
use serde_json::json;

/// Why the open visit of a replaced machine ends.
const REPLACED: &str = "客户选择换货";

/// Records the customer's choice on a request that offers it (`choice`, as
/// `replacement::customer_choice` says now); `machine` is the request's
/// machine, which a replacement needs.
pub fn record_customer_choice(
    case: &Case,
    ctx: &Ctx<'_>,
    input: &CustomerChoiceRequest,
    choice: Option<CustomerChoice>,
    machine: Option<&Machine>,
    sla: &SlaSettings,
    calendar: &WorkCalendar,
) -> Result<Decision, DomainError> {
    input.validate()?;
    let state = State {
        customer_choice: choice.is_some(),
        ..case.state()
    };
    check(Command::RecordCustomerChoice, ctx.actor, &state)?;
    let eligible_since = choice.map(|c| c.eligible_since);
    let note = text(input.note.as_deref());
    let r = &case.request;
    if input.choice == ChoiceKind::ContinueRepair {
        return Ok(Decision::recording(
            r.id,
            AuditAction::RepairContinued,
            json!({"eligible_since": eligible_since, "note": note}),
        ));
    }
    let refuse = |field: &str, code: &str, message: &str| -> DomainError {
        let mut v = Validator::new();
        v.error(field, code, message);
        v.finish()
            .map_or_else(DomainError::from, |()| DomainError::NotFound)
    };
    let (Some(new_serial), Some(replaced_on)) = (&input.new_serial_number, input.replaced_on)
    else {
        return Err(refuse(
            "choice",
            "invalid",
            "a replacement names the new machine",
        ));
    };
    let Some(m) = machine else {
        return Err(refuse(
            "choice",
            "no_machine",
            "the request names no registered machine to replace",
        ));
    };
    let zone = sla.zone();
    let today = ctx.now.with_timezone(&zone).date_naive();
    let mut v = Validator::new();
    if *new_serial == m.serial_number {
        v.error(
            "new_serial_number",
            "same_serial",
            "the new machine's serial number is the old one's",
        );
    }
    let since = eligible_since.map(|t| t.with_timezone(&zone).date_naive());
    if replaced_on > today || since.is_some_and(|d| replaced_on < d) {
        v.error(
            "replaced_on",
            "out_of_range",
            "the replacement day lies between the repair deadline and today",
        );
    }
    v.finish()?;
    // The period's length runs from its current start: the sale, or an
    // earlier replacement that restarted it.
    let start = m.replaced_on.or(m.sale_date);
    let warranty_end = restarted_warranty_end(start, m.warranty_end, replaced_on);
    let data = json!({
        "old_serial": m.serial_number,
        "new_serial": new_serial,
        "replaced_on": replaced_on,
        "previous_warranty_end": m.warranty_end,
        "warranty_end": warranty_end,
        "eligible_since": eligible_since,
        "note": note,
    });
    let mut on_machine = data.clone();
    on_machine["request"] = json!(r.number);
    let mut request = r.clone();
    request.status = RequestStatus::Completed;
    request.completed_at = Some(ctx.now);
    let work_order = case
        .work_order
        .as_ref()
        .filter(|w| w.status.is_open())
        .map(|w| {
            let mut w = w.clone();
            w.status = WorkOrderStatus::Cancelled;
            w.close_reason = Some(REPLACED.into());
            w
        });
    let follow_up = FollowUp::after(r.id, ctx, sla, calendar);
    let mut d = Decision::recording(r.id, AuditAction::MachineReplaced, data)
        .with_request(request)
        .with_work_order(work_order)
        .creating(NewRecord::FollowUp(follow_up));
    d.events.push(Event {
        action: AuditAction::MachineReplaced,
        record: RecordKind::Machine,
        record_id: m.id,
        data: on_machine,
    });
    d.replacement = Some(Replacement {
        machine_id: m.id,
        version: m.version,
        old_serial: m.serial_number.clone(),
        new_serial: new_serial.clone(),
        replaced_on,
        warranty_end,
    });
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::decide::available::available_commands;
    use crate::service::decide::fixtures::*;
    use crate::service::replacement::ChoiceGround;
    use chrono::{Duration, NaiveDate};
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Eligible since two days before the fixtures' now (2026-07-01 09:00 UTC).
    fn eligible() -> Option<CustomerChoice> {
        Some(CustomerChoice {
            eligible_since: now() - Duration::days(2),
            ground: ChoiceGround::RepairOverdue,
        })
    }

    fn machine() -> Machine {
        Machine {
            id: Uuid::from_u128(900),
            serial_number: "4LZ8M-2025-00417".into(),
            sale_date: Some(d(2025, 9, 1)),
            warranty_end: Some(d(2026, 9, 1)),
            replaced_on: None,
            version: 4,
        }
    }

    fn replace(serial: &str, on: NaiveDate) -> CustomerChoiceRequest {
        CustomerChoiceRequest {
            choice: ChoiceKind::Replace,
            new_serial_number: Some(serial.into()),
            replaced_on: Some(on),
            note: Some(" 客户要求换新机 ".into()),
        }
    }

    fn continuing() -> CustomerChoiceRequest {
        CustomerChoiceRequest {
            choice: ChoiceKind::ContinueRepair,
            new_serial_number: None,
            replaced_on: None,
            note: None,
        }
    }

    fn decide(
        case: &Case,
        input: &CustomerChoiceRequest,
        choice: Option<CustomerChoice>,
    ) -> Result<Decision, DomainError> {
        let sup = supervisor();
        let m = machine();
        record_customer_choice(
            case,
            &ctx(&sup),
            input,
            choice,
            Some(&m),
            &sla(),
            &calendar(),
        )
    }

    #[test]
    fn the_choice_is_offered_to_the_desk_only_while_the_customer_has_it() {
        let mut case = on_site_case();
        let mut view_state = case.state();
        assert!(
            !available_commands(&agent(), RecordKind::ServiceRequest, &view_state)
                .contains(&Command::RecordCustomerChoice)
        );
        view_state.customer_choice = true;
        for actor in [agent(), supervisor()] {
            assert!(
                available_commands(&actor, RecordKind::ServiceRequest, &view_state)
                    .contains(&Command::RecordCustomerChoice)
            );
        }
        assert!(
            available_commands(&engineer(), RecordKind::ServiceRequest, &view_state).is_empty()
        );
        // Finished requests offer nothing, whatever the clock says.
        case.request.status = RequestStatus::Completed;
        let done = State {
            customer_choice: true,
            ..case.state()
        };
        assert!(
            !available_commands(&supervisor(), RecordKind::ServiceRequest, &done)
                .contains(&Command::RecordCustomerChoice)
        );
    }

    #[test]
    fn without_the_right_to_choose_the_command_is_refused() {
        let err = decide(&on_site_case(), &continuing(), None).unwrap_err();
        assert_eq!(err, DomainError::NoCustomerChoice);
        assert_eq!(err.code(), "no_customer_choice");
    }

    #[test]
    fn continuing_the_repair_is_recorded_and_changes_nothing() {
        let out = decide(&on_site_case(), &continuing(), eligible()).unwrap();
        assert_eq!(out.request, None);
        assert_eq!(out.work_order, None);
        assert_eq!(out.replacement, None);
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].action, AuditAction::RepairContinued);
        assert_eq!(
            out.events[0].data["eligible_since"],
            json!(now() - Duration::days(2))
        );
    }

    #[test]
    fn a_replacement_completes_the_request_and_restarts_the_machines_warranty() {
        let out = decide(
            &on_site_case(),
            &replace("4LZ8M-2026-00999", d(2026, 7, 1)),
            eligible(),
        )
        .unwrap();
        let r = out.request.as_ref().unwrap();
        assert_eq!(r.status, RequestStatus::Completed);
        assert_eq!(r.completed_at, Some(now()));
        assert_eq!(r.repaired_at, None);
        let w = out.work_order.as_ref().unwrap();
        assert_eq!(w.status, WorkOrderStatus::Cancelled);
        assert_eq!(w.close_reason.as_deref(), Some(REPLACED));
        assert!(matches!(&out.create[..], [NewRecord::FollowUp(_)]));
        assert_eq!(
            out.replacement,
            Some(Replacement {
                machine_id: Uuid::from_u128(900),
                version: 4,
                old_serial: "4LZ8M-2025-00417".into(),
                new_serial: "4LZ8M-2026-00999".into(),
                replaced_on: d(2026, 7, 1),
                warranty_end: Some(d(2027, 7, 1)),
            })
        );
        let kinds: Vec<_> = out.events.iter().map(|e| (e.action, e.record)).collect();
        assert_eq!(
            kinds,
            vec![
                (AuditAction::MachineReplaced, RecordKind::ServiceRequest),
                (AuditAction::MachineReplaced, RecordKind::Machine),
            ]
        );
        assert_eq!(out.events[1].data["old_serial"], "4LZ8M-2025-00417");
        assert_eq!(out.events[1].data["new_serial"], "4LZ8M-2026-00999");
        assert_eq!(out.events[1].data["request"], "SR-2026-000001");
        assert_eq!(out.events[0].data["warranty_end"], "2027-07-01");
        assert_eq!(out.events[0].data["note"], "客户要求换新机");
    }

    #[test]
    fn a_second_replacement_keeps_the_length_of_the_period_not_the_time_since_the_sale() {
        let sup = supervisor();
        // Sold 2025-09-01 for a year, replaced 2026-03-01 (restarted to 2027-03-01).
        let earlier = Machine {
            replaced_on: Some(d(2026, 3, 1)),
            warranty_end: Some(d(2027, 3, 1)),
            ..machine()
        };
        let out = record_customer_choice(
            &on_site_case(),
            &ctx(&sup),
            &replace("NEW-2", d(2026, 7, 1)),
            eligible(),
            Some(&earlier),
            &sla(),
            &calendar(),
        )
        .unwrap();
        assert_eq!(out.replacement.unwrap().warranty_end, Some(d(2027, 7, 1)));
    }

    #[test]
    fn a_new_request_never_visited_may_be_replaced_too() {
        let out = decide(
            &new_case(),
            &replace("4LZ8M-2026-00999", d(2026, 6, 30)),
            eligible(),
        )
        .unwrap();
        assert_eq!(out.request.unwrap().status, RequestStatus::Completed);
        assert_eq!(out.work_order, None);
    }

    #[test]
    fn the_replacement_day_lies_between_the_deadline_and_today() {
        // Eligible since 2026-06-29 17:00 Beijing; today is 2026-07-01 there.
        for (day, ok) in [
            (d(2026, 6, 28), false),
            (d(2026, 6, 29), true),
            (d(2026, 7, 1), true),
            (d(2026, 7, 2), false),
        ] {
            let got = decide(&on_site_case(), &replace("NEW-1", day), eligible());
            match got {
                Ok(_) => assert!(ok, "{day}"),
                Err(DomainError::Validation(e)) => {
                    assert!(!ok, "{day}");
                    assert_eq!(e.fields(), vec!["replaced_on"]);
                }
                Err(other) => panic!("{day}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_replacement_needs_a_registered_machine_and_a_new_serial() {
        let same = decide(
            &on_site_case(),
            &replace("4LZ8M-2025-00417", d(2026, 7, 1)),
            eligible(),
        );
        match same.unwrap_err() {
            DomainError::Validation(e) => assert_eq!(e.0[0].code, "same_serial"),
            other => panic!("{other:?}"),
        }
        let sup = supervisor();
        let none = record_customer_choice(
            &on_site_case(),
            &ctx(&sup),
            &replace("NEW-1", d(2026, 7, 1)),
            eligible(),
            None,
            &sla(),
            &calendar(),
        );
        match none.unwrap_err() {
            DomainError::Validation(e) => assert_eq!(e.0[0].code, "no_machine"),
            other => panic!("{other:?}"),
        }
    }
}
