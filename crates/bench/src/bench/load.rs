//! The bulk loader: the demo data first (through the store, as `furrow serve
//! --demo` does), then a realistic data set at scale written through the
//! store's bulk-load API (`furrow_store::bulk`): plain rows, multi-row inserts
//! inside a few large write transactions.
//!
//! Why not through the store's commands: intake, dispatch and the rest write
//! one request in ~10 fsynced transactions; a million requests that way would
//! take days on SQLite. The rows written here are what those commands leave
//! behind (the store's own rows and encodings, clocks from the domain's SLA
//! code, sort keys from the store's own `sort_due`).

use super::AuditHistory;
use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use furrow_domain::master::{MachineCategory, search_text, warranty_end_from_sale};
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::site::Site;
use furrow_domain::service::sla::{ClockInput, SlaSettings, clocks};
use furrow_domain::service::{
    Channel, Operation, Priority, ReportStatus, RequestKind, RequestStatus, SuspectedPart,
    WorkOrderStatus,
};
use furrow_store::Store;
use furrow_store::bulk::{
    self, AuditEventRow, Batch, CustomerRow, DealerRow, EngineerProfileRow, FollowUpRow,
    MachineRow, RepairReportRow, ServiceRequestRow, SignLinkRow, UserRow, WorkOrderRow,
};
use furrow_store::db::ConnectSettings;
use furrow_store::demo::names::{self, GIVEN, Person, SURNAMES};
use std::collections::HashMap;
use std::time::Instant;
use uuid::Uuid;

/// The demo's password, shared by every account the loader creates.
pub const PASSWORD: &str = furrow_store::demo::DEMO_PASSWORD;

/// How much to load (totals, demo data included).
#[derive(Debug, Clone)]
pub struct Plan {
    pub dealers: usize,
    pub customers: usize,
    pub machines: usize,
    pub engineers: usize,
    pub requests: usize,
    /// Requests still open (the rest are finished, cancelled or closed).
    pub open: usize,
    pub audit: AuditHistory,
}

impl Plan {
    /// The default data set is 1,000,000 requests over 24 months for 20,000
    /// customers with 40,000 machines, 200 engineers and 50 dealers; `scale`
    /// multiplies every count. `quick` is 2,000 requests on the demo's master data.
    pub fn new(scale: f64, quick: bool, audit: AuditHistory) -> Self {
        let s = if quick { 0.002 } else { scale };
        let n = |base: f64| (base * s).round() as usize;
        let requests = n(1_000_000.0).max(100);
        // A few thousand open requests at full scale (0.4%); small sets keep
        // enough to fill the first pages of the lists.
        let open = ((requests as f64 * 0.004).round() as usize).max((requests / 10).min(200));
        Self {
            dealers: n(50.0).max(5),
            customers: n(20_000.0).max(200),
            machines: n(40_000.0).max(400),
            engineers: n(200.0).max(12),
            requests,
            open,
            audit,
        }
    }
}

/// A dealer's sign-in and some of its requests (for the dealer scenarios).
#[derive(Debug, Clone)]
pub struct DealerUser {
    pub username: String,
    pub request_ids: Vec<Uuid>,
    /// Numbers of some of its requests, for the status pulls by number.
    pub request_numbers: Vec<String>,
}

/// What the scenarios need to know about the loaded data.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub dealer_users: Vec<DealerUser>,
    pub engineer_usernames: Vec<String>,
    /// (customer, one of its machines), for intake bodies.
    pub intake_pairs: Vec<(Uuid, Uuid)>,
    /// Two-character pieces of customer names, for the search scenario.
    pub search_terms: Vec<String>,
    /// Rows per table after loading.
    pub counts: Vec<(String, u64)>,
    /// Open requests by status, and how many of them are overdue / harvest-critical.
    pub open_by_status: Vec<(String, u64)>,
    pub overdue: u64,
    pub harvest_critical_open: u64,
    pub demo_seconds: f64,
    pub bulk_seconds: f64,
}

/// Most requests remembered per dealer for the read scenario.
const IDS_PER_DEALER: usize = 20_000;

/// Request numbers remembered per dealer for the status pulls by number.
const NUMBERS_PER_DEALER: usize = 200;

/// A small, fast, seeded generator (xorshift64*): the same mix of data for the
/// same plan (dates follow the day of the run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// An item by weight.
    fn weighted<T: Copy>(&mut self, items: &[(T, f64)]) -> T {
        let total: f64 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.unit() * total;
        for (item, w) in items {
            if x < *w {
                return *item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }
    /// Seconds uniformly in [lo, hi].
    fn secs(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::seconds(lo + (self.next() % ((hi - lo).max(0) as u64 + 1)) as i64)
    }
}

const MIN: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// City, county, latitude, longitude.
type Place = (&'static str, &'static str, f64, f64);

/// Province, then two places; the first five are the demo dealers' regions.
const PROVINCES: [(&str, [Place; 2]); 13] = [
    (
        "黑龙江",
        [
            ("哈尔滨", "五常市", 44.93, 127.17),
            ("绥化", "海伦市", 47.46, 126.97),
        ],
    ),
    (
        "河南",
        [
            ("周口", "商水县", 33.54, 114.61),
            ("驻马店", "上蔡县", 33.26, 114.26),
        ],
    ),
    (
        "山东",
        [
            ("德州", "齐河县", 36.79, 116.76),
            ("菏泽", "曹县", 34.83, 115.54),
        ],
    ),
    (
        "江苏",
        [
            ("盐城", "射阳县", 33.77, 120.26),
            ("宿迁", "泗洪县", 33.46, 118.22),
        ],
    ),
    (
        "新疆",
        [
            ("昌吉", "玛纳斯县", 44.30, 86.21),
            ("伊犁", "察布查尔县", 43.84, 81.15),
        ],
    ),
    (
        "吉林",
        [
            ("长春", "农安县", 44.43, 125.18),
            ("松原", "扶余市", 44.99, 126.05),
        ],
    ),
    (
        "内蒙古",
        [
            ("通辽", "科尔沁左翼中旗", 44.13, 123.31),
            ("赤峰", "敖汉旗", 42.29, 119.92),
        ],
    ),
    (
        "河北",
        [
            ("石家庄", "赵县", 37.76, 114.78),
            ("邯郸", "曲周县", 36.77, 114.96),
        ],
    ),
    (
        "安徽",
        [
            ("阜阳", "临泉县", 33.06, 115.26),
            ("宿州", "埇桥区", 33.64, 116.98),
        ],
    ),
    (
        "湖北",
        [
            ("荆州", "监利市", 29.82, 112.90),
            ("襄阳", "枣阳市", 32.13, 112.77),
        ],
    ),
    (
        "四川",
        [
            ("成都", "崇州市", 30.63, 103.67),
            ("绵阳", "三台县", 31.10, 105.09),
        ],
    ),
    (
        "湖南",
        [
            ("常德", "澧县", 29.63, 111.76),
            ("益阳", "南县", 29.36, 112.40),
        ],
    ),
    (
        "黑龙江",
        [
            ("佳木斯", "富锦市", 47.25, 132.04),
            ("齐齐哈尔", "讷河市", 48.48, 124.88),
        ],
    ),
];

/// Symptoms by category (what the customer says on the phone).
fn symptoms(category: Option<MachineCategory>, rng: &mut Rng) -> &'static str {
    use MachineCategory::*;
    let pool: &[&str] = match category {
        Some(CombineHarvester) => &[
            "收割时割台不转，有异响",
            "脱粒滚筒堵塞，发动机憋车",
            "粮仓卸粮搅龙不转",
            "行走无力，液压油温过高",
            "清选筛损失率大，粮食含杂多",
        ],
        Some(Tractor) => &[
            "发动机冒黑烟，动力不足",
            "提升器不能提升",
            "离合器打滑，挂挡困难",
            "前桥漏油，转向沉重",
            "仪表盘报警，水温过高",
        ],
        Some(Planter) | Some(Transplanter) => &[
            "排种器不下种，漏播严重",
            "秧爪取秧不稳，漏插",
            "开沟器磨损，播深不一致",
            "传动链条断裂",
        ],
        Some(Sprayer) => &["喷头堵塞，喷雾不均匀", "药泵压力上不去", "喷杆折叠油缸漏油"],
        Some(Baler) => &["打结器不打结", "捡拾器弹齿断裂", "草捆成形不好，松散"],
        _ => &[
            "刀轴异响，刀片断裂",
            "齿轮箱漏油",
            "需要定期保养",
            "咨询配件价格与使用方法",
        ],
    };
    pool[rng.below(pool.len())]
}

