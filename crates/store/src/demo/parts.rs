//! The demo's parts department, made through the real commands: about 300
//! parts across the categories, each fitting some of the demo's models, a
//! central and two regional warehouses and two service vans with their bins,
//! and stock brought in by receipts (so the ledger is real), with some parts
//! left below their reorder point (for purchasing's requests, made after
//! the history: `super::purchasing`).

use crate::entities::{product_model, user};
use crate::error::StoreError;
use crate::parts::Parts;
use crate::warehouses::Warehouses;
use crate::{Store, record_kit, stock, users};
use furrow_domain::parts::{
    Bin, PartCategory, PartInput, ReceiptInput, WarehouseInput, WarehouseKind,
};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The kinds of part per category: name, spec prefix, unit, cost in yuan.
const KINDS: &[(PartCategory, &str, &str, &str, i64)] = &[
    (PartCategory::Filter, "机油滤清器", "JX", "个", 35),
    (PartCategory::Filter, "柴油滤清器", "CX", "个", 42),
    (PartCategory::Filter, "空气滤清器滤芯", "KW", "个", 88),
    (PartCategory::Filter, "液压油滤芯", "YL", "个", 120),
    (PartCategory::Belt, "三角皮带", "B", "条", 46),
    (PartCategory::Belt, "割台传动皮带", "HB", "条", 160),
    (PartCategory::Belt, "风扇皮带", "FB", "条", 38),
    (PartCategory::Bearing, "深沟球轴承", "62", "个", 28),
    (PartCategory::Bearing, "圆锥滚子轴承", "302", "个", 65),
    (PartCategory::Bearing, "带座轴承", "UCP", "个", 95),
    (PartCategory::Blade, "割刀动刀片", "DP", "片", 6),
    (PartCategory::Blade, "护刃器", "HR", "个", 18),
    (PartCategory::Blade, "旋耕刀", "IT", "把", 22),
    (PartCategory::Chain, "输送链条", "CA", "米", 75),
    (PartCategory::Chain, "滚子链", "08B", "米", 48),
    (PartCategory::Lubricant, "抗磨液压油", "L-HM46-", "升", 18),
    (PartCategory::Lubricant, "柴油机油", "CF-4-", "升", 26),
    (PartCategory::Seal, "骨架油封", "TC", "个", 9),
    (PartCategory::Seal, "O形密封圈", "OR", "个", 2),
    (PartCategory::Engine, "喷油嘴偶件", "PN", "个", 210),
    (PartCategory::Engine, "水泵总成", "SB", "个", 460),
    (PartCategory::Electrical, "启动继电器", "QJ", "个", 55),
    (PartCategory::Electrical, "发电机调节器", "TJ", "个", 130),
    (PartCategory::Hydraulic, "液压齿轮泵", "CBN-", "台", 980),
    (PartCategory::Hydraulic, "多路换向阀", "DL", "台", 1450),
    (PartCategory::Transmission, "离合器从动盘", "LH", "个", 320),
    (PartCategory::Transmission, "变速箱齿轮", "CL", "个", 280),
    (PartCategory::Tyre, "驱动轮胎", "12.4-", "条", 1250),
    (PartCategory::Fastener, "割刀铆钉", "MD", "袋", 15),
    (PartCategory::Other, "仪表盘总成", "YB", "个", 640),
];

/// How many parts the demo's catalog has.
pub const PART_COUNT: usize = 300;

fn bins(prefix: &str, rows: u32, shelves: u32) -> Vec<Bin> {
    let mut out = Vec::new();
    for r in 1..=rows {
        for s in 1..=shelves {
            out.push(Bin {
                code: format!("{prefix}-{r:02}-{s:02}"),
                description: None,
            });
        }
    }
    out
}

