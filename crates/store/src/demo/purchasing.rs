//! The demo's purchasing (采购), made through the real commands over the last
//! three weeks (a manual clock): purchase requests for parts below their
//! reorder point in every state — requested, approved, ordered with an
//! expected date, one overdue, partly received, received and cancelled —
//! whose receipts post real movements into the central warehouse.

use crate::clock::Clock;
use crate::entities::user;
use crate::error::StoreError;
use crate::idempotency::Once;
use crate::{Store, purchasing, users};
use chrono::Duration;
use furrow_domain::auth::Actor;
use furrow_domain::parts::PurchaseOrigin;
use furrow_domain::parts::purchasing::{
    CancelInput, NewPurchaseRequest, NoteInput, OrderInput, PurchaseLineInput, ReceiveInput,
    ReceiveLineInput,
};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

async fn actor(store: &Store, username: &str) -> Result<Actor, StoreError> {
    let u = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(users::actor(store, u.id)
        .await?
        .ok_or(StoreError::NotFound)?
        .0)
}

/// What a request goes through after it is raised.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Until {
    Requested,
    Approved,
    Ordered,
    PartlyReceived,
    Received,
    Cancelled,
}

/// One demo request: its parts (with quantities), how far it goes, the day
/// it is raised (days before now) and the days until it is expected.
struct Plan {
    lines: &'static [(usize, i64)],
    until: Until,
    raised_days_ago: i64,
    expected_in: i64,
    supplier: &'static str,
}

const PLANS: &[Plan] = &[
    Plan {
        lines: &[(0, 20), (1, 10)],
        until: Until::Requested,
        raised_days_ago: 1,
        expected_in: 0,
        supplier: "",
    },
    Plan {
        lines: &[(2, 15)],
        until: Until::Requested,
        raised_days_ago: 2,
        expected_in: 0,
        supplier: "",
    },
    Plan {
        lines: &[(3, 40)],
        until: Until::Approved,
        raised_days_ago: 3,
        expected_in: 0,
        supplier: "",
    },
    Plan {
        lines: &[(4, 20), (5, 8)],
        until: Until::Ordered,
        raised_days_ago: 6,
        expected_in: 11,
        supplier: "潍柴动力配件公司",
    },
    // Ordered 18 days ago for 8 days later: overdue now.
    Plan {
        lines: &[(6, 30)],
        until: Until::Ordered,
        raised_days_ago: 19,
        expected_in: 8,
        supplier: "一拖配件供应站",
    },
    Plan {
        lines: &[(7, 25), (8, 12)],
        until: Until::PartlyReceived,
        raised_days_ago: 14,
        expected_in: 16,
        supplier: "常州东风农机配件厂",
    },
    Plan {
        lines: &[(9, 16)],
        until: Until::Received,
        raised_days_ago: 20,
        expected_in: 7,
        supplier: "潍柴动力配件公司",
    },
    Plan {
        lines: &[(10, 5)],
        until: Until::Cancelled,
        raised_days_ago: 9,
        expected_in: 0,
        supplier: "",
    },
];

/// Loads the purchase requests; `short` are parts below their reorder point,
/// `central` the warehouse deliveries go into, with its first bin.
pub(super) async fn load(
    store: &Store,
    short: &[Uuid],
    central: Uuid,
    bin: &str,
) -> Result<(), StoreError> {
    if short.len() < 11 {
        return Ok(());
    }
    let clerk = actor(store, "parts").await?;
    let buyer = actor(store, "purchasing").await?;
    let manager = actor(store, "manager").await?;
    let end = store.now();
    let clock = Clock::manual(end);
    let s = store.clone().with_clock(clock.clone());
    for (n, plan) in PLANS.iter().enumerate() {
        let raised = end - Duration::days(plan.raised_days_ago) - Duration::hours(2);
        clock.set(raised);
        let input = NewPurchaseRequest {
            origin: if n == 1 {
                PurchaseOrigin::Manual
            } else {
                PurchaseOrigin::Reorder
            },
            work_order_id: None,
            requisition_id: None,
            lines: plan
                .lines
                .iter()
                .map(|(p, q)| PurchaseLineInput {
                    part_id: short[*p],
                    quantity: Decimal::from(*q),
                })
                .collect(),
            note: Some(if n == 1 {
                "秋收前备货计划".into()
            } else {
                "低于补货点".into()
            }),
        };
        let Once::Created(r) = purchasing::create(&s, &clerk, &input, None).await? else {
            continue;
        };
        if plan.until == Until::Requested {
            continue;
        }
        if plan.until == Until::Cancelled {
            clock.set(raised + Duration::days(1));
            let reason = CancelInput {
                reason: "该件已由调拨补足，不再采购".into(),
            };
            purchasing::cancel(&s, &buyer, r.id, None, &reason).await?;
            continue;
        }
        clock.set(raised + Duration::hours(3));
        let approver = if n % 2 == 0 { &manager } else { &buyer };
        purchasing::approve(&s, approver, r.id, None).await?;
        if plan.until == Until::Approved {
            continue;
        }
        let ordered = raised + Duration::days(1);
        clock.set(ordered);
        let order = OrderInput {
            supplier: plan.supplier.into(),
            expected_on: (ordered + Duration::days(plan.expected_in)).date_naive(),
            note: Some("已电话下单，供应商确认".into()),
        };
        purchasing::order(&s, &buyer, r.id, None, &order).await?;
        if plan.until == Until::Ordered {
            if plan.expected_in < plan.raised_days_ago {
                clock.set(end - Duration::days(1));
                let note = NoteInput {
                    text: "已催货，供应商称物流延误".into(),
                };
                purchasing::note(&s, &buyer, r.id, None, &note).await?;
            }
            continue;
        }
        clock.set(ordered + Duration::days(plan.expected_in.min(plan.raised_days_ago - 2)));
        let receive = |full: bool| ReceiveInput {
            warehouse_id: central,
            bin: Some(bin.into()),
            delivery_note: Some(format!("SH-P{:04}", n * 10 + usize::from(full))),
            lines: plan
                .lines
                .iter()
                .enumerate()
                .filter(|(i, _)| full || *i == 0)
                .map(|(_, (p, q))| ReceiveLineInput {
                    part_id: short[*p],
                    quantity: if full {
                        Decimal::from(*q)
                    } else {
                        Decimal::from(*q / 2)
                    },
                })
                .collect(),
        };
        if plan.until == Until::PartlyReceived {
            purchasing::receive(&s, &clerk, r.id, None, &receive(false)).await?;
        } else {
            purchasing::receive(&s, &clerk, r.id, None, &receive(true)).await?;
        }
    }
    Ok(())
}
