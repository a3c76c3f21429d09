//! The demo's accounts and master data: dealers, product models, customers,
//! machines and engineer profiles. Tests load only this part, which writes
//! rows directly and so stays fast; the service history is [`super::history`]'s.

use super::names::{self, Person};
use crate::db::now;
use crate::entities::{
    audit_event, customer, dealer, engineer_profile, machine, product_model, user,
};
use crate::error::StoreError;
use crate::versioned::fresh;
use crate::{Store, users};
use chrono::{Duration, NaiveDate, Utc};
use furrow_domain::Role;
use furrow_domain::master::{
    MachineCategory, ModelParam, WarrantyChange, search_text, warranty_end_from_sale,
};
use furrow_domain::users::CreateUserRequest;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "furrow-demo";

/// The demo accounts: one per role, then eleven more engineers.
pub const DEMO_USERNAMES: [&str; 20] = [
    "admin",
    "agent",
    "supervisor",
    "engineer",
    "parts",
    "purchasing",
    "finance",
    "manager",
    "dealer",
    "eng.wang",
    "eng.li",
    "eng.zhang",
    "eng.liu",
    "eng.chen",
    "eng.yang",
    "eng.zhao",
    "eng.huang",
    "eng.zhou",
    "eng.wu",
    "eng.ma",
];

/// Dealers: code, name, region, contact, phone.
pub(super) const DEALERS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "D-HLJ-01",
        "黑龙江丰收农机经销有限公司",
        "黑龙江",
        "王建国",
        "0451-86661234",
    ),
    (
        "D-HEN-01",
        "河南中原农机销售服务中心",
        "河南",
        "李志强",
        "0371-65558888",
    ),
    (
        "D-SD-01",
        "山东齐鲁农业机械有限公司",
        "山东",
        "张海涛",
        "0531-88887766",
    ),
    (
        "D-JS-01",
        "江苏苏垦农机商贸有限公司",
        "江苏",
        "陈伟",
        "025-84443322",
    ),
    (
        "D-XJ-01",
        "新疆天山农机装备有限公司",
        "新疆",
        "马晓东",
        "0991-23456789",
    ),
];

/// Loads the accounts and master data; the caller has checked the database is empty.
pub(super) async fn load(store: &Store) -> Result<(), StoreError> {
    let dealer_ids = load_dealers(store).await?;
    let models = load_models(store).await?;
    let owners = load_customers(store, &dealer_ids).await?;
    load_machines(store, &models, &owners).await?;
    let accounts: [(&str, &str, Role, Option<&str>); 9] = [
        ("admin", "系统管理员", Role::Admin, Some("信息部")),
        ("agent", "刘晓燕", Role::Agent, Some("售后服务部")),
        ("supervisor", "赵国强", Role::Supervisor, Some("售后服务部")),
        ("engineer", "孙立军", Role::Engineer, Some("售后服务部")),
        ("parts", "周敏", Role::PartsClerk, Some("配件部")),
        ("purchasing", "吴海燕", Role::Purchasing, Some("采购部")),
        ("finance", "郑丽", Role::Finance, Some("财务部")),
        ("manager", "钱明远", Role::Manager, Some("公司领导")),
        ("dealer", "王建国", Role::Dealer, None),
    ];
    for (username, name, role, department) in accounts {
        let req = CreateUserRequest {
            username: username.into(),
            display_name: name.into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![role],
            dealer_id: (role == Role::Dealer).then_some(dealer_ids[0]),
            department: department.map(Into::into),
            locale: None,
        };
        // The published demo password is exactly what the password policy
        // refuses for real users; it is hashed the same way, only the policy
        // is skipped (`users::create_unchecked`, used by the demo alone).
        users::create_unchecked(store, &req).await?;
    }
    load_engineers(store).await?;
    sell_extended_warranties(store).await?;
    Ok(())
}

