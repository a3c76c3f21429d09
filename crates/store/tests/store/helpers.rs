use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::users::CreateUserRequest;
use furrow_store::Store;

pub use furrow_store::testing::fresh_store;

pub fn new_user(username: &str, roles: &[Role]) -> CreateUserRequest {
    CreateUserRequest {
        username: username.into(),
        display_name: format!("{username} 名"),
        password: "a-good-password".into(),
        roles: roles.to_vec(),
        dealer_id: None,
        department: None,
        locale: None,
    }
}

/// A user created by `root` with the test password.
pub async fn create_user(
    store: &Store,
    root: &Actor,
    username: &str,
    roles: &[Role],
) -> furrow_domain::users::UserView {
    furrow_store::users::create(store, Some(root), &new_user(username, roles))
        .await
        .unwrap()
}

/// An admin actor backed by a real user row.
pub async fn admin(store: &Store) -> Actor {
    let u = furrow_store::users::create(store, None, &new_user("root", &[Role::Admin]))
        .await
        .unwrap();
    Actor {
        user_id: u.id,
        username: u.username,
        roles: u.roles,
        dealer_id: None,
    }
}

/// A fresh store with the demo data loaded, for tests of what the demo
/// shows; other tests make their records with `furrow_store::testing::Fixture`.
pub async fn demo_store() -> Store {
    let store = fresh_store().await;
    assert!(
        furrow_store::demo::load_master_if_empty(&store)
            .await
            .unwrap()
    );
    store
}

/// The signed-in actor of a demo user, as the server sees it.
pub async fn demo_actor(store: &Store, username: &str) -> Actor {
    let filter = furrow_store::Listing {
        limit: Some(200),
        ..furrow_store::Listing::of(furrow_domain::users::UserFilters {
            q: Some(username.into()),
            ..Default::default()
        })
    };
    let u = furrow_store::users::list(store, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|u| u.username == username)
        .unwrap_or_else(|| panic!("no demo user {username}"));
    furrow_store::users::actor(store, u.id)
        .await
        .unwrap()
        .unwrap()
        .0
}
