use crate::helpers::{admin, fresh_store};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::master::{CustomerInput, CustomerKind};
use furrow_store::StoreError;
use furrow_store::customers::{self, CustomerFilter};

fn input(name: &str) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        kind: Some(CustomerKind::Cooperative),
        phone: "13800001111".into(),
        province: "河南".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn of_two_concurrent_edits_of_one_version_exactly_one_lands() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let c = customers::create(&store, &root, &input("周口丰收农机合作社"))
        .await
        .unwrap();
    let (first, second) = (input("改名甲"), input("改名乙"));
    let (a, b) = tokio::join!(
        customers::update(&store, &root, c.id, Some(c.version), &first),
        customers::update(&store, &root, c.id, Some(c.version), &second),
    );
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(
        outcomes.iter().filter(|ok| **ok).count(),
        1,
        "{a:?} / {b:?}"
    );
    let loser = if a.is_ok() { b } else { a };
    assert!(matches!(loser, Err(StoreError::StaleVersion { .. })));
    let now = customers::get(&store, &root, c.id).await.unwrap();
    assert_eq!(now.version, 2);
}

#[tokio::test]
async fn generated_codes_are_unique_and_search_finds_chinese_and_latin() {
    let store = fresh_store().await;
    let root = admin(&store).await;
    let a = customers::create(&store, &root, &input("上蔡县金穗农业发展有限公司"))
        .await
        .unwrap();
    let mut latin = input("Green Valley Farm");
    latin.phone = "0371-65550000".into();
    let b = customers::create(&store, &root, &latin).await.unwrap();
    assert_ne!(a.code, b.code);
    let hit = |q: &str| {
        let store = store.clone();
        let root = root.clone();
        let q = q.to_owned();
        async move {
            customers::list(
                &store,
                &root,
                &CustomerFilter {
                    q: Some(q),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .items
        }
    };
    assert_eq!(hit("金穗").await[0].id, a.id);
    assert_eq!(hit("valley").await[0].id, b.id);
    assert_eq!(hit("6555").await[0].id, b.id);
    assert!(
        hit("100%").await.is_empty(),
        "wildcards in the query are literal"
    );
}

#[tokio::test]
async fn a_dealer_actor_cannot_read_or_change_another_dealers_customer() {
    let store = fresh_store().await;
    furrow_store::demo::load_if_empty(&store).await.unwrap();
    let root = admin(&store).await;
    let page = customers::list(
        &store,
        &root,
        &CustomerFilter {
            limit: Some(200),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let dealers: Vec<_> = page.items.iter().filter_map(|c| c.dealer_id).collect();
    let (mine, theirs) = (
        dealers[0],
        dealers.iter().copied().find(|d| *d != dealers[0]).unwrap(),
    );
    let dealer = Actor {
        user_id: root.user_id,
        username: "d".into(),
        roles: vec![Role::Dealer],
        dealer_id: Some(mine),
    };
    let foreign = page
        .items
        .iter()
        .find(|c| c.dealer_id == Some(theirs))
        .unwrap();
    assert!(matches!(
        customers::get(&store, &dealer, foreign.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        customers::update(&store, &dealer, foreign.id, None, &input("x")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        customers::set_active(&store, &dealer, foreign.id, None, false).await,
        Err(StoreError::NotFound)
    ));
    let own = customers::list(
        &store,
        &dealer,
        &CustomerFilter {
            limit: Some(200),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!own.items.is_empty() && own.items.iter().all(|c| c.dealer_id == Some(mine)));
}