const CAUSES: [&str; 6] = [
    "传动皮带老化断裂",
    "轴承磨损间隙过大",
    "液压油滤芯堵塞",
    "燃油滤清器堵塞，供油不足",
    "链条张紧度不够，磨损拉长",
    "密封圈老化导致渗漏",
];
const MEASURES: [&str; 6] = [
    "更换皮带并调整张紧度",
    "更换轴承，加注润滑脂",
    "更换滤芯，清洗液压系统",
    "更换燃油滤清器，排空气",
    "更换链条并调整张紧",
    "更换密封圈，补充液压油",
];
const PARTS: [(&str, &str, &str); 8] = [
    ("4LZ-0231", "割台传动皮带", "条"),
    ("6204-2RS", "深沟球轴承", "个"),
    ("HF-2210", "液压油滤芯", "个"),
    ("FF-5052", "燃油滤清器", "个"),
    ("08B-1", "传动链条", "条"),
    ("OR-45", "O形密封圈", "个"),
    ("L-HM46", "液压油", "升"),
    ("BL-60", "旋耕刀", "把"),
];

/// Month weights of the request volume: harvests (June wheat, Sept-Oct corn
/// and rice) and spring planting are busy, winter is quiet.
const MONTH_WEIGHT: [f64; 12] = [0.4, 0.4, 0.8, 1.0, 1.4, 1.8, 1.2, 1.0, 1.6, 1.9, 0.9, 0.5];

/// A small valid PNG, as a finger-drawn signature would be (tiny, to keep the
/// loaded database a realistic size for rows while not writing gigabytes).
pub fn signature_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, 40, 20);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("png header");
        let data: Vec<u8> = (0..800)
            .map(|i| if i % 41 == 0 { 0 } else { 255 })
            .collect();
        w.write_image_data(&data).expect("png data");
    }
    bytes
}

/// A UUIDv7 carrying `at` as its time, as if the row was created then.
fn id_at(at: DateTime<Utc>, rng: &mut Rng) -> Uuid {
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&rng.next().to_le_bytes());
    random[8..].copy_from_slice(&rng.next().to_le_bytes()[..2]);
    uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis().max(0) as u64, &random)
        .into_uuid()
}

/// Microsecond precision, as the store writes (keyset cursors compare exactly).
fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// A demo or loaded customer, as the generator needs it.
#[derive(Clone)]
struct Cust {
    id: Uuid,
    dealer: usize,
    name: String,
    province: String,
    address: String,
}

#[derive(Clone, Copy)]
struct Mach {
    id: Uuid,
    customer: usize,
    model: usize,
}

struct Model {
    id: Uuid,
    category: Option<MachineCategory>,
}

struct Eng {
    id: Uuid,
    province: String,
}

/// Everything the request generator draws from.
struct World {
    now: DateTime<Utc>,
    sla: SlaSettings,
    /// The working days the repair clocks count: the server's default.
    calendar: WorkCalendar,
    dealers: Vec<Uuid>,
    /// Per dealer: the user that records its portal requests.
    dealer_user: Vec<(Uuid, String)>,
    models: Vec<Model>,
    customers: Vec<Cust>,
    machines: Vec<Mach>,
    engineers: Vec<Eng>,
    engineers_by_province: HashMap<String, Vec<usize>>,
    agent: (Uuid, String),
    supervisor: (Uuid, String),
    signature: Vec<u8>,
}

/// Loads the demo accounts and data, then the data set of `plan`.
pub async fn load(url: &str, plan: &Plan) -> anyhow::Result<Dataset> {
    // One connection, so session settings below apply to every statement;
    // synchronous=NORMAL on SQLite: a crash during loading means loading again.
    let store = Store::connect_with(
        url,
        &ConnectSettings {
            max_connections: 1,
            sqlite_synchronous_full: false,
            ..ConnectSettings::default()
        },
    )
    .await
    .context("Failed to open the bench database")?;
    store.migrate().await.context("Failed to migrate")?;
    let started = Instant::now();
    furrow_store::demo::load_master_if_empty(&store)
        .await
        .context("Failed to load the demo data")?;
    let demo_seconds = started.elapsed().as_secs_f64();
    eprintln!("demo data loaded in {demo_seconds:.1} s");

    bulk::prepare_for_loading(&store)
        .await
        .context("Failed to prepare the database for loading")?;

    let started = Instant::now();
    let mut world = world(&store).await?;
    let mut rng = Rng(0x5EED_F0E0_2026_1127);
    let master = Instant::now();
    add_dealers(&store, plan, &mut world, &mut rng).await?;
    add_customers(&store, plan, &mut world, &mut rng).await?;
    add_machines(&store, plan, &mut world, &mut rng).await?;
    add_engineers(&store, plan, &mut world, &mut rng).await?;
    eprintln!(
        "master data: {} dealers, {} customers, {} machines, {} engineers in {:.1} s",
        world.dealers.len(),
        world.customers.len(),
        world.machines.len(),
        world.engineers.len(),
        master.elapsed().as_secs_f64()
    );
    let history = add_requests(&store, plan, &world, &mut rng).await?;
    finish(&store).await?;
    let bulk_seconds = started.elapsed().as_secs_f64();

    let counts = counts(&store).await?;
    let dealer_users = world
        .dealer_user
        .iter()
        .enumerate()
        .map(|(i, (_, username))| DealerUser {
            username: username.clone(),
            request_ids: history.ids_by_dealer[i].clone(),
            request_numbers: history.numbers_by_dealer[i].clone(),
        })
        .filter(|d| !d.request_ids.is_empty())
        .collect();
    let mut pairs = Vec::new();
    for _ in 0..5_000.min(world.machines.len() * 2) {
        let m = *rng.pick(&world.machines);
        pairs.push((world.customers[m.customer].id, m.id));
    }
    let mut terms: Vec<String> = Vec::new();
    for c in world.customers.iter().take(5_000) {
        let chars: Vec<char> = c.name.chars().collect();
        if chars.len() >= 2 {
            let start = rng.below(chars.len() - 1);
            terms.push(chars[start..start + 2].iter().collect());
        }
    }
    let engineer_usernames = engineer_usernames(&store).await?;
    Ok(Dataset {
        dealer_users,
        engineer_usernames,
        intake_pairs: pairs,
        search_terms: terms,
        counts,
        open_by_status: history.open_by_status,
        overdue: history.overdue,
        harvest_critical_open: history.harvest_critical_open,
        demo_seconds,
        bulk_seconds,
    })
}

