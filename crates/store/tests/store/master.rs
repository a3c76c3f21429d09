use crate::helpers::{admin, fresh_store};
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::master::{CustomerFilters, CustomerInput, CustomerKind};
use furrow_store::customers::{self, Customers};
use furrow_store::record_kit;
use furrow_store::testing::Fixture;
use furrow_store::{Listing, StoreError};

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
    let c = record_kit::create::<Customers>(&store, &root, &input("周口丰收农机合作社"))
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
    let a = record_kit::create::<Customers>(&store, &root, &input("上蔡县金穗农业发展有限公司"))
        .await
        .unwrap();
    let mut latin = input("Green Valley Farm");
    latin.phone = "0371-65550000".into();
    let b = record_kit::create::<Customers>(&store, &root, &latin)
        .await
        .unwrap();
    assert_ne!(a.code, b.code);
    let hit = |q: &str| {
        let store = store.clone();
        let root = root.clone();
        let q = q.to_owned();
        async move {
            record_kit::list::<Customers>(
                &store,
                &root,
                &Listing::of(CustomerFilters {
                    q: Some(q),
                    ..Default::default()
                }),
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
    let fx = Fixture::new(&store).await;
    let root = fx.admin().clone();
    let (mine, theirs) = (fx.dealer().create().await.id, fx.dealer().create().await.id);
    for dealer in [mine, theirs, mine] {
        fx.customer().dealer(dealer).create().await;
    }
    fx.customer().create().await;
    let page = record_kit::list::<Customers>(
        &store,
        &root,
        &Listing {
            limit: Some(200),
            ..Default::default()
        },
    )
    .await
    .unwrap();
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
        record_kit::set_active::<Customers>(&store, &dealer, foreign.id, None, false).await,
        Err(StoreError::NotFound)
    ));
    let own = record_kit::list::<Customers>(
        &store,
        &dealer,
        &Listing {
            limit: Some(200),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        own.items.len(),
        2,
        "the dealer's two customers, no one else's"
    );
    assert!(own.items.iter().all(|c| c.dealer_id == Some(mine)));
}

fn dealer_input(code: &str) -> furrow_domain::dealers::DealerInput {
    furrow_domain::dealers::DealerInput {
        code: code.into(),
        name: format!("经销商 {code}"),
        region: "黑龙江".into(),
        contact_name: None,
        contact_phone: None,
        address: None,
    }
}

#[tokio::test]
async fn the_kit_pages_records_by_their_key_and_scopes_them_to_a_dealer() {
    use furrow_store::dealers::{self, Dealers};
    let store = fresh_store().await;
    let root = admin(&store).await;
    let mut made = Vec::new();
    for code in ["D-03", "D-01", "D-02"] {
        made.push(
            dealers::create(&store, &root, &dealer_input(code))
                .await
                .unwrap(),
        );
    }
    let first = dealers::list(&store, &root, None, Some(2)).await.unwrap();
    let cursor = first.next_cursor.clone().expect("a second page");
    let second = dealers::list(&store, &root, Some(&cursor), Some(2))
        .await
        .unwrap();
    let codes: Vec<_> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["D-01", "D-02", "D-03"]);
    assert_eq!(second.next_cursor, None);

    let own = made[0].id;
    let dealer = Actor {
        user_id: root.user_id,
        username: "d".into(),
        roles: vec![Role::Dealer],
        dealer_id: Some(own),
    };
    let seen = dealers::list(&store, &dealer, None, None).await.unwrap();
    assert_eq!(seen.items.iter().map(|d| d.id).collect::<Vec<_>>(), [own]);
    assert!(matches!(
        record_kit::get::<Dealers>(&store, &dealer, made[1].id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        record_kit::get::<Dealers>(&store, &dealer, own)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_switch_checks_the_version_and_asking_for_the_current_state_changes_nothing() {
    use furrow_domain::master::ProductModelFilters;
    use furrow_domain::master::{MachineCategory, ProductModelInput};
    use furrow_store::product_models::ProductModels;
    let store = fresh_store().await;
    let root = admin(&store).await;
    let model = |code: &str| ProductModelInput {
        code: code.into(),
        name: format!("收割机 {code}"),
        category: MachineCategory::Other,
        params: vec![],
        warranty_months: 12,
    };
    let a = record_kit::create::<ProductModels>(&store, &root, &model("4LZ-1"))
        .await
        .unwrap();
    let b = record_kit::create::<ProductModels>(&store, &root, &model("4LZ-2"))
        .await
        .unwrap();
    assert!(matches!(
        record_kit::set_active::<ProductModels>(&store, &root, a.id, Some(a.version + 1), false)
            .await,
        Err(StoreError::StaleVersion { .. })
    ));
    let off = record_kit::set_active::<ProductModels>(&store, &root, a.id, Some(1), false)
        .await
        .unwrap();
    assert_eq!((off.active, off.version), (false, 2));
    let again = record_kit::set_active::<ProductModels>(&store, &root, a.id, None, false)
        .await
        .unwrap();
    assert_eq!((again.active, again.version), (false, 2));

    // In sync order the latest change comes last.
    let since = Listing::of(ProductModelFilters {
        updated_since: Some(b.created_at - chrono::Duration::days(1)),
        ..Default::default()
    });
    let page = record_kit::list::<ProductModels>(&store, &root, &since)
        .await
        .unwrap();
    let ids: Vec<_> = page.items.iter().map(|m| m.id).collect();
    assert_eq!(ids, [b.id, a.id]);
}
