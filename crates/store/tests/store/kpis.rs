//! The monthly KPIs on a hand-built October: every record made through the
//! real commands on a manual clock, with the four rates known in advance —
//! late and never-arrived visits, a reassignment and a cancellation left
//! out, a repeat request within and one after 30 days, a failed inspection,
//! a follow-up closed unreachable — and the records behind each figure.

use chrono::{DateTime, Duration, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::kpi::{Kpi, KpiPart, KpiRecordFilters, KpiReport, RateView, SubjectFigures};
use furrow_domain::master::MachineView;
use furrow_domain::service::follow_up::{
    ContactMethod, FollowUpAttemptRequest, FollowUpCloseRequest, FollowUpOutcomeRequest,
};
use furrow_domain::service::*;
use furrow_store::clock::Clock;
use furrow_store::error::StoreError;
use furrow_store::service::requests::{self, Intake};
use furrow_store::service::{desk, follow_ups, reports, signoff, work_orders};
use furrow_store::testing::Fixture;
use furrow_store::{Listing, Store, kpis};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::helpers::fresh_store;

struct World {
    store: Store,
    clock: Clock,
    fx: Fixture,
    dealer: Uuid,
    agent: Actor,
    supervisor: Actor,
    /// Engineers A and B.
    a: Actor,
    b: Actor,
}

/// `day` October 2026 at `hour`:00 UTC (the company is on UTC+8, so every
/// time here is in October there too).
fn oct(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, hour, 0, 0).unwrap()
}

impl World {
    async fn new() -> World {
        let clock = Clock::manual(oct(1, 0));
        let store = fresh_store().await.with_clock(clock.clone());
        let fx = Fixture::new(&store).await;
        let dealer = fx.dealer().create().await.id;
        let agent = fx.user(&[Role::Agent]).actor().await;
        let supervisor = fx.user(&[Role::Supervisor]).actor().await;
        let a = fx.engineer().username("eng-a").create().await.user_id;
        let b = fx.engineer().username("eng-b").create().await.user_id;
        let (a, b) = (fx.actor_of(a).await, fx.actor_of(b).await);
        World {
            store,
            clock,
            fx,
            dealer,
            agent,
            supervisor,
            a,
            b,
        }
    }

    async fn machine(&self) -> MachineView {
        self.fx.machine().dealer(self.dealer).create().await
    }

