//! What an intake names, read in one statement: each way it can be wrong is
//! reported on its own field, and a dealer sees only its own records.

use furrow_domain::Role;
use furrow_domain::master::MachineCategory;
use furrow_store::error::StoreError;
use furrow_store::service::intake_refs::resolve;
use furrow_store::testing::Fixture;
use uuid::Uuid;

use crate::helpers::fresh_store;

/// The field and code of a refusal.
fn refused<T>(r: Result<T, StoreError>) -> (String, String) {
    match r {
        Err(StoreError::Validation(v)) => (v.0[0].field.clone(), v.0[0].code.clone()),
        Err(e) => panic!("expected a field error, got {e:?}"),
        Ok(_) => panic!("expected a field error, got the records"),
    }
}

#[tokio::test]
async fn the_customer_machine_and_its_model_come_back_together() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).actor().await;
    let model = fx.model().category(MachineCategory::Tractor).create().await;
    let m = fx.machine().model(model.id).create().await;
    // The machine's model wins over one named beside it.
    let r = resolve(
        store.conn(),
        &agent,
        m.customer_id,
        Some(m.id),
        Some(fx.model().create().await.id),
    )
    .await
    .unwrap();
    assert_eq!(r.customer.id, m.customer_id);
    let machine = r.machine.as_ref().unwrap();
    assert_eq!(
        (machine.id, machine.serial_number.as_str()),
        (m.id, m.serial_number.as_str())
    );
    assert_eq!(r.model_id, Some(model.id));
    let found = r.model.as_ref().unwrap();
    assert_eq!(
        (found.id, found.code.as_str()),
        (model.id, model.code.as_str())
    );
    assert_eq!(r.category, Some(MachineCategory::Tractor));

    // No machine: the named model, or none.
    let r = resolve(store.conn(), &agent, m.customer_id, None, Some(model.id))
        .await
        .unwrap();
    assert!(r.machine.is_none());
    assert_eq!(r.model.unwrap().id, model.id);
    let r = resolve(store.conn(), &agent, m.customer_id, None, None)
        .await
        .unwrap();
    assert!(r.machine.is_none() && r.model.is_none() && r.category.is_none());
}

#[tokio::test]
async fn each_wrong_reference_is_refused_on_its_own_field() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let agent = fx.user(&[Role::Agent]).actor().await;
    let m = fx.machine().create().await;
    let someone_else = fx.customer().create().await;
    let conn = store.conn();
    assert_eq!(
        refused(resolve(conn, &agent, Uuid::now_v7(), Some(m.id), None).await),
        ("customer_id".into(), "unknown".into())
    );
    assert_eq!(
        refused(resolve(conn, &agent, m.customer_id, Some(Uuid::now_v7()), None).await),
        ("machine_id".into(), "unknown".into())
    );
    assert_eq!(
        refused(resolve(conn, &agent, someone_else.id, Some(m.id), None).await),
        ("machine_id".into(), "not_owned".into())
    );
    assert_eq!(
        refused(resolve(conn, &agent, m.customer_id, None, Some(Uuid::now_v7())).await),
        ("model_id".into(), "unknown".into())
    );
}

#[tokio::test]
async fn a_dealer_reaches_only_its_own_customers_and_machines() {
    let store = fresh_store().await;
    let fx = Fixture::new(&store).await;
    let (own, other) = (fx.dealer().create().await, fx.dealer().create().await);
    let dealer = fx.user(&[Role::Dealer]).dealer(own.id).actor().await;
    let mine = fx.machine().dealer(own.id).create().await;
    let theirs = fx.machine().dealer(other.id).create().await;
    let conn = store.conn();
    let r = resolve(conn, &dealer, mine.customer_id, Some(mine.id), None)
        .await
        .unwrap();
    assert_eq!(r.machine.unwrap().id, mine.id);
    assert_eq!(
        refused(resolve(conn, &dealer, theirs.customer_id, None, None).await),
        ("customer_id".into(), "unknown".into())
    );
    // Its own customer, another dealer's machine: unseen, not "not owned".
    assert_eq!(
        refused(resolve(conn, &dealer, mine.customer_id, Some(theirs.id), None).await),
        ("machine_id".into(), "unknown".into())
    );
}