/// Reads the demo data back: dealers, models, customers, machines, users.
async fn world(store: &Store) -> anyhow::Result<World> {
    let mut dealers = bulk::dealers(store).await?;
    dealers.sort_by(|a, b| a.code.cmp(&b.code));
    // The demo's own order (its customers are spread over them in this order).
    let demo_order = ["D-HLJ-01", "D-HEN-01", "D-SD-01", "D-JS-01", "D-XJ-01"];
    dealers.sort_by_key(|d| demo_order.iter().position(|c| *c == d.code).unwrap_or(99));
    let models: Vec<Model> = bulk::product_models(store)
        .await?
        .into_iter()
        .map(|m| Model {
            id: m.id,
            category: MachineCategory::parse(&m.category),
        })
        .collect();
    let users = bulk::users(store).await?;
    let find = |name: &str| -> anyhow::Result<(Uuid, String)> {
        users
            .iter()
            .find(|u| u.username == name)
            .map(|u| (u.id, u.username.clone()))
            .with_context(|| format!("demo user {name} missing"))
    };
    let dealer_index: HashMap<Uuid, usize> =
        dealers.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let customers: Vec<Cust> = bulk::customers(store)
        .await?
        .into_iter()
        .map(|c| Cust {
            id: c.id,
            dealer: c
                .dealer_id
                .and_then(|d| dealer_index.get(&d).copied())
                .unwrap_or(0),
            address: c.address_line(),
            name: c.name,
            province: c.province,
        })
        .collect();
    let customer_index: HashMap<Uuid, usize> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let model_index: HashMap<Uuid, usize> =
        models.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let machines = bulk::machines(store)
        .await?
        .into_iter()
        .filter_map(|m| {
            Some(Mach {
                id: m.id,
                customer: *customer_index.get(&m.customer_id)?,
                model: *model_index.get(&m.model_id)?,
            })
        })
        .collect();
    let profiles = bulk::engineer_profiles(store).await?;
    let engineers: Vec<Eng> = profiles
        .iter()
        .map(|p| Eng {
            id: p.user_id,
            // Demo home bases are near the demo dealers; place them by latitude.
            province: nearest_province(p.lat.unwrap_or(40.0), p.lon.unwrap_or(115.0)),
        })
        .collect();
    let mut dealer_user = vec![(Uuid::nil(), String::new()); dealers.len()];
    for u in &users {
        if let Some(i) = u.dealer_id.and_then(|d| dealer_index.get(&d)) {
            dealer_user[*i] = (u.id, u.username.clone());
        }
    }
    Ok(World {
        now: furrow_store::db::now(),
        sla: SlaSettings::default(),
        calendar: WorkCalendar::default(),
        dealers: dealers.iter().map(|d| d.id).collect(),
        dealer_user,
        models,
        customers,
        machines,
        engineers,
        engineers_by_province: HashMap::new(),
        agent: find("agent")?,
        supervisor: find("supervisor")?,
        signature: signature_png(),
    })
}

fn nearest_province(lat: f64, lon: f64) -> String {
    PROVINCES
        .iter()
        .flat_map(|(p, places)| places.iter().map(move |pl| (*p, pl.2, pl.3)))
        .min_by(|a, b| {
            let da = (a.1 - lat).powi(2) + (a.2 - lon).powi(2);
            let db = (b.1 - lat).powi(2) + (b.2 - lon).powi(2);
            da.total_cmp(&db)
        })
        .map(|(p, _, _)| p.to_owned())
        .unwrap_or_default()
}

/// One precomputed argon2 hash of the demo password, reused by every account.
fn password_hash() -> String {
    furrow_store::password::hash_blocking(PASSWORD)
}