    /// A request for a new machine reported at `at` (a repeat of `repeat_of`).
    async fn intake(&self, at: DateTime<Utc>, m: &MachineView, repeat_of: Option<Uuid>) -> Uuid {
        self.clock.set(at);
        let input = CreateServiceRequest {
            priority: Priority::High,
            machine_stopped: true,
            repeat_of,
            ..CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "割台不转")
        };
        match requests::intake(&self.store, &self.agent, &input, None)
            .await
            .unwrap()
        {
            Intake::Created(v) => v.id,
            Intake::Replayed(_) => panic!("a new request"),
        }
    }

    /// A request reported at `at`, dispatched to `engineer` ten minutes
    /// later; its work order and when the engineer is due on site.
    async fn dispatched(&self, at: DateTime<Utc>, engineer: &Actor) -> (Uuid, Uuid, DateTime<Utc>) {
        let m = self.machine().await;
        let request = self.intake(at, &m, None).await;
        self.clock.set(at + Duration::minutes(10));
        let input = DispatchRequest {
            engineer_id: engineer.user_id,
            site_address: None,
            requirements: None,
        };
        let (_, wo) = desk::dispatch(&self.store, &self.supervisor, request, None, &input)
            .await
            .unwrap();
        let due = self.due(wo).await;
        (request, wo, due)
    }

    async fn due(&self, wo: Uuid) -> DateTime<Utc> {
        work_orders::get(&self.store, &self.supervisor, wo)
            .await
            .unwrap()
            .arrival_due
            .expect("an on-site work order has an arrival due")
    }

    async fn arrive(&self, wo: Uuid, engineer: &Actor, at: DateTime<Utc>) {
        self.clock.set(at);
        work_orders::check_in(&self.store, engineer, wo, None)
            .await
            .unwrap();
    }

    /// The report drafted on site and the visit finished an hour after `at`;
    /// the report's id.
    async fn finish(&self, wo: Uuid, engineer: &Actor, at: DateTime<Utc>, passed: bool) -> Uuid {
        self.clock.set(at + Duration::minutes(30));
        let draft = ReportDraft {
            process: "到场检查割台传动".into(),
            cause: "传动皮带断裂".into(),
            measures: "更换皮带并调整张紧".into(),
            further_problems: None,
            proposals: None,
            labour_hours: Decimal::new(15, 1),
            parts: Vec::new(),
            part_type: None,
            fault: Default::default(),
        };
        let report = reports::save_draft(&self.store, engineer, wo, None, &draft)
            .await
            .unwrap()
            .id;
        self.clock.set(at + Duration::hours(1));
        let input = FinishRequest {
            inspection_passed: passed,
            notes: Some("试车".into()),
        };
        work_orders::finish(&self.store, engineer, wo, None, &input)
            .await
            .unwrap();
        report
    }

    /// Submitted, approved and signed two hours after `at`: the request is
    /// completed and its follow-up scheduled.
    async fn sign_off(&self, report: Uuid, engineer: &Actor, at: DateTime<Utc>) {
        self.clock.set(at + Duration::hours(2));
        reports::submit(&self.store, engineer, report, None)
            .await
            .unwrap();
        reports::review(&self.store, &self.supervisor, report, None, true, None)
            .await
            .unwrap();
        let link = signoff::create_link(&self.store, &self.supervisor, report, None)
            .await
            .unwrap();
        let input = SignRequest {
            signer_name: "王大山".into(),
            signature_png: "data:image/png;base64,iVBORw0KGgo=".into(),
        };
        signoff::sign(&self.store, &link.token, &input, b"\x89PNG".to_vec(), None)
            .await
            .unwrap();
    }

    /// A whole visit: dispatched at `at`, on site an hour before due,
    /// finished and signed; the request, its work order and its due time.
    async fn served(&self, at: DateTime<Utc>, engineer: &Actor) -> (Uuid, Uuid) {
        let (request, wo, due) = self.dispatched(at, engineer).await;
        let on_site = due - Duration::hours(1);
        self.arrive(wo, engineer, on_site).await;
        let report = self.finish(wo, engineer, on_site, true).await;
        self.sign_off(report, engineer, on_site).await;
        (request, wo)
    }

    async fn follow_up_of(&self, request: Uuid) -> (Uuid, i32) {
        let f = follow_ups::of_request(&self.store, &self.agent, request)
            .await
            .unwrap();
        assert_eq!(f.len(), 1, "one follow-up per signed request");
        (f[0].id, f[0].version)
    }

    async fn follow_up(&self, request: Uuid, at: DateTime<Utc>, said: Satisfaction) {
        let (id, version) = self.follow_up_of(request).await;
        self.clock.set(at);
        let input = FollowUpOutcomeRequest {
            method: ContactMethod::Phone,
            satisfaction: said,
            machine_running_normally: true,
            comments: None,
            suggestions: None,
        };
        follow_ups::record_outcome(&self.store, &self.agent, id, Some(version), &input)
            .await
            .unwrap();
    }

    async fn unreachable(&self, request: Uuid, at: DateTime<Utc>) {
        let (id, mut version) = self.follow_up_of(request).await;
        for i in 0..3 {
            self.clock.set(at + Duration::hours(i));
            let input = FollowUpAttemptRequest {
                method: ContactMethod::Phone,
                reached: false,
                note: None,
            };
            version =
                follow_ups::record_attempt(&self.store, &self.agent, id, Some(version), &input)
                    .await
                    .unwrap()
                    .version;
        }
        let input = FollowUpCloseRequest { note: None };
        follow_ups::close_unreachable(&self.store, &self.agent, id, Some(version), &input)
            .await
            .unwrap();
    }
}

fn counts(r: &RateView) -> (u64, u64) {
    (r.numerator, r.denominator)
}

fn row<'a>(report: &'a KpiReport, who: &Actor) -> &'a SubjectFigures {
    report
        .engineers
        .iter()
        .find(|e| e.id == Some(who.user_id))
        .unwrap_or_else(|| panic!("no row of {}", who.username))
}

/// The three figures of a row as (numerator, denominator) pairs.
fn three(s: &SubjectFigures) -> [(u64, u64); 3] {
    [
        counts(&s.figures.timeliness),
        counts(&s.figures.success),
        counts(&s.figures.satisfaction),
    ]
}

