use crate::helpers::{admin, create_user, fresh_store, new_user};
use furrow_domain::Role;
use furrow_domain::users::UpdateUserRequest;
use furrow_domain::users::UserFilters;
use furrow_store::Listing;
use furrow_store::users;
use furrow_store::{StoreError, audit};

#[tokio::test]
async fn created_user_is_normalised_listed_and_audited() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "  Li.Na ", &[Role::Agent]).await;
    assert_eq!(u.username, "li.na");
    assert_eq!(u.version, 1);
    assert!(
        u.permissions
            .contains(&furrow_domain::Permission::CreateServiceRequests)
    );
    let page = users::list(
        &store,
        &Listing::of(UserFilters {
            q: Some("LI.N".into()),
            ..Default::default()
        }),
    )
    .await
    .unwrap();
    assert_eq!(page.items.len(), 1);
    let events = audit::history(store.conn(), "user", u.id, 10)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, "created");
    assert_eq!(events[0].actor_name, "root");
}

#[tokio::test]
async fn a_taken_username_is_a_field_error_and_creates_nothing() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("wang", &[Role::Agent]))
        .await
        .unwrap();
    let err = users::create(&store, None, &new_user("WANG", &[Role::Engineer]))
        .await
        .unwrap_err();
    match err {
        StoreError::Validation(v) => assert_eq!(v.0[0].code, "taken"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(users::count(&store).await.unwrap(), 1);
}

#[tokio::test]
async fn list_pages_through_every_user_once_in_order() {
    let store = fresh_store().await;
    for i in 0..7 {
        users::create(
            &store,
            None,
            &new_user(&format!("user{i:02}"), &[Role::Agent]),
        )
        .await
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = users::list(
            &store,
            &Listing {
                limit: Some(3),
                cursor: cursor.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        seen.extend(page.items.iter().map(|u| u.username.clone()));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7).map(|i| format!("user{i:02}")).collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn a_stale_version_is_refused_and_changes_nothing() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "zhao", &[Role::Agent]).await;
    let change = UpdateUserRequest {
        roles: Some(vec![Role::Supervisor]),
        ..Default::default()
    };
    let updated = users::update(&store, &root, u.id, Some(1), &change)
        .await
        .unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(updated.roles, vec![Role::Supervisor]);
    let again = UpdateUserRequest {
        display_name: Some("另一个".into()),
        ..Default::default()
    };
    assert!(matches!(
        users::update(&store, &root, u.id, Some(1), &again).await,
        Err(StoreError::StaleVersion { current: 2 })
    ));
    assert_eq!(
        users::get(&store, u.id).await.unwrap().display_name,
        "zhao 名"
    );
    let events = audit::history(store.conn(), "user", u.id, 10)
        .await
        .unwrap();
    assert_eq!(
        events.last().unwrap().changes["roles"],
        serde_json::json!([["agent"], ["supervisor"]])
    );
}

#[tokio::test]
async fn deactivated_user_is_no_longer_an_actor() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "sun", &[Role::Engineer]).await;
    assert!(users::actor(&store, u.id).await.unwrap().is_some());
    let off = users::set_active(&store, &root, u.id, None, false)
        .await
        .unwrap();
    assert!(!off.active);
    assert!(users::actor(&store, u.id).await.unwrap().is_none());
    assert!(matches!(
        users::set_active(&store, &root, root.user_id, None, false).await,
        Err(StoreError::Forbidden(_))
    ));
}

#[tokio::test]
async fn a_role_change_applies_to_the_next_request_although_the_actor_was_remembered() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "zhao", &[Role::Engineer]).await;
    let (before, _) = users::actor(&store, u.id).await.unwrap().unwrap();
    assert_eq!(before.roles, vec![Role::Engineer]);
    let change = UpdateUserRequest {
        roles: Some(vec![Role::Supervisor]),
        ..Default::default()
    };
    users::update(&store, &root, u.id, None, &change)
        .await
        .unwrap();
    let (after, view) = users::actor(&store, u.id).await.unwrap().unwrap();
    assert_eq!(after.roles, vec![Role::Supervisor]);
    assert_eq!(view.version, 2);
}

