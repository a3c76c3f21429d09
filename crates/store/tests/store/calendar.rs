//! The working-day calendar as a setting: its default is in force until saved,
//! a saved calendar moves the next intake's 30-working-day repair clock, and a
//! stored calendar that does not decode is an error naming it.

use chrono::{NaiveDate, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::service::CreateServiceRequest;
use furrow_domain::service::calendar::{CalendarDayKind, WorkCalendar};
use furrow_domain::service::sla::SlaSettings;
use furrow_store::clock::Clock;
use furrow_store::service::requests::{self, Intake};
use furrow_store::testing::Fixture;
use furrow_store::{StoreError, settings};

use crate::helpers::fresh_store;

#[tokio::test]
async fn the_repair_clock_skips_national_day_and_follows_a_saved_calendar() {
    // Wednesday 2026-09-30 10:00 in Beijing, the eve of the National Day holiday.
    let at = Utc.with_ymd_and_hms(2026, 9, 30, 2, 0, 0).unwrap();
    let store = fresh_store().await.with_clock(Clock::manual(at));
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).username("agent").actor().await;
    let m = fx.machine().create().await;
    // No busy season, so the repair clock is the 30 working days whatever the
    // machine's category.
    let sla = SlaSettings {
        busy_seasons: vec![],
        ..SlaSettings::default()
    };
    settings::put(&store, fx.admin(), Some(0), &sla)
        .await
        .unwrap();
    let body = CreateServiceRequest::onsite_repair(m.customer_id, Some(m.id), "液压系统漏油");
    let repair_due = async || match requests::intake(&store, &agent, &body, None).await.unwrap() {
        Intake::Created(v) => v.repair_due,
        Intake::Replayed(_) => panic!("no key, no replay"),
    };

    // Oct 1–7 off, Sat Oct 10 worked: the 30th working day is Tue Nov 17.
    assert_eq!(
        repair_due().await,
        Some(Utc.with_ymd_and_hms(2026, 11, 17, 2, 0, 0).unwrap())
    );

    // An extra holiday on Mon Nov 16 pushes it a day.
    let (mut calendar, version) = settings::get::<WorkCalendar>(store.conn()).await.unwrap();
    assert_eq!(version, 0);
    let nov16 = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    calendar.set_day(nov16, CalendarDayKind::Holiday, "公司假日");
    settings::put(&store, fx.admin(), Some(0), &calendar)
        .await
        .unwrap();
    assert_eq!(
        repair_due().await,
        Some(Utc.with_ymd_and_hms(2026, 11, 18, 2, 0, 0).unwrap())
    );
}

#[tokio::test]
async fn an_invalid_calendar_is_refused_on_its_field() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let mut calendar = WorkCalendar::default();
    // Tuesday: a make-up working day must be a weekend day.
    calendar.years[0].workdays[0].date = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
    match settings::put(&store, fx.admin(), Some(0), &calendar).await {
        Err(StoreError::Validation(e)) => {
            assert_eq!(e.fields(), vec!["years[0].workdays[0].date"], "{e}")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let (kept, version) = settings::get::<WorkCalendar>(store.conn()).await.unwrap();
    assert_eq!((kept, version), (WorkCalendar::default(), 0));
}

#[tokio::test]
async fn a_stored_calendar_that_does_not_decode_is_an_error_naming_it() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    settings::put(&store, fx.admin(), Some(0), &WorkCalendar::default())
        .await
        .unwrap();
    store
        .execute_unprepared(
            r#"UPDATE settings SET value = '{"years": [{"year": 2026, "holidays": [{"date": "10-01"}]}]}' WHERE key = 'calendar'"#,
        )
        .await
        .unwrap();
    match settings::get::<WorkCalendar>(store.conn()).await {
        Err(e @ StoreError::Db(_)) => assert!(e.to_string().contains("`calendar`"), "{e}"),
        other => panic!("expected an error naming the setting, got {other:?}"),
    }
}
