//! Settings documents: defaults until saved, versioned writes, validation, and
//! a stored document that does not decode is an error naming it.

use crate::helpers::{admin, fresh_store};
use furrow_domain::service::sla::SlaSettings;
use furrow_store::{StoreError, settings};

#[tokio::test]
async fn a_setting_never_saved_is_its_defaults_at_version_0() {
    let store = fresh_store().await;
    let (sla, version) = settings::get::<SlaSettings>(store.conn()).await.unwrap();
    assert_eq!((sla, version), (SlaSettings::default(), 0));
    let listed = settings::list(store.conn()).await.unwrap();
    let row = listed
        .iter()
        .find(|s| s.key == "sla")
        .expect("sla is listed");
    assert_eq!((row.version, row.updated_at), (0, None));
}

#[tokio::test]
async fn a_put_bumps_the_version_and_a_stale_version_is_refused() {
    let store = fresh_store().await;
    let admin = admin(&store).await;
    let mut changed = SlaSettings {
        follow_up_days: 10,
        ..SlaSettings::default()
    };
    let (_, v1) = settings::put(&store, &admin, Some(0), &changed)
        .await
        .unwrap();
    assert_eq!(v1, 1);
    // Read through the cache at once: the local change forgot the old copy.
    let (cached, v) = settings::cached::<SlaSettings>(&store).await.unwrap();
    assert_eq!((cached.follow_up_days, v), (10, 1));

    changed.follow_up_days = 12;
    match settings::put(&store, &admin, Some(0), &changed).await {
        Err(StoreError::StaleVersion { current }) => assert_eq!(current, 1),
        other => panic!("expected a stale version, got {other:?}"),
    }
    let (kept, v) = settings::get::<SlaSettings>(store.conn()).await.unwrap();
    assert_eq!((kept.follow_up_days, v), (10, 1));
    let listed = settings::list(store.conn()).await.unwrap();
    let row = listed.iter().find(|s| s.key == "sla").unwrap();
    assert!(row.version == 1 && row.updated_at.is_some(), "{row:?}");
}

#[tokio::test]
async fn an_invalid_document_is_refused_and_nothing_is_kept() {
    let store = fresh_store().await;
    let admin = admin(&store).await;
    let bad = SlaSettings {
        follow_up_days: -1,
        ..SlaSettings::default()
    };
    match settings::put(&store, &admin, None, &bad).await {
        Err(StoreError::Validation(e)) => {
            assert!(e.0.iter().any(|f| f.field == "follow_up_days"), "{e}")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let (_, version) = settings::get::<SlaSettings>(store.conn()).await.unwrap();
    assert_eq!(version, 0);
}

#[tokio::test]
async fn a_stored_document_that_does_not_decode_is_an_error_naming_it() {
    let store = fresh_store().await;
    let admin = admin(&store).await;
    settings::put(&store, &admin, None, &SlaSettings::default())
        .await
        .unwrap();
    // As a newer or broken release might have left it: a field of the wrong type.
    store
        .execute_unprepared(
            r#"UPDATE settings SET value = '{"first_contact_hours": "soon"}' WHERE key = 'sla'"#,
        )
        .await
        .unwrap();
    for result in [
        settings::get::<SlaSettings>(store.conn()).await,
        // The local write above went around the store, so the cache may still
        // hold the good copy for a moment; the uncached wrapper must not.
        settings::sla(store.conn()).await,
    ] {
        match result {
            Err(e @ StoreError::Db(_)) => {
                assert!(e.to_string().contains("`sla`"), "{e}")
            }
            other => panic!("expected an error naming the setting, got {other:?}"),
        }
    }
    // An administrator can still replace it: the broken copy is never decoded.
    let (_, version) = settings::put(&store, &admin, Some(1), &SlaSettings::default())
        .await
        .unwrap();
    assert_eq!(version, 2);
    assert!(settings::get::<SlaSettings>(store.conn()).await.is_ok());
}