#[tokio::test]
async fn dealer_user_needs_an_existing_dealer() {
    let store = fresh_store().await;
    let mut req = new_user("dealer1", &[Role::Dealer]);
    req.dealer_id = Some(uuid::Uuid::now_v7());
    match users::create(&store, None, &req).await.unwrap_err() {
        StoreError::Validation(v) => assert_eq!(v.0[0].field, "dealer_id"),
        other => panic!("expected validation, got {other:?}"),
    }
}

#[tokio::test]
async fn demo_data_loads_once_with_a_dealer_bound_dealer_account() {
    let store = fresh_store().await;
    assert!(
        furrow_store::demo::load_master_if_empty(&store)
            .await
            .unwrap()
    );
    assert!(
        !furrow_store::demo::load_master_if_empty(&store)
            .await
            .unwrap()
    );
    let all = users::list(&store, &Listing::default()).await.unwrap();
    assert_eq!(all.items.len(), furrow_store::demo::DEMO_USERNAMES.len());
    let dealer = all.items.iter().find(|u| u.username == "dealer").unwrap();
    assert_eq!(dealer.roles, vec![Role::Dealer]);
    let actor = users::actor(&store, dealer.id).await.unwrap().unwrap().0;
    let visible = furrow_store::dealers::list(&store, &actor, None, None)
        .await
        .unwrap();
    assert_eq!(visible.items.len(), 1, "a dealer sees only its own dealer");
    assert_eq!(Some(visible.items[0].id), dealer.dealer_id);
    assert_eq!(
        users::demo_accounts_active(&store).await.unwrap().len(),
        furrow_store::demo::DEMO_USERNAMES.len()
    );
}

fn field_code(err: StoreError) -> (String, String) {
    match err {
        StoreError::Validation(v) => (v.0[0].field.clone(), v.0[0].code.clone()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn weak_passwords_are_refused_when_creating_a_user() {
    let store = fresh_store().await;
    for (password, code) in [
        (" ".repeat(12), "blank"),
        ("\0".repeat(12), "control_characters"),
        ("password1234".to_owned(), "common"),
        ("furrow-demo".to_owned(), "demo_password"),
        ("hu.jun-secret-9".to_owned(), "contains_username"),
    ] {
        let mut req = new_user("hu.jun", &[Role::Agent]);
        req.password = password;
        let err = users::create(&store, None, &req).await.unwrap_err();
        assert_eq!(field_code(err), ("password".into(), code.into()));
    }
    assert_eq!(users::count(&store).await.unwrap(), 0);
}

#[tokio::test]
async fn a_reset_follows_the_rules_and_must_change_the_password() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "gao", &[Role::Agent]).await;
    for (password, code) in [
        ("a-good-password", "same_as_current"),
        ("qwertyuiop", "common"),
        ("gao-gao-gao-gao", "contains_username"),
        ("furrow-demo", "demo_password"),
    ] {
        let err = users::set_password(&store, &root, u.id, password)
            .await
            .unwrap_err();
        assert_eq!(field_code(err), ("new_password".into(), code.into()));
    }
    users::set_password(&store, &root, u.id, "orchard-lantern-42")
        .await
        .unwrap();
}

#[tokio::test]
async fn the_demo_accounts_keep_the_published_password_past_the_policy() {
    let store = fresh_store().await;
    assert!(
        furrow_store::demo::load_master_if_empty(&store)
            .await
            .unwrap()
    );
    let s = furrow_store::sessions::login(&store, "admin", furrow_store::demo::DEMO_PASSWORD, None)
        .await
        .unwrap();
    assert_eq!(s.user.username, "admin");
}