/// Dealers up to the plan, and a portal user for every dealer without one.
async fn add_dealers(
    store: &Store,
    plan: &Plan,
    w: &mut World,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let t = w.now;
    let hash = password_hash();
    let tx = store.begin_write().await?;
    let mut rows = Vec::new();
    for n in w.dealers.len()..plan.dealers {
        let (province, places) = PROVINCES[n % PROVINCES.len()];
        let (city, county, _, _) = places[n % 2];
        let id = Uuid::now_v7();
        rows.push(DealerRow {
            id,
            code: format!("D-B{:03}", n + 1),
            name: format!(
                "{city}{}农机销售服务有限公司",
                ["丰源", "沃野", "金穗", "惠农", "益农"][n % 5]
            ),
            region: province.into(),
            contact_name: Some(format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))),
            contact_phone: Some(format!("0{}-{:08}", 300 + n, 60_000_000 + n * 7_919)),
            address: Some(format!("{province}{city}{county}农机大市场{}号", n + 1)),
            active: true,
            version: 1,
            created_at: t,
            updated_at: t,
        });
        w.dealers.push(id);
        w.dealer_user.push((Uuid::nil(), String::new()));
    }
    let mut users = Vec::new();
    for (i, slot) in w.dealer_user.iter_mut().enumerate() {
        if slot.0.is_nil() {
            let id = Uuid::now_v7();
            let username = format!("dealer.{:02}", i + 1);
            users.push(user_row(
                id,
                &username,
                &format!("经销商{:02}", i + 1),
                &hash,
                "dealer",
                Some(w.dealers[i]),
                t,
            ));
            *slot = (id, username);
        }
    }
    Batch {
        dealers: rows,
        users,
        ..Batch::default()
    }
    .write(&tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

fn user_row(
    id: Uuid,
    username: &str,
    name: &str,
    hash: &str,
    roles: &str,
    dealer_id: Option<Uuid>,
    t: DateTime<Utc>,
) -> UserRow {
    UserRow {
        id,
        username: username.into(),
        display_name: name.into(),
        password_hash: hash.into(),
        roles: roles.into(),
        dealer_id,
        department: dealer_id.is_none().then(|| "售后服务部".to_owned()),
        locale: None,
        active: true,
        version: 1,
        created_at: t,
        updated_at: t,
    }
}

/// The dealer's province and one of its places.
fn dealer_place(
    dealer: usize,
    rng: &mut Rng,
) -> (&'static str, &'static str, &'static str, f64, f64) {
    let (province, places) = PROVINCES[dealer % PROVINCES.len()];
    let (city, county, lat, lon) = places[rng.below(2)];
    (province, city, county, lat, lon)
}

async fn add_customers(
    store: &Store,
    plan: &Plan,
    w: &mut World,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let existing = w.customers.len();
    if plan.customers <= existing {
        return Ok(());
    }
    let tx = store.begin_write().await?;
    let mut rows = Vec::new();
    for n in existing..plan.customers {
        let dealer = rng.below(w.dealers.len());
        let (province, city, county, lat, lon) = dealer_place(dealer, rng);
        let person = Person::pick(city, county, |names| *rng.pick(names));
        let village = person.village;
        let c = names::customer(n, &person, rng.below(899_999_999) as u64);
        let address = format!("{province}{city}{county}{village}{}组", 1 + rng.below(9));
        let created = w.now - rng.secs(30 * DAY, 5 * 365 * DAY);
        let id = id_at(created, rng);
        let (lat, lon) = (
            lat + (rng.unit() - 0.5) * 0.6,
            lon + (rng.unit() - 0.5) * 0.6,
        );
        w.customers.push(Cust {
            id,
            dealer,
            name: c.name.clone(),
            province: province.into(),
            address: address.clone(),
        });
        rows.push(CustomerRow {
            id,
            search_text: search_text(&[&c.code, &c.name, &c.phone]),
            code: c.code,
            name: c.name,
            kind: c.kind.as_str().into(),
            phone: c.phone,
            alt_phone: None,
            email: None,
            province: province.into(),
            city: Some(city.into()),
            county: Some(county.into()),
            address: Some(address),
            lat: Some(lat),
            lon: Some(lon),
            dealer_id: Some(w.dealers[dealer]),
            notes: None,
            active: true,
            version: 1,
            created_at: micros(created),
            updated_at: micros(created),
        });
    }
    Batch {
        customers: rows,
        ..Batch::default()
    }
    .write(&tx)
    .await?;
    bulk::set_counter(&tx, "customer", plan.customers as i64).await?;
    tx.commit().await?;
    Ok(())
}

async fn add_machines(
    store: &Store,
    plan: &Plan,
    w: &mut World,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let existing = w.machines.len();
    if plan.machines <= existing {
        return Ok(());
    }
    let demo_customers = w
        .machines
        .iter()
        .map(|m| m.customer)
        .max()
        .map_or(0, |c| c + 1);
    let models = bulk::product_models(store).await?;
    let codes: HashMap<Uuid, (String, i32)> = models
        .iter()
        .map(|m| (m.id, (m.code.replace(['-', '.'], ""), m.warranty_months)))
        .collect();
    // Tractors and harvesters are most of the fleet.
    let model_weights: Vec<(usize, f64)> = w
        .models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let weight = match m.category {
                Some(MachineCategory::Tractor) => 3.0,
                Some(MachineCategory::CombineHarvester) => 2.5,
                Some(MachineCategory::Planter) | Some(MachineCategory::Transplanter) => 1.2,
                _ => 0.8,
            };
            (i, weight)
        })
        .collect();
    let tx = store.begin_write().await?;
    let mut rows = Vec::new();
    let bulk_customers = demo_customers..w.customers.len();
    for n in existing..plan.machines {
        // Every loaded customer owns at least one machine; the rest go at random.
        let k = n - existing;
        let customer = if k < bulk_customers.len() {
            bulk_customers.start + k
        } else {
            rng.below(w.customers.len())
        };
        let model = rng.weighted(&model_weights);
        let sale: NaiveDate = (w.now - rng.secs(20 * DAY, 6 * 365 * DAY)).date_naive();
        let (code, months) = codes.get(&w.models[model].id).cloned().unwrap_or_default();
        let created = Utc.from_utc_datetime(&sale.and_hms_opt(10, 0, 0).unwrap_or_default());
        let id = id_at(created, rng);
        rows.push(MachineRow {
            id,
            serial_number: format!("{code}-{}-{:06}", sale.year(), n + 1),
            model_id: w.models[model].id,
            customer_id: w.customers[customer].id,
            dealer_id: Some(w.dealers[w.customers[customer].dealer]),
            sale_date: Some(sale),
            warranty_end: warranty_end_from_sale(sale, months),
            extended_warranty_end: None,
            replaced_on: None,
            engine_hours: Some(50 + rng.below(4_000) as i32),
            status: "operational".into(),
            notes: None,
            active: true,
            version: 1,
            created_at: created,
            updated_at: created,
        });
        w.machines.push(Mach {
            id,
            customer,
            model,
        });
    }
    Batch {
        machines: rows,
        ..Batch::default()
    }
    .write(&tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn add_engineers(
    store: &Store,
    plan: &Plan,
    w: &mut World,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    use MachineCategory::*;
    let t = w.now;
    let hash = password_hash();
    let tx = store.begin_write().await?;
    let (mut users, mut profiles) = (Vec::new(), Vec::new());
    let all = [
        Tractor,
        CombineHarvester,
        Planter,
        Transplanter,
        Sprayer,
        Baler,
        Other,
    ];
    for n in w.engineers.len()..plan.engineers {
        let id = Uuid::now_v7();
        let (province, city, _, lat, lon) = dealer_place(n, rng);
        let name = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
        users.push(user_row(
            id,
            &format!("eng.b{:03}", n + 1),
            &name,
            &hash,
            "engineer",
            None,
            t,
        ));
        let skills: Vec<&str> = (0..2 + rng.below(2))
            .map(|_| rng.pick(&all).as_str())
            .collect();
        let mut skills = skills;
        skills.sort_unstable();
        skills.dedup();
        profiles.push(EngineerProfileRow {
            user_id: id,
            skills: skills.join(","),
            home_base: Some(format!("{city}服务站")),
            lat: Some(lat),
            lon: Some(lon),
            phone: Some(format!("139{:08}", 20_000_000 + n * 7_919)),
            active: true,
            version: 1,
            updated_at: t,
        });
        w.engineers.push(Eng {
            id,
            province: province.into(),
        });
    }
    Batch {
        users,
        engineer_profiles: profiles,
        ..Batch::default()
    }
    .write(&tx)
    .await?;
    tx.commit().await?;
    for (i, e) in w.engineers.iter().enumerate() {
        w.engineers_by_province
            .entry(e.province.clone())
            .or_default()
            .push(i);
    }
    Ok(())
}

/// What the history generator hands back.
struct History {
    ids_by_dealer: Vec<Vec<Uuid>>,
    numbers_by_dealer: Vec<Vec<String>>,
    open_by_status: Vec<(String, u64)>,
    overdue: u64,
    harvest_critical_open: u64,
}

/// Requests reported in this many seconds (24 months).
const HISTORY: i64 = 730 * DAY;
/// Requests written per block, and blocks per transaction.
const BLOCK: usize = 5_000;
const BLOCKS_PER_TX: usize = 5;

/// Report times of the history: seasonal over 24 months, the open ones recent;
/// sorted, so numbers and UUIDv7 ids follow time as in real life.
fn report_times(
    plan: &Plan,
    now: DateTime<Utc>,
    rng: &mut Rng,
) -> Vec<(DateTime<Utc>, Option<RequestStatus>)> {
    let max_w = MONTH_WEIGHT.iter().cloned().fold(0.0, f64::max);
    let mut out = Vec::with_capacity(plan.requests);
    let closed = plan.requests - plan.open;
    while out.len() < closed {
        // Reported at least two days ago; the open ones are added below.
        let t = now - rng.secs(2 * DAY, HISTORY);
        if rng.unit() * max_w < MONTH_WEIGHT[t.month0() as usize] {
            out.push((micros(t), None));
        }
    }
    use RequestStatus::*;
    for _ in 0..plan.open {
        let status = rng.weighted(&[
            (New, 0.12),
            (Dispatched, 0.28),
            (InService, 0.35),
            (PendingReview, 0.15),
            (PendingSignoff, 0.10),
        ]);
        let age = match status {
            New if rng.chance(0.15) => rng.secs(6 * HOUR, 2 * DAY),
            New => rng.secs(5 * MIN, 6 * HOUR),
            Dispatched => rng.secs(2 * HOUR, 3 * DAY),
            InService => rng.secs(DAY, 20 * DAY),
            PendingReview => rng.secs(2 * DAY, 25 * DAY),
            _ => rng.secs(3 * DAY, 30 * DAY),
        };
        out.push((micros(now - age), Some(status)));
    }
    out.sort_by_key(|(t, _)| *t);
    out
}

async fn add_requests(
    store: &Store,
    plan: &Plan,
    w: &World,
    rng: &mut Rng,
) -> anyhow::Result<History> {
    let started = Instant::now();
    let times = report_times(plan, w.now, rng);
    let zone = w.sla.zone();
    let mut sr_seq: HashMap<i32, i64> = HashMap::new();
    let mut wo_seq: HashMap<i32, i64> = HashMap::new();
    let mut ids_by_dealer: Vec<Vec<Uuid>> = vec![Vec::new(); w.dealers.len()];
    let mut numbers_by_dealer: Vec<Vec<String>> = vec![Vec::new(); w.dealers.len()];
    let mut seen_by_dealer = vec![0usize; w.dealers.len()];
    let mut open_by_status: HashMap<&'static str, u64> = HashMap::new();
    let (mut overdue, mut critical) = (0u64, 0u64);
    let mut block = Batch::default();
    let mut tx = store.begin_write().await?;
    let mut blocks_in_tx = 0;
    for (n, (reported, open_status)) in times.into_iter().enumerate() {
        let year = reported.with_timezone(&zone).year();
        let seq = sr_seq.entry(year).or_insert(0);
        *seq += 1;
        let number = format!("SR-{year}-{:06}", *seq);
        let made = one_request(
            w,
            rng,
            reported,
            open_status,
            number,
            &mut wo_seq,
            plan.audit,
        );
        let sr = &made.request;
        if sr.is_open {
            *open_by_status
                .entry(RequestStatus::parse(&sr.status).map_or("?", |s| s.as_str()))
                .or_insert(0) += 1;
            overdue += u64::from(sr.sort_due() < w.now);
            critical += u64::from(sr.harvest_critical);
        }
        if let Some(d) = sr
            .dealer_id
            .and_then(|d| w.dealers.iter().position(|x| *x == d))
        {
            // Reservoir sample: every request of the dealer equally likely.
            seen_by_dealer[d] += 1;
            if numbers_by_dealer[d].len() < NUMBERS_PER_DEALER {
                numbers_by_dealer[d].push(sr.number.clone());
            }
            if ids_by_dealer[d].len() < IDS_PER_DEALER {
                ids_by_dealer[d].push(sr.id);
            } else {
                let k = rng.below(seen_by_dealer[d]);
                if k < IDS_PER_DEALER {
                    ids_by_dealer[d][k] = sr.id;
                }
            }
        }
        made.into_block(&mut block);
        if (n + 1) % BLOCK == 0 {
            std::mem::take(&mut block).write(&tx).await?;
            blocks_in_tx += 1;
            if blocks_in_tx == BLOCKS_PER_TX {
                tx.commit().await?;
                tx = store.begin_write().await?;
                blocks_in_tx = 0;
                let done = n + 1;
                let secs = started.elapsed().as_secs_f64();
                eprintln!(
                    "  {done:>9} / {} requests ({:.0} requests/s)",
                    plan.requests,
                    done as f64 / secs
                );
            }
        }
    }
    block.write(&tx).await?;
    for (year, value) in &sr_seq {
        bulk::set_counter(&tx, &format!("SR-{year}"), *value).await?;
    }
    for (year, value) in &wo_seq {
        bulk::set_counter(&tx, &format!("WO-{year}"), *value).await?;
    }
    tx.commit().await?;
    let mut open_by_status: Vec<(String, u64)> = open_by_status
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    open_by_status.sort();
    eprintln!(
        "history: {} requests in {:.1} s ({:.0} requests/s, with their work orders, reports, sign links, follow-ups{})",
        plan.requests,
        started.elapsed().as_secs_f64(),
        plan.requests as f64 / started.elapsed().as_secs_f64(),
        if plan.audit == AuditHistory::Created {
            " and `created` audit events"
        } else {
            ""
        }
    );
    Ok(History {
        ids_by_dealer,
        numbers_by_dealer,
        open_by_status,
        overdue,
        harvest_critical_open: critical,
    })
}

/// One request and what its life left behind.
struct Made {
    request: ServiceRequestRow,
    work_orders: Vec<WorkOrderRow>,
    report: Option<RepairReportRow>,
    link: Option<SignLinkRow>,
    follow_up: Option<FollowUpRow>,
    audit: Option<AuditEventRow>,
}

impl Made {
    fn into_block(self, b: &mut Batch) {
        b.requests.push(self.request);
        b.work_orders.extend(self.work_orders);
        b.reports.extend(self.report);
        b.sign_links.extend(self.link);
        b.follow_ups.extend(self.follow_up);
        b.audit_events.extend(self.audit);
    }
}

fn hours(h: i64) -> i64 {
    h * HOUR
}

/// Generates one request reported at `reported`, open in `open` status or
/// finished (completed, resolved remotely, cancelled or closed).
#[allow(clippy::too_many_arguments)]
fn one_request(
    w: &World,
    rng: &mut Rng,
    reported: DateTime<Utc>,
    open: Option<RequestStatus>,
    number: String,
    wo_seq: &mut HashMap<i32, i64>,
    audit: AuditHistory,
) -> Made {
    use RequestStatus as S;
    let zone = w.sla.zone();
    // Who and what.
    let (cust_idx, mach) = if rng.chance(0.92) {
        let m = *rng.pick(&w.machines);
        (m.customer, Some(m))
    } else {
        (rng.below(w.customers.len()), None)
    };
    let cust = &w.customers[cust_idx];
    let model_idx = mach
        .map(|m| m.model)
        .or_else(|| rng.chance(0.6).then(|| rng.below(w.models.len())));
    let category = model_idx.and_then(|i| w.models[i].category);
    let kind = match open {
        // Open requests are the ones that need a visit, but the new ones.
        Some(s) if s != S::New => rng.weighted(&[
            (RequestKind::Repair, 0.85),
            (RequestKind::Maintenance, 0.15),
        ]),
        _ => rng.weighted(&[
            (RequestKind::Repair, 0.70),
            (RequestKind::Maintenance, 0.15),
            (RequestKind::Consultation, 0.12),
            (RequestKind::Complaint, 0.03),
        ]),
    };
    let channel = rng.weighted(&[
        (Channel::Phone, 0.55),
        (Channel::DealerPortal, 0.20),
        (Channel::OnlineChat, 0.10),
        (Channel::Email, 0.05),
        (Channel::Api, 0.05),
        (Channel::WalkIn, 0.05),
    ]);
    let priority = rng.weighted(&[
        (Priority::Critical, 0.05),
        (Priority::High, 0.25),
        (Priority::Normal, 0.55),
        (Priority::Low, 0.15),
    ]);
    let needs_onsite = match (open, kind) {
        (Some(s), _) if s != S::New => true,
        (_, RequestKind::Repair) => rng.chance(0.92),
        (_, RequestKind::Maintenance) => rng.chance(0.85),
        (_, RequestKind::Consultation) => false,
        (_, RequestKind::Complaint) => rng.chance(0.3),
    };
    let machine_stopped = kind == RequestKind::Repair && rng.chance(0.55);
    let month = reported.with_timezone(&zone).month();
    let operation = machine_stopped.then(|| match month {
        5..=7 | 9..=11 => rng.weighted(&[
            (Operation::Harvest, 0.6),
            (Operation::Planting, 0.3),
            (Operation::Transport, 0.1),
        ]),
        3 | 4 => rng.weighted(&[
            (Operation::Planting, 0.5),
            (Operation::Tillage, 0.4),
            (Operation::Spraying, 0.1),
        ]),
        8 => Operation::Spraying,
        _ => rng.weighted(&[
            (Operation::Transport, 0.5),
            (Operation::Tillage, 0.3),
            (Operation::Other, 0.2),
        ]),
    });
    let suspected = if kind == RequestKind::Repair {
        rng.weighted(&[
            (SuspectedPart::MainPart, 0.3),
            (SuspectedPart::WearPart, 0.5),
            (SuspectedPart::Unknown, 0.2),
        ])
    } else {
        SuspectedPart::Unknown
    };
    // A few open requests are declared harvest-critical by the agent (late
    // harvests, cotton in Xinjiang); otherwise the SLA decides by season.
    let critical_override = (open.is_some() && rng.chance(0.08)).then_some(true);
    let c = clocks(
        &w.sla,
        &w.calendar,
        &ClockInput {
            reported_at: reported,
            priority,
            kind,
            site: Site::of_address(&cust.province, None, None, None, None),
            category,
            // The generated machines are sold recently and every province
            // generated has a station: the law's facts, not computed per row.
            in_warranty: true,
            in_network: true,
            harvest_critical: critical_override,
            // Generated history: the suspected part stands as the diagnosis.
            diagnosed_part: suspected,
            needs_onsite,
            promised_arrival_at: None,
        },
    );
    let id = id_at(reported, rng);
    let dealer_idx = cust.dealer;
    let (creator_id, creator) = if channel == Channel::DealerPortal {
        w.dealer_user[dealer_idx].clone()
    } else {
        w.agent.clone()
    };
    let mut sr = ServiceRequestRow {
        id,
        number,
        status: S::New.as_str().into(),
        is_open: true,
        channel: channel.as_str().into(),
        kind: kind.as_str().into(),
        priority: priority.as_str().into(),
        priority_rank: priority.rank(),
        customer_id: cust.id,
        machine_id: mach.map(|m| m.id),
        model_id: model_idx.map(|i| w.models[i].id),
        reported_serial: None,
        dealer_id: Some(w.dealers[dealer_idx]),
        region: Some(cust.province.clone()),
        // The site as intake defaults it: the customer's address (the loader's customers have no point).
        site_address: Some(cust.address.clone()),
        site_lat: None,
        site_lon: None,
        symptoms: symptoms(category, rng).into(),
        preliminary_judgement: rng
            .chance(0.6)
            .then(|| CAUSES[rng.below(CAUSES.len())].to_owned()),
        needs_onsite,
        harvest_critical: c.harvest_critical,
        machine_stopped,
        stopped_rank: if machine_stopped && c.in_season { 0 } else { 1 },
        operation_at_risk: operation.map(|o| o.as_str().to_owned()),
        suspected_part: suspected.as_str().into(),
        in_season: c.in_season,
        legal_clock: c.legal_clock.as_str().into(),
        diagnosed_part: suspected.as_str().into(),
        promised_arrival_at: None,
        reported_at: reported,
        first_contact_due: c.first_contact_due,
        first_contact_at: None,
        arrival_due: c.arrival_due,
        arrived_at: None,
        repair_due: c.repair_due,
        repaired_at: None,
        completed_at: None,
        closed_at: None,
        sort_due: reported,
        work_order_id: None,
        engineer_id: None,
        repeat_of: None,
        cancel_reason: None,
        resolution: None,
        proposed_coverage: None,
        coverage: None,
        coverage_reason: None,
        parts_waiting_since: None,
        created_by: Some(creator_id),
        created_by_name: creator,
        version: 1,
        created_at: reported,
        updated_at: reported,
    };
    let audit = (audit == AuditHistory::Created).then(|| AuditEventRow {
        id: id_at(reported, rng),
        at: reported,
        actor_id: Some(creator_id),
        actor_name: sr.created_by_name.clone(),
        entity_type: "service_request".into(),
        entity_id: id,
        action: "created".into(),
        changes: serde_json::json!({"number": sr.number, "channel": sr.channel, "priority": sr.priority,
            "harvest_critical": sr.harvest_critical, "first_contact_due": sr.first_contact_due,
            "arrival_due": sr.arrival_due, "repair_due": sr.repair_due}),
    });
    let mut made = Made {
        request: sr.clone(),
        work_orders: vec![],
        report: None,
        link: None,
        follow_up: None,
        audit,
    };

    // What happened next. Open requests stop where their status says; the
    // finished ones went all the way (or were cancelled early).
    let first_contact_h = w.sla.first_contact_hours.get(priority);
    let contact = reported + rng.secs(5 * MIN, (hours(first_contact_h) as f64 * 1.3) as i64);
    let finished_outcome = if open.is_some() {
        None
    } else if needs_onsite {
        Some(rng.weighted(&[
            (S::Completed, 0.93),
            (S::Cancelled, 0.05),
            (S::Closed, 0.02),
        ]))
    } else {
        Some(rng.weighted(&[
            (S::ResolvedRemotely, 0.92),
            (S::Cancelled, 0.05),
            (S::Closed, 0.03),
        ]))
    };
    let stage = match (open, finished_outcome) {
        (Some(s), _) => s,
        (None, Some(S::Closed)) if needs_onsite => S::Completed,
        (None, Some(S::Closed)) => S::ResolvedRemotely,
        (None, Some(s)) => s,
        (None, None) => S::New,
    };
    let mut last = reported;
    let mut version = 1;
    match stage {
        S::New => {
            if rng.chance(0.3) && contact < w.now {
                sr.first_contact_at = Some(contact);
                last = contact;
                version += 1;
            }
        }
        S::Cancelled => {
            sr.first_contact_at = Some(contact);
            let at = contact + rng.secs(HOUR, 2 * DAY);
            sr.status = S::Cancelled.as_str().into();
            sr.is_open = false;
            sr.cancel_reason = Some(
                rng.pick(&["客户自行修好", "重复报修", "客户改期，暂不需要服务"])
                    .to_string(),
            );
            last = at;
            version += 2;
        }
        S::ResolvedRemotely => {
            let at = contact + rng.secs(5 * MIN, 4 * HOUR);
            sr.first_contact_at = Some(at);
            sr.completed_at = Some(at);
            sr.status = S::ResolvedRemotely.as_str().into();
            sr.is_open = false;
            sr.resolution = Some(
                rng.pick(&[
                    "电话指导调整割台高度",
                    "指导客户更换保险丝",
                    "告知保养周期与用油规格",
                ])
                .to_string(),
            );
            last = at;
            version += 1;
        }
        _ => {
            // Dispatched or further: the visit path.
            sr.first_contact_at = Some(contact);
            let dispatched =
                (contact + rng.secs(10 * MIN, 3 * HOUR)).min(w.now - Duration::minutes(1));
            let engineer = pick_engineer(w, &cust.province, rng);
            let arrival_due = sr.arrival_due;
            let mut next_wo = |rng: &mut Rng, at: DateTime<Utc>, engineer: Uuid| {
                let seq = wo_seq.entry(at.with_timezone(&zone).year()).or_insert(0);
                *seq += 1;
                WorkOrderRow {
                    id: id_at(at, rng),
                    number: format!("WO-{}-{:06}", at.with_timezone(&zone).year(), *seq),
                    status: WorkOrderStatus::Assigned.as_str().into(),
                    is_open: true,
                    request_id: id,
                    engineer_id: engineer,
                    dispatcher_id: Some(w.supervisor.0),
                    dispatcher_name: w.supervisor.1.clone(),
                    site_address: cust.address.clone(),
                    requirements: rng.chance(0.3).then(|| "带常用易损件".to_owned()),
                    arrival_due,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                    // Not yet scheduled, visited or closed.
                    ..WorkOrderRow::default()
                }
            };
            let mut wo = next_wo(rng, dispatched, engineer);
            version += 1;
            last = dispatched;
            // 3% were reassigned once before the engineer who did the job.
            if rng.chance(0.03) {
                let at = (dispatched + rng.secs(HOUR, DAY)).min(w.now - Duration::minutes(1));
                wo.status = WorkOrderStatus::Reassigned.as_str().into();
                wo.is_open = false;
                wo.close_reason = Some("工程师请假".into());
                wo.version = 2;
                wo.updated_at = at;
                made.work_orders.push(wo);
                let other = pick_engineer(w, &cust.province, rng);
                wo = next_wo(rng, at, other);
                version += 1;
                last = at;
            }
            sr.status = S::Dispatched.as_str().into();
            sr.work_order_id = Some(wo.id);
            sr.engineer_id = Some(wo.engineer_id);
            if rng.chance(0.5) {
                wo.status = WorkOrderStatus::Scheduled.as_str().into();
                wo.appointment_at = Some(last + rng.secs(HOUR, DAY));
                wo.version += 1;
            }
            if matches!(
                stage,
                S::InService | S::PendingReview | S::PendingSignoff | S::Completed
            ) {
                let arrival_h = w.sla.arrival_hours.get(priority);
                let arrived = (last + rng.secs(HOUR, (hours(arrival_h) as f64 * 1.2) as i64))
                    .min(w.now - Duration::minutes(1));
                sr.status = S::InService.as_str().into();
                sr.arrived_at = Some(arrived);
                wo.status = WorkOrderStatus::OnSite.as_str().into();
                wo.arrived_at = Some(arrived);
                wo.version += 1;
                version += 1;
                last = arrived;
                let mut report = RepairReportRow {
                    id: id_at(arrived, rng),
                    work_order_id: wo.id,
                    request_id: id,
                    engineer_id: wo.engineer_id,
                    status: ReportStatus::Draft.as_str().into(),
                    process: format!("到达现场检查：{}", sr.symptoms),
                    cause: CAUSES[rng.below(CAUSES.len())].into(),
                    measures: MEASURES[rng.below(MEASURES.len())].into(),
                    further_problems: rng.chance(0.2).then(|| "拨禾轮轴承磨损".to_owned()),
                    proposals: rng.chance(0.2).then(|| "下次保养时更换轴承".to_owned()),
                    labour_hours: ["1", "1.5", "2", "2.5", "3", "4", "6"][rng.below(7)].into(),
                    parts: parts_json(rng),
                    version: 1,
                    created_at: arrived,
                    updated_at: arrived,
                    // Not yet submitted, reviewed or signed.
                    ..RepairReportRow::default()
                };
                let has_report = stage != S::InService || rng.chance(0.5);
                if stage != S::InService {
                    // Finished (sometimes days later: waiting for parts), submitted.
                    let long = rng.chance(0.1);
                    let finished = (arrived
                        + if long {
                            rng.secs(DAY, 4 * DAY)
                        } else {
                            rng.secs(HOUR, 8 * HOUR)
                        })
                    .min(w.now - Duration::minutes(1));
                    wo.status = WorkOrderStatus::Finished.as_str().into();
                    wo.is_open = false;
                    wo.finished_at = Some(finished);
                    let passed = rng.chance(0.97);
                    wo.inspection_passed = Some(passed);
                    wo.finish_notes = rng.chance(0.4).then(|| "试车正常".to_owned());
                    wo.version += 1;
                    sr.repaired_at = Some(finished);
                    let submitted = (finished + rng.secs(20 * MIN, 12 * HOUR))
                        .min(w.now - Duration::minutes(1));
                    report.status = ReportStatus::Submitted.as_str().into();
                    report.submitted_at = Some(submitted);
                    report.inspection_passed = Some(passed);
                    report.version += 1;
                    sr.status = S::PendingReview.as_str().into();
                    version += 2;
                    last = submitted;
                    if matches!(stage, S::PendingSignoff | S::Completed) {
                        let reviewed = (submitted + rng.secs(HOUR, 30 * HOUR))
                            .min(w.now - Duration::minutes(1));
                        report.status = ReportStatus::Approved.as_str().into();
                        report.reviewer_id = Some(w.supervisor.0);
                        report.reviewer_name = Some(w.supervisor.1.clone());
                        report.review_comment = rng.chance(0.3).then(|| "同意".to_owned());
                        report.reviewed_at = Some(reviewed);
                        report.version += 2;
                        sr.status = S::PendingSignoff.as_str().into();
                        version += 1;
                        let link_at = (reviewed + rng.secs(5 * MIN, 2 * HOUR))
                            .min(w.now - Duration::minutes(1));
                        let mut token = [0u8; 32];
                        for chunk in token.chunks_mut(8) {
                            chunk.copy_from_slice(&rng.next().to_le_bytes());
                        }
                        let mut link = SignLinkRow {
                            id: id_at(link_at, rng),
                            report_id: report.id,
                            token_hash: token.iter().map(|b| format!("{b:02x}")).collect(),
                            expires_at: link_at + Duration::days(7),
                            used_at: None,
                            created_by: Some(w.supervisor.0),
                            created_at: link_at,
                        };
                        last = link_at;
                        if stage == S::Completed {
                            let signed = (link_at + rng.secs(10 * MIN, 48 * HOUR))
                                .min(w.now - Duration::minutes(1));
                            link.used_at = Some(signed);
                            report.status = ReportStatus::Signed.as_str().into();
                            report.signer_name = Some(cust.name.clone());
                            report.signature_png = Some(w.signature.clone());
                            report.signed_at = Some(signed);
                            report.signed_ip = Some(format!(
                                "10.{}.{}.{}",
                                rng.below(255),
                                rng.below(255),
                                1 + rng.below(250)
                            ));
                            report.version += 1;
                            sr.status = S::Completed.as_str().into();
                            sr.is_open = false;
                            sr.completed_at = Some(signed);
                            version += 1;
                            last = signed;
                        }
                        made.link = Some(link);
                    }
                    report.updated_at = last;
                }
                if has_report {
                    made.report = Some(report);
                }
            }
            wo.updated_at = wo.finished_at.or(wo.arrived_at).unwrap_or(wo.created_at);
            made.work_orders.push(wo);
        }
    }
    // Follow-up call after a finished service; the older ones are done.
    if let Some(done_at) = sr.completed_at {
        let due = done_at + Duration::days(w.sla.follow_up_days);
        let called = due + rng.secs(0, 3 * DAY);
        let done = called < w.now;
        made.follow_up = Some(FollowUpRow {
            id: id_at(done_at, rng),
            request_id: id,
            due_at: due,
            status: if done { "done" } else { "pending" }.into(),
            method: done.then(|| "phone".to_owned()),
            attempts: i32::from(done),
            reached: done.then_some(true),
            satisfaction: done.then(|| {
                rng.pick(&["very_satisfied", "satisfied", "satisfied", "neutral"])
                    .to_string()
            }),
            machine_running_normally: (done && needs_onsite).then_some(true),
            comments: None,
            suggestions: None,
            completed_at: done.then_some(called),
            failed_attempts: 0,
            last_attempt_at: done.then_some(called),
            completed_by: None,
            version: if done { 2 } else { 1 },
            created_at: done_at,
            updated_at: if done { called } else { done_at },
        });
        if finished_outcome == Some(S::Closed) && done {
            sr.status = S::Closed.as_str().into();
            sr.closed_at = Some(called);
            version += 1;
            last = called;
        }
    }
    sr.version = version;
    sr.updated_at = last;
    sr.sort_due = sr.sort_due();
    made.request = sr;
    made
}

/// An engineer of the customer's province when there is one.
fn pick_engineer(w: &World, province: &str, rng: &mut Rng) -> Uuid {
    match w.engineers_by_province.get(province) {
        Some(list) if !list.is_empty() && rng.chance(0.9) => w.engineers[*rng.pick(list)].id,
        _ => rng.pick(&w.engineers).id,
    }
}

/// The parts of a report as the store keeps them (`[PartLine]`).
fn parts_json(rng: &mut Rng) -> serde_json::Value {
    let n = rng.weighted(&[(0usize, 0.3), (1, 0.45), (2, 0.2), (3, 0.05)]);
    serde_json::Value::Array(
        (0..n)
            .map(|_| {
                let (pn, name, unit) = *rng.pick(&PARTS);
                serde_json::json!({"part_number": pn, "name": name, "quantity": (1 + rng.below(3)).to_string(), "unit": unit})
            })
            .collect(),
    )
}

/// Checkpoints SQLite's WAL into the database file; on PostgreSQL, what
/// autovacuum would do shortly after a bulk load (statistics and visibility
/// map), so the planner sees the real table sizes. SQLite gets no ANALYZE:
/// Furrow never runs one, so the bench measures the plans production gets.
async fn finish(store: &Store) -> anyhow::Result<()> {
    let t = Instant::now();
    let what = bulk::settle(store).await?;
    eprintln!("{what} in {:.1} s", t.elapsed().as_secs_f64());
    Ok(())
}

/// Rows per table.
async fn counts(store: &Store) -> anyhow::Result<Vec<(String, u64)>> {
    Ok(bulk::counts(store).await?)
}

/// Usernames of the active engineers (demo and loaded), demo ones first.
async fn engineer_usernames(store: &Store) -> anyhow::Result<Vec<String>> {
    let ids: Vec<Uuid> = bulk::engineer_profiles(store)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let mut names: Vec<String> = bulk::users(store)
        .await?
        .into_iter()
        .filter(|u| ids.contains(&u.id) && u.active)
        .map(|u| u.username)
        .collect();
    names.sort_by_key(|n| (n.starts_with("eng.b"), n.clone()));
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_plan_is_the_issue_s_data_set() {
        let p = Plan::new(1.0, false, AuditHistory::Created);
        assert_eq!(
            (p.customers, p.machines, p.engineers, p.requests),
            (20_000, 40_000, 200, 1_000_000)
        );
        assert_eq!(p.open, 4_000);
        let q = Plan::new(1.0, true, AuditHistory::Created);
        assert_eq!(q.requests, 2_000);
        assert_eq!(q.open, 200);
    }

    #[test]
    fn loaded_ids_are_version_7_and_carry_their_time() {
        let mut rng = Rng(1);
        let at = Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap();
        let id = id_at(at, &mut rng);
        assert_eq!(id.get_version_num(), 7);
        let (secs, _) = id.get_timestamp().unwrap().to_unix();
        assert_eq!(secs as i64, at.timestamp());
    }
}
