use crate::helpers::{admin, create_user, fresh_store, new_user};
use furrow_domain::Role;
use furrow_store::sessions::{self, AuthError};
use furrow_store::users;
use std::net::IpAddr;

/// The address the tests' users sign in from.
const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)));

#[tokio::test]
async fn refresh_rotates_and_the_old_token_stops_working() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("qian", &[Role::Agent]))
        .await
        .unwrap();
    let first = sessions::login(&store, "qian", "a-good-password", HOME)
        .await
        .unwrap()
        .refresh_token;
    let second = sessions::refresh(&store, &first)
        .await
        .unwrap()
        .refresh_token;
    assert_ne!(first, second);
    assert!(matches!(
        sessions::refresh(&store, &first).await,
        Err(AuthError::InvalidRefreshToken)
    ));
    // Replaying a rotated token ended the whole session, the newest token too.
    assert!(matches!(
        sessions::refresh(&store, &second).await,
        Err(AuthError::InvalidRefreshToken)
    ));
}

#[tokio::test]
async fn logout_revokes_the_session_and_is_idempotent() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("zhou", &[Role::Agent]))
        .await
        .unwrap();
    let token = sessions::login(&store, "zhou", "a-good-password", HOME)
        .await
        .unwrap()
        .refresh_token;
    sessions::logout(&store, &token).await.unwrap();
    sessions::logout(&store, &token).await.unwrap();
    assert!(matches!(
        sessions::refresh(&store, &token).await,
        Err(AuthError::InvalidRefreshToken)
    ));
}

