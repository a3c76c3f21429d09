//! What an intake names, read in one statement: each way it can be wrong is
//! reported on its own field, and a dealer sees only its own records.

use furrow_domain::master::MachineCategory;
use furrow_store::Store;
use furrow_store::entities::{customer, machine, product_model};
use furrow_store::error::StoreError;
use furrow_store::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use furrow_store::service::intake_refs::resolve;
use uuid::Uuid;

use crate::helpers::{demo_actor as actor, demo_store};

async fn any_machine(store: &Store) -> machine::Model {
    machine::Entity::find()
        .one(store.conn())
        .await
        .unwrap()
        .expect("the demo data has machines")
}

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
    let store = demo_store().await;
    let agent = actor(&store, "agent").await;
    let m = any_machine(&store).await;
    let model = product_model::Entity::find_by_id(m.model_id)
        .one(store.conn())
        .await
        .unwrap()
        .unwrap();
    // The machine's model wins over one named beside it.
    let r = resolve(
        store.conn(),
        &agent,
        m.customer_id,
        Some(m.id),
        Some(Uuid::now_v7()),
    )
    .await
    .unwrap();
    assert_eq!(r.customer.id, m.customer_id);
    assert_eq!(r.machine.as_ref().unwrap(), &m);
    assert_eq!(r.model_id, Some(m.model_id));
    assert_eq!(r.model.as_ref().unwrap(), &model);
    assert_eq!(r.category, MachineCategory::parse(&model.category));

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
    let store = demo_store().await;
    let agent = actor(&store, "agent").await;
    let m = any_machine(&store).await;
    let someone_else = customer::Entity::find()
        .filter(customer::Column::Id.ne(m.customer_id))
        .one(store.conn())
        .await
        .unwrap()
        .unwrap();
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
    let store = demo_store().await;
    let dealer = actor(&store, "dealer").await;
    let own = dealer.dealer_id.expect("the demo dealer user has a dealer");
    let machines = machine::Entity::find().all(store.conn()).await.unwrap();
    let customers = customer::Entity::find().all(store.conn()).await.unwrap();
    let dealer_of = |id: Uuid| customers.iter().find(|c| c.id == id).unwrap().dealer_id;
    let mine = machines
        .iter()
        .find(|m| m.dealer_id == Some(own) && dealer_of(m.customer_id) == Some(own))
        .expect("a machine of the dealer's own customer");
    let theirs = machines
        .iter()
        .find(|m| m.dealer_id != Some(own) && dealer_of(m.customer_id) != Some(own))
        .expect("a machine of another dealer's customer");
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
