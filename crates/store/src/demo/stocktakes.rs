//! The demo's stock-takes (盘点), made through the real commands: a service
//! van stocked early last month and counted on the 20th with two variances
//! (one short, one over), reconciled, so last month's parts accuracy on the
//! KPI page is a real figure (10 of 12 lines: 83.33%); and the same van's
//! stock-take of this month, open and partly counted.

use crate::clock::Clock;
use crate::entities::{part, user};
use crate::error::StoreError;
use crate::idempotency::Once;
use crate::warehouses::Warehouses;
use crate::{Store, record_kit, settings, stock, stocktakes, users};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use furrow_domain::parts::{
    Bin, CountInput, ReceiptInput, StocktakeDetail, StocktakeInput, WarehouseInput, WarehouseKind,
};
use furrow_domain::service::sla::SlaSettings;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Lines of the van's stock-takes.
const LINES: usize = 12;

fn created(o: Once<StocktakeDetail>) -> Result<StocktakeDetail, StoreError> {
    match o {
        Once::Created(d) => Ok(d),
        Once::Replayed(_) => Err(StoreError::NotFound),
    }
}

/// Loads the stock-takes; the caller has loaded the parts department.
pub(super) async fn load(store: &Store) -> Result<(), StoreError> {
    let clerk = user::Entity::find()
        .filter(user::Column::Username.eq("parts"))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let (clerk, _) = users::actor(store, clerk.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let zone = settings::cached::<SlaSettings>(store).await?.0.zone();
    let today = store.now().with_timezone(&zone).date_naive();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let last_month = (this_month - Duration::days(1))
        .with_day(1)
        .unwrap_or(this_month);
    let at = |day: u32, hour: u32| -> DateTime<Utc> {
        let d = last_month.with_day(day).unwrap_or(last_month);
        zone.from_local_datetime(&d.and_hms_opt(hour, 0, 0).unwrap_or_default())
            .single()
            .map_or_else(|| store.now(), |t| t.with_timezone(&Utc))
    };
    let clock = Clock::manual(at(3, 9));
    let past = store.clone().with_clock(clock.clone());

    let van = record_kit::create::<Warehouses>(
        &past,
        &clerk,
        &WarehouseInput {
            code: "VAN-03".into(),
            name: "服务车 黑D·F3023（佳木斯）".into(),
            kind: WarehouseKind::ServiceVan,
            dealer_id: None,
            bins: (1..=6)
                .map(|s| Bin {
                    code: format!("V3-01-{s:02}"),
                    description: None,
                })
                .collect(),
        },
    )
    .await?;
    let parts: Vec<part::Model> = part::Entity::find()
        .order_by_asc(part::Column::PartNumber)
        .limit(LINES as u64)
        .all(past.conn())
        .await?;
    for (i, p) in parts.iter().enumerate() {
        stock::post_receipt(
            &past,
            &clerk,
            &ReceiptInput {
                part_id: p.id,
                warehouse_id: van.id,
                quantity: Decimal::from(4 + i as i64),
                bin: Some(format!("V3-01-{:02}", 1 + i % 6)),
                delivery_note: Some(format!("SH-VAN3-{:03}", i + 1)),
                note: None,
            },
            None,
        )
        .await?;
    }

    // The 20th: the van counted; one filter short by 1, one part over by 2.
    clock.set(at(20, 9));
    let input = StocktakeInput {
        warehouse_id: van.id,
        bins: vec![],
        categories: vec![],
        note: Some("月度盘点".into()),
    };
    let opened = created(stocktakes::open(&past, &clerk, &input, None).await?)?;
    for (i, l) in opened.lines.iter().enumerate() {
        clock.set(at(20, 9) + Duration::minutes(3 * i as i64 + 2));
        let off = match i {
            3 => Decimal::NEGATIVE_ONE,
            8 => Decimal::TWO,
            _ => Decimal::ZERO,
        };
        let counted = l.book + off;
        stocktakes::count(
            &past,
            &clerk,
            opened.stocktake.id,
            l.part_id,
            &CountInput { counted },
            None,
        )
        .await?;
    }
    clock.set(at(20, 11));
    stocktakes::reconcile(&past, &clerk, opened.stocktake.id, None).await?;

    // This month's count of the van: open, a few lines counted so far.
    let open = created(stocktakes::open(store, &clerk, &input, None).await?)?;
    for l in open.lines.iter().take(5) {
        let counted = CountInput { counted: l.book };
        stocktakes::count(store, &clerk, open.stocktake.id, l.part_id, &counted, None).await?;
    }
    Ok(())
}