#[tokio::test]
async fn five_failures_throttle_the_account_even_for_the_right_password() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("wuhao", &[Role::Agent]))
        .await
        .unwrap();
    for _ in 0..5 {
        assert!(matches!(
            sessions::login(&store, "wuhao", "wrong-password", HOME).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    match sessions::login(&store, "wuhao", "a-good-password", HOME).await {
        Err(AuthError::Throttled { retry_after_secs }) => {
            assert!((1..=30).contains(&retry_after_secs))
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    // Other accounts are not affected.
    users::create(&store, None, &new_user("zheng", &[Role::Agent]))
        .await
        .unwrap();
    assert!(
        sessions::login(&store, "zheng", "a-good-password", HOME)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn unknown_usernames_are_throttled_like_real_ones() {
    let store = fresh_store().await;
    for _ in 0..5 {
        assert!(matches!(
            sessions::login(&store, "ghost", "x-password", HOME).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    assert!(matches!(
        sessions::login(&store, "ghost", "x-password", HOME).await,
        Err(AuthError::Throttled { .. })
    ));
}

#[tokio::test]
async fn a_success_clears_the_failure_count() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("feng", &[Role::Agent]))
        .await
        .unwrap();
    for _ in 0..4 {
        let _ = sessions::login(&store, "feng", "wrong-password", HOME).await;
    }
    sessions::login(&store, "feng", "a-good-password", HOME)
        .await
        .unwrap();
    for _ in 0..4 {
        let _ = sessions::login(&store, "feng", "wrong-password", HOME).await;
    }
    assert!(
        sessions::login(&store, "feng", "a-good-password", HOME)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn deactivation_revokes_refresh_tokens_and_blocks_sign_in() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "chen", &[Role::Agent]).await;
    let token = sessions::login(&store, "chen", "a-good-password", HOME)
        .await
        .unwrap()
        .refresh_token;
    users::set_active(&store, &root, u.id, None, false)
        .await
        .unwrap();
    assert!(matches!(
        sessions::refresh(&store, &token).await,
        Err(AuthError::InvalidRefreshToken)
    ));
    assert!(matches!(
        sessions::login(&store, "chen", "a-good-password", HOME).await,
        Err(AuthError::Deactivated)
    ));
}

fn addr(last: u8) -> Option<IpAddr> {
    Some(IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, last)))
}

/// Every throttle row: (scope, key length).
async fn throttle_rows(store: &furrow_store::Store) -> Vec<(String, usize)> {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Alias, Query};
    let mut q = Query::select();
    q.columns([Alias::new("scope"), Alias::new("key")])
        .from(Alias::new("login_throttles"));
    let conn = store.conn();
    conn.query_all(conn.get_database_backend().build(&q))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let scope: String = r.try_get("", "scope").unwrap();
            let key: String = r.try_get("", "key").unwrap();
            (scope, key.len())
        })
        .collect()
}

#[tokio::test]
async fn an_overlong_username_or_password_is_wrong_credentials_and_gets_no_row() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("luyao", &[Role::Agent]))
        .await
        .unwrap();
    let huge = "x".repeat(1 << 20);
    for _ in 0..3 {
        assert!(matches!(
            sessions::login(&store, &huge, "a-good-password", HOME).await,
            Err(AuthError::InvalidCredentials)
        ));
        assert!(matches!(
            sessions::login(&store, "luyao", &huge, HOME).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    let mut rows = throttle_rows(&store).await;
    rows.sort();
    // The address and the server-wide count only: no row keyed by the
    // megabyte (an attempt that cannot match is no guess at the name either),
    // and every key the same small size.
    let scopes: Vec<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(scopes, vec!["address", "global"]);
    assert!(rows.iter().all(|(_, len)| *len == 64), "{rows:?}");
    // A 65-character name is refused the same way.
    assert!(matches!(
        sessions::login(&store, &"y".repeat(65), "a-good-password", HOME).await,
        Err(AuthError::InvalidCredentials)
    ));
    assert_eq!(throttle_rows(&store).await.len(), 2);
}

#[tokio::test]
async fn spraying_many_names_from_one_address_is_throttled_but_not_the_accounts() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("tang", &[Role::Agent]))
        .await
        .unwrap();
    let sprayer = addr(66);
    let free = furrow_domain::auth::FREE_ADDRESS_FAILURES;
    for i in 0..free {
        assert!(matches!(
            sessions::login(&store, &format!("name{i}"), "guess-password", sprayer).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    assert!(matches!(
        sessions::login(&store, "another-name", "guess-password", sprayer).await,
        Err(AuthError::Throttled { .. })
    ));
    // The real user signs in from elsewhere.
    assert!(
        sessions::login(&store, "tang", "a-good-password", HOME)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_server_wide_ceiling_stops_a_spread_spray_but_not_users_at_their_usual_address() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("lin", &[Role::Agent]))
        .await
        .unwrap();
    sessions::login(&store, "lin", "a-good-password", HOME)
        .await
        .unwrap();
    let limits = furrow_domain::auth::LoginLimits {
        global_failures_per_window: 5,
        ..Default::default()
    };
    for i in 0..5 {
        let r = sessions::login_with(&store, &format!("n{i}"), "guess-pw", addr(i), &limits).await;
        assert!(matches!(r, Err(AuthError::InvalidCredentials)));
    }
    // A new address is refused, even with the right password...
    match sessions::login_with(&store, "lin", "a-good-password", addr(200), &limits).await {
        Err(AuthError::Throttled { retry_after_secs }) => {
            assert!((1..=60).contains(&retry_after_secs))
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    // ...but the user's usual address is not.
    assert!(
        sessions::login_with(&store, "lin", "a-good-password", HOME, &limits)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_locked_name_gets_in_from_its_usual_address_and_anywhere_after_an_unlock() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "hexin", &[Role::Agent]).await;
    sessions::login(&store, "hexin", "a-good-password", HOME)
        .await
        .unwrap();
    for _ in 0..5 {
        let _ = sessions::login(&store, "hexin", "guess-password", addr(9)).await;
    }
    for from in [addr(9), addr(10)] {
        assert!(matches!(
            sessions::login(&store, "hexin", "a-good-password", from).await,
            Err(AuthError::Throttled { .. })
        ));
    }
    assert!(
        sessions::login(&store, "hexin", "a-good-password", HOME)
            .await
            .is_ok()
    );
    // A success at home cleared the name's count; lock it again, then unlock.
    for _ in 0..5 {
        let _ = sessions::login(&store, "hexin", "guess-password", addr(9)).await;
    }
    assert!(matches!(
        sessions::login(&store, "hexin", "a-good-password", addr(10)).await,
        Err(AuthError::Throttled { .. })
    ));
    sessions::unlock(&store, &root, u.id).await.unwrap();
    assert!(
        sessions::login(&store, "hexin", "a-good-password", addr(10))
            .await
            .is_ok()
    );
    let events = furrow_store::audit::history(store.conn(), "user", u.id, 10)
        .await
        .unwrap();
    assert_eq!(events.last().unwrap().action, "sign_in_unlocked");
}

#[tokio::test]
async fn stale_throttle_rows_are_pruned_and_an_old_count_starts_again() {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Alias, Query};
    let store = fresh_store().await;
    users::create(&store, None, &new_user("mali", &[Role::Agent]))
        .await
        .unwrap();
    for i in 0..5 {
        let _ = sessions::login(&store, &format!("ghost{i}"), "guess-pw", addr(1)).await;
        let _ = sessions::login(&store, "mali", "guess-password", addr(2)).await;
    }
    assert_eq!(throttle_rows(&store).await.len(), 5 + 1 + 2 + 1);
    // Two hours pass.
    let two_hours_ago = chrono::Utc::now() - chrono::Duration::hours(2);
    let mut q = Query::update();
    q.table(Alias::new("login_throttles")).values([
        (Alias::new("last_failure_at"), two_hours_ago.into()),
        (Alias::new("first_failure_at"), two_hours_ago.into()),
    ]);
    let conn = store.conn();
    conn.execute(conn.get_database_backend().build(&q))
        .await
        .unwrap();
    // The next failure prunes everything stale; "mali" starts counting again
    // from one, so it is not locked.
    let _ = sessions::login(&store, "mali", "guess-password", addr(2)).await;
    let mut rows = throttle_rows(&store).await;
    rows.sort();
    let scopes: Vec<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(scopes, vec!["address", "global", "username"]);
    assert!(
        sessions::login(&store, "mali", "a-good-password", addr(2))
            .await
            .is_ok()
    );
}

/// Polls `principal` until it answers `None`: a change made through another
/// server reaches this one's cache within its 2 s.
async fn until_ended(store: &furrow_store::Store, user: uuid::Uuid, sid: uuid::Uuid) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while sessions::principal(store, user, sid)
        .await
        .unwrap()
        .is_some()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the session still works 5 s after it ended"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_session_ends_with_logout_replay_password_change_and_deactivation() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "yang", &[Role::Agent]).await;
    let login = || sessions::login(&store, "yang", "a-good-password", HOME);
    let live = |sid| sessions::principal(&store, u.id, sid);

    // Logout ends that session only.
    let (a, b) = (login().await.unwrap(), login().await.unwrap());
    assert!(live(a.session_id).await.unwrap().is_some());
    assert!(
        sessions::principal(&store, root.user_id, a.session_id)
            .await
            .unwrap()
            .is_none(),
        "a session is good for its own user only"
    );
    sessions::logout(&store, &a.refresh_token).await.unwrap();
    assert!(live(a.session_id).await.unwrap().is_none());
    assert!(live(b.session_id).await.unwrap().is_some());

    // A refresh keeps the session; replaying the old token ends it.
    let b2 = sessions::refresh(&store, &b.refresh_token).await.unwrap();
    assert_eq!(b2.session_id, b.session_id);
    assert!(live(b.session_id).await.unwrap().is_some());
    let _ = sessions::refresh(&store, &b.refresh_token).await;
    assert!(live(b.session_id).await.unwrap().is_none());

    // A password change (own or admin's) ends every session.
    let c = login().await.unwrap();
    users::set_password(&store, &root, u.id, "orchard-lantern-42")
        .await
        .unwrap();
    assert!(live(c.session_id).await.unwrap().is_none());

    // Deactivation ends it for good: reactivating does not bring it back.
    let d = sessions::login(&store, "yang", "orchard-lantern-42", HOME)
        .await
        .unwrap();
    assert!(live(d.session_id).await.unwrap().is_some());
    users::set_active(&store, &root, u.id, None, false)
        .await
        .unwrap();
    users::set_active(&store, &root, u.id, None, true)
        .await
        .unwrap();
    assert!(live(d.session_id).await.unwrap().is_none());
}

#[tokio::test]
async fn a_logout_on_another_server_ends_the_session_within_the_cache_window() {
    let db = furrow_store::testing::fresh_database().await;
    let here = furrow_store::Store::connect(&db.url).await.unwrap();
    here.migrate().await.unwrap();
    let there = furrow_store::Store::connect(&db.url).await.unwrap();
    let u = users::create(&here, None, &new_user("xuan", &[Role::Agent]))
        .await
        .unwrap();
    let s = sessions::login(&here, "xuan", "a-good-password", HOME)
        .await
        .unwrap();
    assert!(
        sessions::principal(&here, u.id, s.session_id)
            .await
            .unwrap()
            .is_some()
    );
    sessions::logout(&there, &s.refresh_token).await.unwrap();
    until_ended(&here, u.id, s.session_id).await;
}