/// The records behind one side of a figure, every page, as (work order or
/// follow-up id, reason).
async fn behind(
    store: &Store,
    actor: &Actor,
    kpi: Kpi,
    subject: &str,
    part: KpiPart,
) -> Result<Vec<(Uuid, String)>, StoreError> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let listing = Listing {
            cursor,
            limit: Some(2),
            ..Listing::of(KpiRecordFilters {
                month: "2026-10".into(),
                kpi,
                subject: subject.into(),
                part,
            })
        };
        let page = kpis::records(store, actor, &listing).await?;
        out.extend(page.items.iter().map(|r| (r.id, r.reason.clone())));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return Ok(out),
        }
    }
}

#[tokio::test]
async fn a_hand_built_october_gives_the_rates_known_in_advance() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);

    // A: on time, served, very satisfied.
    let (r1, wo1) = w.served(oct(2, 1), a).await;
    w.follow_up(r1, oct(10, 2), Satisfaction::VerySatisfied)
        .await;
    // A: an hour late, served, neutral; the same fault reported again ten
    // days after the visit (a repeat within 30 days).
    let (r2, wo2, due2) = w.dispatched(oct(3, 1), a).await;
    w.arrive(wo2, a, due2 + Duration::hours(1)).await;
    let rep2 = w.finish(wo2, a, due2 + Duration::hours(1), true).await;
    w.sign_off(rep2, a, due2 + Duration::hours(1)).await;
    w.follow_up(r2, oct(11, 2), Satisfaction::Neutral).await;
    let m2 = w.machine().await;
    w.intake(due2 + Duration::days(10), &m2, Some(r2)).await;
    // A: never arrives.
    let (_, wo3, _) = w.dispatched(oct(20, 1), a).await;
    // A, then reassigned to B, who arrives in time.
    let (_, wo4, due4) = w.dispatched(oct(6, 1), a).await;
    w.clock.set(oct(6, 2));
    let input = ReassignRequest {
        engineer_id: b.user_id,
        reason: "A 临时请假".into(),
        requirements: None,
    };
    let wo4b = work_orders::reassign(&w.store, &w.supervisor, wo4, None, &input)
        .await
        .unwrap();
    let due4b = wo4b.arrival_due.unwrap_or(due4);
    w.arrive(wo4b.id, b, due4b - Duration::minutes(30)).await;
    // B: served, satisfied; a repeat 31 days after the visit does not count.
    let (r5, wo5) = w.served(oct(4, 1), b).await;
    w.follow_up(r5, oct(12, 2), Satisfaction::Satisfied).await;
    let finished5 = work_orders::get(&w.store, b, wo5)
        .await
        .unwrap()
        .finished_at
        .unwrap();
    let m5 = w.machine().await;
    w.intake(finished5 + Duration::days(31), &m5, Some(r5))
        .await;
    // B: served, the customer never reached (counts in no satisfaction figure).
    let (r6, wo6) = w.served(oct(5, 1), b).await;
    w.unreachable(r6, oct(13, 2)).await;
    // B: dispatched, then cancelled (left out).
    let (r7, wo7, _) = w.dispatched(oct(7, 1), b).await;
    w.clock.set(oct(7, 3));
    let reason = ReasonRequest {
        reason: "客户已自行修复".into(),
    };
    desk::cancel(&w.store, &w.agent, r7, None, &reason)
        .await
        .unwrap();
    // B: in time, but the inspection after the repair failed.
    let (_, wo8, due8) = w.dispatched(oct(8, 1), b).await;
    w.arrive(wo8, b, due8 - Duration::hours(2)).await;
    w.finish(wo8, b, due8 - Duration::hours(2), false).await;

    w.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
    let manager = w.fx.user(&[Role::Manager]).actor().await;
    let report = kpis::report(&w.store, &manager, "2026-10").await.unwrap();

    // Timeliness A 1/3 (late, never arrived; the reassigned order left out),
    // B 4/4 (the cancelled order left out). Success A 1/2 (repeat within 30
    // days), B 2/3 (failed inspection; the repeat after 31 days is no
    // failure). Satisfaction A 1/2 (neutral), B 1/1 (unreachable left out).
    assert_eq!(three(row(&report, a)), [(1, 3), (1, 2), (1, 2)]);
    assert_eq!(three(row(&report, b)), [(4, 4), (2, 3), (1, 1)]);
    let company = report.company.as_ref().expect("a manager sees the company");
    assert_eq!(three(company), [(5, 7), (3, 5), (2, 3)]);
    assert_eq!(company.figures.timeliness.rate, Some(71.43));
    assert_eq!(company.figures.success.rate, Some(60.0));
    // Every request is of the one dealer.
    assert_eq!(report.dealers.len(), 1);
    assert_eq!(three(&report.dealers[0]), [(5, 7), (3, 5), (2, 3)]);
    // No stock-take records exist yet: parts accuracy is no data, not 0 or 100%.
    let parts = report.parts_department.as_ref().unwrap();
    assert_eq!(counts(&parts.parts_accuracy), (0, 0));
    assert_eq!((parts.parts_accuracy.rate, parts.grade), (None, None));
    // A: (30·1/3 + 40·1/2 + 30·1/2) / 100 = 45 → unqualified; B: (30 + 40·2/3 + 30) = 86.67 → good.
    assert_eq!(row(&report, a).score, Some(45.0));
    assert_eq!(row(&report, b).score, Some(86.67));
    assert_eq!(
        (row(&report, a).grade, row(&report, b).grade),
        (
            Some(furrow_domain::kpi::Grade::Unqualified),
            Some(furrow_domain::kpi::Grade::Good)
        )
    );

    // The records behind the figures are exactly those.
    let sub_a = format!("engineer:{}", a.user_id);
    let mut t_a = behind(
        &w.store,
        &manager,
        Kpi::Timeliness,
        &sub_a,
        KpiPart::Denominator,
    )
    .await
    .unwrap();
    t_a.sort();
    let mut want = vec![
        (wo1, "on_time".to_owned()),
        (wo2, "late".to_owned()),
        (wo3, "never_arrived".to_owned()),
    ];
    want.sort();
    assert_eq!(t_a, want);
    let on_time_a = behind(
        &w.store,
        &manager,
        Kpi::Timeliness,
        &sub_a,
        KpiPart::Numerator,
    )
    .await
    .unwrap();
    assert_eq!(on_time_a, vec![(wo1, "on_time".to_owned())]);
    let mut failed = behind(
        &w.store,
        &manager,
        Kpi::Success,
        "company",
        KpiPart::Denominator,
    )
    .await
    .unwrap();
    failed.retain(|(_, why)| why != "successful");
    failed.sort();
    let mut want = vec![
        (wo2, "repeat_request".to_owned()),
        (wo8, "inspection_failed".to_owned()),
    ];
    want.sort();
    assert_eq!(failed, want);
    let successes = behind(
        &w.store,
        &manager,
        Kpi::Success,
        "company",
        KpiPart::Numerator,
    )
    .await
    .unwrap();
    let mut ids: Vec<Uuid> = successes.iter().map(|x| x.0).collect();
    ids.sort();
    let mut want = vec![wo1, wo5, wo6];
    want.sort();
    assert_eq!(ids, want);
    let asked_b = behind(
        &w.store,
        &manager,
        Kpi::Satisfaction,
        &format!("engineer:{}", b.user_id),
        KpiPart::Denominator,
    )
    .await
    .unwrap();
    assert_eq!(asked_b.len(), 1);
    assert_eq!(asked_b[0].1, "satisfied");
    for excluded in [wo4, wo7] {
        let all = behind(
            &w.store,
            &manager,
            Kpi::Timeliness,
            "company",
            KpiPart::Denominator,
        )
        .await
        .unwrap();
        assert!(all.iter().all(|(id, _)| *id != excluded));
    }

    // An engineer sees their own figures only; another's answer not found.
    let mine = kpis::report(&w.store, a, "2026-10").await.unwrap();
    assert_eq!(mine.engineers.len(), 1);
    assert_eq!(three(&mine.engineers[0]), [(1, 3), (1, 2), (1, 2)]);
    assert!(mine.company.is_none() && mine.parts_department.is_none() && mine.dealers.is_empty());
    let other = format!("engineer:{}", b.user_id);
    for subject in [other.as_str(), "company"] {
        let e = behind(&w.store, a, Kpi::Timeliness, subject, KpiPart::Denominator).await;
        assert!(matches!(e, Err(StoreError::NotFound)), "{subject}");
    }

    // November had no visit due or finished: no data, not 0%.
    let november = kpis::report(&w.store, &manager, "2026-11").await.unwrap();
    let c = november.company.unwrap();
    assert_eq!(counts(&c.figures.timeliness), (0, 0));
    assert_eq!(c.figures.timeliness.rate, None);
    assert!(november.engineers.is_empty());

    // A bad month changes nothing and names the field.
    match kpis::report(&w.store, &manager, "2026-13").await {
        Err(StoreError::Validation(v)) => assert_eq!(v.fields(), vec!["month"]),
        other => panic!("expected a field error, got {other:?}"),
    }
}
