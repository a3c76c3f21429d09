use crate::helpers::{admin, create_user, fresh_store, new_user};
use furrow_domain::Role;
use furrow_store::sessions::{self, AuthError};
use furrow_store::users;

#[tokio::test]
async fn refresh_rotates_and_the_old_token_stops_working() {
    let store = fresh_store().await;
    users::create(&store, None, &new_user("qian", &[Role::Agent]))
        .await
        .unwrap();
    let (_, first) = sessions::login(&store, "qian", "a-good-password")
        .await
        .unwrap();
    let (_, second) = sessions::refresh(&store, &first).await.unwrap();
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
    let (_, token) = sessions::login(&store, "zhou", "a-good-password")
        .await
        .unwrap();
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
            sessions::login(&store, "wuhao", "wrong-password").await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    match sessions::login(&store, "wuhao", "a-good-password").await {
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
        sessions::login(&store, "zheng", "a-good-password")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn unknown_usernames_are_throttled_like_real_ones() {
    let store = fresh_store().await;
    for _ in 0..5 {
        assert!(matches!(
            sessions::login(&store, "ghost", "x-password").await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    assert!(matches!(
        sessions::login(&store, "ghost", "x-password").await,
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
        let _ = sessions::login(&store, "feng", "wrong-password").await;
    }
    sessions::login(&store, "feng", "a-good-password")
        .await
        .unwrap();
    for _ in 0..4 {
        let _ = sessions::login(&store, "feng", "wrong-password").await;
    }
    assert!(
        sessions::login(&store, "feng", "a-good-password")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn deactivation_revokes_refresh_tokens_and_blocks_sign_in() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let u = create_user(&store, &root, "chen", &[Role::Agent]).await;
    let (_, token) = sessions::login(&store, "chen", "a-good-password")
        .await
        .unwrap();
    users::set_active(&store, &root, u.id, None, false)
        .await
        .unwrap();
    assert!(matches!(
        sessions::refresh(&store, &token).await,
        Err(AuthError::InvalidRefreshToken)
    ));
    assert!(matches!(
        sessions::login(&store, "chen", "a-good-password").await,
        Err(AuthError::Deactivated)
    ));
}