/// Every tenth machine's owner bought the company's two-year extended
/// warranty (延保): recorded by the desk through the real warranty change,
/// with its reason on the machine's timeline, so the demo shows machines in
/// 三包, in 延保 and expired.
async fn sell_extended_warranties(store: &Store) -> Result<(), StoreError> {
    let agent = user::Entity::find()
        .filter(user::Column::Username.eq("agent"))
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let (agent, _) = users::actor(store, agent.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let sold = machine::Entity::find()
        .order_by_asc(machine::Column::SerialNumber)
        .all(store.conn())
        .await?;
    for m in sold.into_iter().step_by(10) {
        let Some(end) = m.warranty_end else { continue };
        let change = WarrantyChange {
            sale_date: m.sale_date,
            warranty_end: Some(end),
            extended_warranty_end: end.checked_add_months(chrono::Months::new(24)),
            reason: "客户购买两年延保服务".into(),
        };
        crate::machines::change_warranty(store, &agent, m.id, Some(m.version), &change).await?;
    }
    Ok(())
}

async fn load_dealers(store: &Store) -> Result<Vec<Uuid>, StoreError> {
    let now = now();
    let tx = store.begin_write().await?;
    let mut ids = Vec::new();
    for (code, name, region, contact, phone) in DEALERS {
        let id = Uuid::now_v7();
        dealer::Entity::insert(dealer::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            region: Set(region.into()),
            contact_name: Set(Some(contact.into())),
            contact_phone: Set(Some(phone.into())),
            address: Set(None),
            ..fresh(id, now)?
        })
        .exec_without_returning(&*tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// A small deterministic generator: the demo data is the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() as i64) % (hi - lo + 1)
    }
}

/// Province, city, county, latitude, longitude; one group per demo dealer, in dealer order.
/// Province, city, county, latitude, longitude.
type Place = (&'static str, &'static str, &'static str, f64, f64);
/// Model code, name, category, warranty months, technical parameters.
type ModelSpec = (
    &'static str,
    &'static str,
    MachineCategory,
    i32,
    Vec<(&'static str, &'static str)>,
);
/// Login, name, home base, latitude, longitude, skills.
pub(super) type CrewMember = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static [MachineCategory],
);

const PLACES: [[Place; 3]; 5] = [
    [
        ("黑龙江", "哈尔滨", "五常市", 44.93, 127.17),
        ("黑龙江", "绥化", "海伦市", 47.46, 126.97),
        ("黑龙江", "佳木斯", "富锦市", 47.25, 132.04),
    ],
    [
        ("河南", "周口", "商水县", 33.54, 114.61),
        ("河南", "驻马店", "上蔡县", 33.26, 114.26),
        ("河南", "郑州", "中牟县", 34.72, 113.98),
    ],
    [
        ("山东", "德州", "齐河县", 36.79, 116.76),
        ("山东", "潍坊", "寿光市", 36.86, 118.79),
        ("山东", "菏泽", "曹县", 34.83, 115.54),
    ],
    [
        ("江苏", "盐城", "射阳县", 33.77, 120.26),
        ("江苏", "淮安", "涟水县", 33.78, 119.26),
        ("江苏", "宿迁", "泗洪县", 33.46, 118.22),
    ],
    [
        ("新疆", "昌吉", "玛纳斯县", 44.30, 86.21),
        ("新疆", "石河子", "石河子市", 44.31, 86.04),
        ("新疆", "伊犁", "察布查尔县", 43.84, 81.15),
    ],
];

/// Models: code, name, category, warranty months, parameters.
fn model_specs() -> Vec<ModelSpec> {
    use MachineCategory::*;
    vec![
        (
            "4LZ-8M",
            "谷物联合收割机 4LZ-8M",
            CombineHarvester,
            24,
            vec![
                ("发动机功率", "140 kW"),
                ("割幅", "2.75 m"),
                ("喂入量", "8 kg/s"),
                ("粮仓容积", "2.3 m³"),
            ],
        ),
        (
            "4LZ-10",
            "谷物联合收割机 4LZ-10",
            CombineHarvester,
            24,
            vec![
                ("发动机功率", "162 kW"),
                ("割幅", "4.57 m"),
                ("喂入量", "10 kg/s"),
                ("粮仓容积", "3.5 m³"),
            ],
        ),
        (
            "4YZ-4",
            "玉米联合收获机 4YZ-4",
            CombineHarvester,
            24,
            vec![
                ("发动机功率", "132 kW"),
                ("工作行数", "4 行"),
                ("行距", "550-650 mm"),
            ],
        ),
        (
            "LX1204",
            "轮式拖拉机 LX1204",
            Tractor,
            24,
            vec![
                ("额定功率", "88.2 kW (120 马力)"),
                ("驱动形式", "四轮驱动"),
                ("挡位", "16F+8R"),
            ],
        ),
        (
            "LX2204",
            "轮式拖拉机 LX2204",
            Tractor,
            36,
            vec![
                ("额定功率", "161.8 kW (220 马力)"),
                ("驱动形式", "四轮驱动"),
                ("提升力", "45 kN"),
            ],
        ),
        (
            "2BMYF-4",
            "玉米免耕精量播种机 2BMYF-4",
            Planter,
            12,
            vec![
                ("工作行数", "4 行"),
                ("配套动力", "40-60 kW"),
                ("作业速度", "6-8 km/h"),
            ],
        ),
        (
            "2ZG-6",
            "高速插秧机 2ZG-6",
            Transplanter,
            12,
            vec![
                ("工作行数", "6 行"),
                ("行距", "300 mm"),
                ("发动机功率", "14.7 kW"),
            ],
        ),
        (
            "3WP-1000",
            "自走式喷杆喷雾机 3WP-1000",
            Sprayer,
            12,
            vec![
                ("药箱容积", "1000 L"),
                ("喷幅", "24 m"),
                ("发动机功率", "73.5 kW"),
            ],
        ),
        (
            "9YFQ-2.2",
            "方草捆打捆机 9YFQ-2.2",
            Baler,
            12,
            vec![
                ("捡拾宽度", "2.2 m"),
                ("草捆截面", "360×460 mm"),
                ("配套动力", "≥ 50 kW"),
            ],
        ),
        (
            "1GKN-230",
            "旋耕机 1GKN-230",
            Other,
            12,
            vec![
                ("耕幅", "2.3 m"),
                ("耕深", "12-16 cm"),
                ("配套动力", "58.8-73.5 kW"),
            ],
        ),
    ]
}

async fn system_event(
    conn: &impl ConnectionTrait,
    entity_type: &str,
    id: Uuid,
    at: chrono::DateTime<Utc>,
) -> Result<(), StoreError> {
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(at),
        actor_id: Set(None),
        actor_name: Set("system".into()),
        entity_type: Set(entity_type.into()),
        entity_id: Set(id),
        action: Set("created".into()),
        changes: Set(serde_json::json!({"source": "demo data"})),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

async fn load_models(store: &Store) -> Result<Vec<(Uuid, i32)>, StoreError> {
    let t = now();
    let tx = store.begin_write().await?;
    let mut out = Vec::new();
    for (code, name, category, months, params) in model_specs() {
        let id = Uuid::now_v7();
        let params: Vec<ModelParam> = params
            .into_iter()
            .map(|(k, v)| ModelParam {
                key: k.into(),
                value: v.into(),
            })
            .collect();
        product_model::Entity::insert(product_model::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            category: Set(category.as_str().into()),
            params: Set(serde_json::to_value(params).unwrap_or_default()),
            warranty_months: Set(months),
            ..fresh(id, t)?
        })
        .exec_without_returning(&*tx)
        .await?;
        system_event(&*tx, "product_model", id, t).await?;
        out.push((id, months));
    }
    tx.commit().await?;
    Ok(out)
}

/// 200 customers, 40 per dealer; returns (customer id, dealer id).
async fn load_customers(
    store: &Store,
    dealer_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    let mut rng = Lcg(20261127);
    let t = now();
    let tx = store.begin_write().await?;
    let mut out = Vec::new();
    for n in 0..200usize {
        let d = n % dealer_ids.len();
        let (province, city, county, lat, lon) = *rng.pick(&PLACES[d]);
        let person = Person::pick(city, county, |names| *rng.pick(names));
        let village = person.village;
        let c = names::customer(n, &person, rng.range(0, 899_999_999) as u64);
        let id = Uuid::now_v7();
        customer::Entity::insert(customer::ActiveModel {
            search_text: Set(search_text(&[&c.code, &c.name, &c.phone])),
            code: Set(c.code),
            name: Set(c.name),
            kind: Set(c.kind.as_str().into()),
            phone: Set(c.phone),
            alt_phone: Set(None),
            email: Set(None),
            province: Set(province.into()),
            city: Set(Some(city.into())),
            county: Set(Some(county.into())),
            address: Set(Some(format!(
                "{province}{city}{county}{village}{}组",
                rng.range(1, 9)
            ))),
            lat: Set(Some(lat + rng.range(-30, 30) as f64 / 100.0)),
            lon: Set(Some(lon + rng.range(-30, 30) as f64 / 100.0)),
            dealer_id: Set(Some(dealer_ids[d])),
            notes: Set(None),
            ..fresh(id, t)?
        })
        .exec_without_returning(&*tx)
        .await?;
        system_event(&*tx, "customer", id, t).await?;
        out.push((id, dealer_ids[d]));
    }
    // Numbers handed out from here on follow the demo codes.
    tx.execute_unprepared("INSERT INTO sequences (name, value) VALUES ('customer', 200)")
        .await?;
    tx.commit().await?;
    Ok(out)
}

/// 400 machines, two per customer, sold over the last four years.
async fn load_machines(
    store: &Store,
    models: &[(Uuid, i32)],
    owners: &[(Uuid, Uuid)],
) -> Result<(), StoreError> {
    let mut rng = Lcg(7);
    let t = now();
    let codes: Vec<&str> = model_specs().iter().map(|m| m.0).collect();
    let today = Utc::now().date_naive();
    let tx = store.begin_write().await?;
    for n in 0..400usize {
        let (customer_id, dealer_id) = owners[n % owners.len()];
        let mi = (n * 7 + (rng.next() as usize)) % models.len();
        let (model_id, months) = models[mi];
        let sale: NaiveDate = today - Duration::days(rng.range(20, 4 * 365));
        let year = sale.format("%Y");
        let serial = format!("{}-{year}-{:05}", codes[mi].replace(['-', '.'], ""), n + 1);
        let id = Uuid::now_v7();
        machine::Entity::insert(machine::ActiveModel {
            serial_number: Set(serial),
            model_id: Set(model_id),
            customer_id: Set(customer_id),
            dealer_id: Set(Some(dealer_id)),
            sale_date: Set(Some(sale)),
            warranty_end: Set(warranty_end_from_sale(sale, months)),
            engine_hours: Set(Some(rng.range(50, 3000) as i32)),
            status: Set("operational".into()),
            notes: Set(None),
            ..fresh(id, t)?
        })
        .exec_without_returning(&*tx)
        .await?;
        system_event(&*tx, "machine", id, t).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The twelve engineers, grouped by the dealer whose area they cover (see
/// [`crew_of_dealer`]).
pub(super) const CREW: [CrewMember; 12] = [
    (
        "engineer",
        "孙立军",
        "哈尔滨服务站",
        45.80,
        126.53,
        &[MachineCategory::CombineHarvester, MachineCategory::Tractor],
    ),
    (
        "eng.wang",
        "王海峰",
        "绥化服务站",
        46.65,
        126.97,
        &[MachineCategory::Tractor, MachineCategory::Planter],
    ),
    (
        "eng.li",
        "李春雷",
        "佳木斯服务站",
        46.80,
        130.32,
        &[MachineCategory::CombineHarvester, MachineCategory::Baler],
    ),
    (
        "eng.zhang",
        "张永刚",
        "周口服务站",
        33.63,
        114.65,
        &[
            MachineCategory::CombineHarvester,
            MachineCategory::Tractor,
            MachineCategory::Other,
        ],
    ),
    (
        "eng.liu",
        "刘卫东",
        "驻马店服务站",
        32.98,
        114.02,
        &[MachineCategory::Planter, MachineCategory::Sprayer],
    ),
    (
        "eng.chen",
        "陈志远",
        "郑州服务站",
        34.75,
        113.62,
        &[MachineCategory::Tractor, MachineCategory::Transplanter],
    ),
    (
        "eng.yang",
        "杨光明",
        "德州服务站",
        37.43,
        116.36,
        &[MachineCategory::CombineHarvester, MachineCategory::Planter],
    ),
    (
        "eng.zhao",
        "赵宏伟",
        "潍坊服务站",
        36.71,
        119.16,
        &[MachineCategory::Sprayer, MachineCategory::Tractor],
    ),
    (
        "eng.huang",
        "黄建军",
        "盐城服务站",
        33.35,
        120.16,
        &[
            MachineCategory::Transplanter,
            MachineCategory::CombineHarvester,
        ],
    ),
    (
        "eng.zhou",
        "周文斌",
        "淮安服务站",
        33.61,
        119.02,
        &[MachineCategory::Tractor, MachineCategory::Baler],
    ),
    (
        "eng.wu",
        "吴天山",
        "昌吉服务站",
        44.01,
        87.31,
        &[
            MachineCategory::CombineHarvester,
            MachineCategory::Tractor,
            MachineCategory::Sprayer,
        ],
    ),
    (
        "eng.ma",
        "马建疆",
        "伊犁服务站",
        43.92,
        81.32,
        &[
            MachineCategory::Baler,
            MachineCategory::Other,
            MachineCategory::Tractor,
        ],
    ),
];

/// The indexes into [`CREW`] of the engineers covering dealer `dealer`'s area
/// (the demo's dealers in [`DEALERS`] order): a request goes to one of them.
pub(super) fn crew_of_dealer(dealer: usize) -> &'static [usize] {
    const GROUPS: [&[usize]; 5] = [&[0, 1, 2], &[3, 4, 5], &[6, 7], &[8, 9], &[10, 11]];
    GROUPS[dealer % GROUPS.len()]
}

/// Twelve engineers (the demo `engineer` account and eleven colleagues) with
/// skills and home bases near the dealers.
async fn load_engineers(store: &Store) -> Result<(), StoreError> {
    let crew = &CREW;
    debug_assert!(crew.iter().all(|c| DEMO_USERNAMES.contains(&c.0)));
    for (username, name, _, _, _, _) in crew.iter().skip(1) {
        let req = CreateUserRequest {
            username: (*username).into(),
            display_name: (*name).into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![Role::Engineer],
            dealer_id: None,
            department: Some("售后服务部".into()),
            locale: None,
        };
        users::create_unchecked(store, &req).await?;
    }
    let t = now();
    let tx = store.begin_write().await?;
    for (n, (username, _, base, lat, lon, skills)) in crew.iter().enumerate() {
        let Some(u) = user::Entity::find()
            .filter(user::Column::Username.eq(*username))
            .one(&*tx)
            .await?
        else {
            continue;
        };
        engineer_profile::Entity::insert(engineer_profile::ActiveModel {
            user_id: Set(u.id),
            skills: Set(skills
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(",")),
            home_base: Set(Some((*base).into())),
            lat: Set(Some(*lat)),
            lon: Set(Some(*lon)),
            phone: Set(Some(format!("139{:08}", 45_100_000 + n * 7919))),
            active: Set(true),
            version: Set(1),
            updated_at: Set(t),
        })
        .exec_without_returning(&*tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
