//! Busy seasons by region (issue 18, item 14): the defaults give the Central
//! Plains and the northeast their own seasons, a customer's province text is
//! matched on its GB/T 2260 code, and a document stored with region names
//! reads as codes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use furrow_domain::Role;
use furrow_domain::division::resolve;
use furrow_domain::service::CreateServiceRequest;
use furrow_domain::service::calendar::{WorkCalendar, add_working_days};
use furrow_domain::service::sla::SlaSettings;
use furrow_store::clock::Clock;
use furrow_store::service::requests::{self, Intake};
use furrow_store::testing::Fixture;
use furrow_store::{Store, settings};
use serde_json::json;

use crate::helpers::{admin, fresh_store};

/// The request reported for a combine harvester of a customer in `province`:
/// whether in season, and its arrival and repair due times.
async fn report(
    store: &Store,
    fx: &Fixture,
    province: &str,
) -> (bool, Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let agent = fx.user(&[Role::Agent]).actor().await;
    let c = fx.customer().province(province).create().await;
    let m = fx.machine().owner(c.id).create().await;
    let body = CreateServiceRequest {
        machine_stopped: true,
        ..CreateServiceRequest::onsite_repair(c.id, Some(m.id), "割台不转")
    };
    match requests::intake(store, &agent, &body, None).await.unwrap() {
        Intake::Created(v) => (v.in_season, v.arrival_due, v.repair_due),
        Intake::Replayed(_) => panic!("no key, no replay"),
    }
}

#[tokio::test]
async fn henan_harvests_wheat_in_june_and_heilongjiang_harvests_late_in_october() {
    let sla = SlaSettings::default();
    let working_30 = |at| add_working_days(at, 30, sla.zone(), &WorkCalendar::default());
    // Wednesday 2026-06-10 10:00 in Beijing: 三夏 in 河南, nothing in 黑龙江.
    let june = Utc.with_ymd_and_hms(2026, 6, 10, 2, 0, 0).unwrap();
    // Sunday 2026-10-25 10:00: 河南 has sown its wheat, 黑龙江 still harvests.
    let october = Utc.with_ymd_and_hms(2026, 10, 25, 2, 0, 0).unwrap();
    for (at, henan_in_season) in [(june, true), (october, false)] {
        let store = fresh_store().await.with_clock(Clock::manual(at));
        let fx = Fixture::new(&store).await;
        // In season a harvest-critical machine: half the 24 h arrival, and the
        // stricter 1 day of 三包 until a diagnosis names the part type
        // (provisional); otherwise 30 working days.
        let in_season = (
            true,
            Some(at + Duration::hours(12)),
            Some(at + Duration::days(1)),
        );
        let out_of_season = (false, Some(at + Duration::hours(24)), Some(working_30(at)));
        let (henan, heilongjiang) = if henan_in_season {
            (in_season, out_of_season)
        } else {
            (out_of_season, in_season)
        };
        for province in ["河南省", "河南"] {
            assert_eq!(
                report(&store, &fx, province).await,
                henan,
                "{province} at {at}"
            );
        }
        assert_eq!(
            report(&store, &fx, "黑龙江").await,
            heilongjiang,
            "黑龙江 at {at}"
        );
        // A place no division has gets no regional season.
        assert_eq!(
            report(&store, &fx, "中原").await,
            out_of_season,
            "中原 at {at}"
        );
    }
}

#[tokio::test]
async fn a_document_stored_with_region_names_reads_as_division_codes() {
    let store = fresh_store().await;
    let admin = admin(&store).await;
    settings::put(&store, &admin, Some(0), &SlaSettings::default())
        .await
        .unwrap();
    // As the release before division codes stored it.
    let mut old = serde_json::to_value(SlaSettings::default()).unwrap();
    old["busy_seasons"] = json!([
        {"name": "三夏", "region": "河南省", "categories": [], "start": "05-25", "end": "06-20"},
        {"name": "全国", "region": null, "categories": [], "start": "01-01", "end": "01-02"},
        {"name": "不明", "region": "中原", "categories": [], "start": "05-25", "end": "06-20"}
    ]);
    store
        .execute_unprepared(&format!(
            "UPDATE settings SET value = '{old}' WHERE key = 'sla'"
        ))
        .await
        .unwrap();
    let (sla, version) = settings::get::<SlaSettings>(store.conn()).await.unwrap();
    assert_eq!(version, 1);
    let places: Vec<_> = sla
        .busy_seasons
        .iter()
        .map(|s| (s.division, s.region.as_deref()))
        .collect();
    assert_eq!(
        places,
        vec![(resolve("河南"), None), (None, None), (None, Some("中原"))]
    );
    // The unknown name is kept, covers no site, and must be replaced before saving again.
    let june = Utc.with_ymd_and_hms(2026, 6, 10, 2, 0, 0).unwrap();
    assert!(!sla.busy_seasons[2].covers(resolve("河南")));
    assert!(sla.in_season(june, resolve("河南"), None));
    assert!(!sla.in_season(june, resolve("黑龙江"), None));
    let refused = settings::put(&store, &admin, Some(1), &sla)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, furrow_store::StoreError::Validation(e) if e.0.iter().any(|f| f.field == "busy_seasons[2].region")),
        "{refused:?}"
    );
    // Saved by name, kept as the code.
    let mut by_name = sla.clone();
    by_name.busy_seasons.truncate(2);
    by_name.busy_seasons[1].region = Some("新疆维吾尔自治区".into());
    let (saved, _) = settings::put(&store, &admin, Some(1), &by_name)
        .await
        .unwrap();
    assert_eq!(
        (
            saved.busy_seasons[1].division,
            saved.busy_seasons[1].region.as_deref()
        ),
        (resolve("新疆"), None)
    );
    let stored: serde_json::Value =
        serde_json::to_value(settings::get::<SlaSettings>(store.conn()).await.unwrap().0).unwrap();
    assert_eq!(stored["busy_seasons"][1]["division"], "650000");
}