/// Loads the parts department; the caller has loaded the accounts and models.
pub(super) async fn load(store: &Store) -> Result<Stocked, StoreError> {
    let clerk = user::Entity::find()
        .filter(user::Column::Username.eq("parts"))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let (clerk, _) = users::actor(store, clerk.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let models: Vec<Uuid> = product_model::Entity::find()
        .order_by_asc(product_model::Column::Code)
        .all(store.conn())
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let houses = [
        (
            "WH-CENTRAL",
            "总库（哈尔滨）",
            WarehouseKind::Central,
            bins("A", 6, 8),
        ),
        (
            "WH-NORTH",
            "北区区域库（齐齐哈尔）",
            WarehouseKind::Regional,
            bins("B", 3, 6),
        ),
        (
            "WH-SOUTH",
            "南区区域库（长春）",
            WarehouseKind::Regional,
            bins("C", 3, 6),
        ),
        (
            "VAN-01",
            "服务车 黑A·F3021",
            WarehouseKind::ServiceVan,
            bins("V1", 1, 6),
        ),
        (
            "VAN-02",
            "服务车 黑A·F3022",
            WarehouseKind::ServiceVan,
            bins("V2", 1, 6),
        ),
    ];
    let mut warehouses = Vec::new();
    for (code, name, kind, bins) in houses {
        let w = record_kit::create::<Warehouses>(
            store,
            &clerk,
            &WarehouseInput {
                code: code.into(),
                name: name.into(),
                kind,
                dealer_id: None,
                bins,
            },
        )
        .await?;
        warehouses.push(w);
    }
    fault_parts(store, &clerk, &warehouses[0]).await?;
    let mut short_parts = Vec::new();
    for i in 0..PART_COUNT {
        let (category, name, spec, unit, yuan) = KINDS[i % KINDS.len()];
        let variant = i / KINDS.len();
        let fits: Vec<Uuid> = if models.is_empty() {
            Vec::new()
        } else {
            (0..1 + i % 3)
                .map(|k| models[(i * 7 + k * 3) % models.len()])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let reorder = Decimal::from(5 + (i % 4) as i64 * 5);
        let part = record_kit::create::<Parts>(
            store,
            &clerk,
            &PartInput {
                part_number: format!("FP-{:02}{:04}", i % KINDS.len(), 1000 + variant * 17),
                name: name.into(),
                spec: Some(format!("{spec}{}", 100 + variant * 5 + i % 7)),
                category,
                unit: unit.into(),
                standard_cost_fen: (yuan * 100) + (variant as i64 * 250),
                reorder_point: reorder,
                reorder_quantity: reorder * Decimal::from(4),
                compatible_model_ids: Some(fits),
            },
        )
        .await?;
        // Every seventh part is short: less than its reorder point in all.
        let short = i % 7 == 3;
        if short {
            short_parts.push(part.id);
        }
        let mut receipts: Vec<(usize, Decimal)> = if short {
            vec![(0, reorder - Decimal::from(2))]
        } else {
            vec![(0, reorder * Decimal::from(3))]
        };
        if !short && i % 3 == 0 {
            receipts.push((1 + i % 2, reorder));
        }
        if !short && i % 10 == 0 {
            receipts.push((3 + (i / 10) % 2, Decimal::from(2)));
        }
        for (n, (w, quantity)) in receipts.into_iter().enumerate() {
            let house = &warehouses[w];
            let bin = &house.bins[(i + n) % house.bins.len()];
            stock::post_receipt(
                store,
                &clerk,
                &ReceiptInput {
                    part_id: part.id,
                    warehouse_id: house.id,
                    quantity,
                    bin: Some(bin.code.clone()),
                    delivery_note: Some(format!("SH-{:05}", 20_000 + i)),
                    note: None,
                },
                None,
            )
            .await?;
        }
    }
    let central = &warehouses[0];
    Ok(Stocked {
        short_parts,
        central: central.id,
        bin: central.bins[0].code.clone(),
    })
}

/// What purchasing's demo requests need of the stocked department: the
/// parts left below their reorder point and where deliveries go.
pub(super) struct Stocked {
    pub short_parts: Vec<Uuid>,
    pub central: Uuid,
    pub bin: String,
}

/// The parts the demo's repairs use (`faults.txt`), in the catalog under
/// the numbers the engineers write on their reports, with stock in the
/// central warehouse: so the approvals of the history make real
/// requisitions, and the clerk issues them from real stock.
async fn fault_parts(
    store: &Store,
    clerk: &furrow_domain::auth::Actor,
    central: &furrow_domain::parts::WarehouseView,
) -> Result<(), StoreError> {
    let mut seen = std::collections::BTreeMap::new();
    for category in furrow_domain::master::MachineCategory::ALL {
        for f in super::faults::of(*category) {
            for (number, name, _, unit) in &f.parts {
                seen.entry(*number).or_insert((*name, *unit));
            }
        }
    }
    for (n, (number, (name, unit))) in seen.into_iter().enumerate() {
        let litres = matches!(unit, "L" | "升" | "米");
        let part = record_kit::create::<Parts>(
            store,
            clerk,
            &PartInput {
                part_number: number.into(),
                name: name.into(),
                spec: None,
                category: PartCategory::Other,
                unit: unit.into(),
                standard_cost_fen: 2_000 + (n as i64 % 9) * 1_500,
                reorder_point: Decimal::from(if litres { 200 } else { 20 }),
                reorder_quantity: Decimal::from(if litres { 800 } else { 80 }),
                compatible_model_ids: None,
            },
        )
        .await?;
        let bin = &central.bins[n % central.bins.len()];
        stock::post_receipt(
            store,
            clerk,
            &ReceiptInput {
                part_id: part.id,
                warehouse_id: central.id,
                quantity: Decimal::from(if litres { 4_000 } else { 400 }),
                bin: Some(bin.code.clone()),
                delivery_note: Some(format!("SH-{:05}", 10_000 + n)),
                note: None,
            },
            None,
        )
        .await?;
    }
    Ok(())
}
