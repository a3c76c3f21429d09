//! What an intake (or its clock preview) points at: the customer, the machine
//! and its product model, checked against the actor's scope and read in one
//! statement.
//!
//! Three reads by id cost three statements, and sqlx hands every statement to
//! the SQLite connection's thread and back; on a busy server those hand-offs,
//! not the reads, were most of an intake's time outside its transaction.

use super::common::field_error;
use crate::entities::{customer, machine, product_model};
use crate::error::StoreError;
use furrow_domain::access::{self, RecordKind};
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineCategory;
use sea_orm::sea_query::{Alias, Expr, Func, IntoIden, Query, SelectStatement};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, Iterable};
use uuid::Uuid;

/// The records an intake names, as the actor may see them.
pub struct Resolved {
    pub customer: customer::Model,
    pub machine: Option<machine::Model>,
    /// The machine's model, else the one given.
    pub model_id: Option<Uuid>,
    pub model: Option<product_model::Model>,
    pub category: Option<MachineCategory>,
}

/// Column prefixes of the three records in the joined row.
const CUSTOMER: &str = "c_";
const MACHINE: &str = "m_";
const MODEL: &str = "p_";

/// Every column of `E`, aliased with `prefix` so the three records' columns
/// stay apart in one row (`from_query_result` reads them back by prefix).
fn select_all<E: EntityTrait>(q: &mut SelectStatement, prefix: &str) {
    for c in E::Column::iter() {
        q.expr_as(
            Expr::col((E::default().into_iden(), c)),
            Alias::new(format!("{prefix}{}", c.as_str())),
        );
    }
}

/// The customer (and the machine, and the model) in one statement; errors name
/// the field at fault as the intake form shows them: an unseen customer, an
/// unseen machine, a machine of another customer, an unknown model.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    customer_id: Uuid,
    machine_id: Option<Uuid>,
    model_id: Option<Uuid>,
) -> Result<Resolved, StoreError> {
    let mut q = Query::select();
    select_all::<customer::Entity>(&mut q, CUSTOMER);
    select_all::<machine::Entity>(&mut q, MACHINE);
    select_all::<product_model::Entity>(&mut q, MODEL);
    // A machine joins only when one was named and the actor may see it; the
    // model is the machine's when there is one, else the one named.
    let mut machine_on = Expr::col((machine::Entity, machine::Column::Id)).eq(machine_id);
    let mut customer_where = Expr::col((customer::Entity, customer::Column::Id)).eq(customer_id);
    if let Some(d) = access::own_dealer(actor, RecordKind::Machine) {
        machine_on = machine_on.and(Expr::col((machine::Entity, machine::Column::DealerId)).eq(d));
    }
    if let Some(d) = access::own_dealer(actor, RecordKind::Customer) {
        customer_where =
            customer_where.and(Expr::col((customer::Entity, customer::Column::DealerId)).eq(d));
    }
    let model_key = Func::coalesce([
        Expr::col((machine::Entity, machine::Column::ModelId)).into(),
        Expr::val(model_id).into(),
    ]);
    q.from(customer::Entity)
        .left_join(machine::Entity, machine_on)
        .left_join(
            product_model::Entity,
            Expr::col((product_model::Entity, product_model::Column::Id)).eq(model_key),
        )
        .and_where(customer_where);
    let stmt = conn.get_database_backend().build(&q);
    let row = conn.query_one(stmt).await?.ok_or_else(|| {
        field_error(
            "customer_id",
            "unknown",
            "no customer you can see has this id",
        )
    })?;
    let customer = customer::Model::from_query_result(&row, CUSTOMER)?;
    let machine = match machine_id {
        Some(_) => {
            let m =
                machine::Model::from_query_result_optional(&row, MACHINE)?.ok_or_else(|| {
                    field_error(
                        "machine_id",
                        "unknown",
                        "no machine you can see has this id",
                    )
                })?;
            if m.customer_id != customer.id {
                return Err(field_error(
                    "machine_id",
                    "not_owned",
                    "this machine belongs to another customer",
                ));
            }
            Some(m)
        }
        None => None,
    };
    let model_id = machine.as_ref().map(|m| m.model_id).or(model_id);
    let model = match model_id {
        Some(_) => Some(
            product_model::Model::from_query_result_optional(&row, MODEL)?.ok_or_else(|| {
                field_error("model_id", "unknown", "no product model has this id")
            })?,
        ),
        None => None,
    };
    let category = model
        .as_ref()
        .map(|m| MachineCategory::parse(&m.category).unwrap_or(MachineCategory::Other));
    Ok(Resolved {
        customer,
        machine,
        model_id,
        model,
        category,
    })
}
