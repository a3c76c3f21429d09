//! Demo data: realistic records for trying Furrow out, loaded only into an
//! empty database. The demo accounts share a published password, so the server
//! warns at start-up while any of them is still active.

use crate::entities::dealer;
use crate::error::StoreError;
use crate::{Store, users};
use chrono::Utc;
use furrow_domain::Role;
use furrow_domain::users::CreateUserRequest;
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "furrow-demo";

/// The demo accounts, one per role.
pub const DEMO_USERNAMES: [&str; 9] = [
    "admin",
    "agent",
    "supervisor",
    "engineer",
    "parts",
    "purchasing",
    "finance",
    "manager",
    "dealer",
];

/// Dealers: code, name, region, contact, phone.
const DEALERS: [(&str, &str, &str, &str, &str); 5] = [
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

/// Loads the demo data unless the database already has users. Returns whether it loaded.
pub async fn load_if_empty(store: &Store) -> Result<bool, StoreError> {
    if users::count(store).await? > 0 {
        return Ok(false);
    }
    let dealer_ids = load_dealers(store).await?;
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
        // The demo password is shorter than the policy asks of real users; it
        // is hashed the same way, only the length check is skipped.
        users::create_unchecked(store, &req).await?;
    }
    Ok(true)
}

async fn load_dealers(store: &Store) -> Result<Vec<Uuid>, StoreError> {
    let now = Utc::now();
    let tx = store.begin_write().await?;
    let mut ids = Vec::new();
    for (code, name, region, contact, phone) in DEALERS {
        let id = Uuid::now_v7();
        dealer::Entity::insert(dealer::ActiveModel {
            id: Set(id),
            code: Set(code.into()),
            name: Set(name.into()),
            region: Set(region.into()),
            contact_name: Set(Some(contact.into())),
            contact_phone: Set(Some(phone.into())),
            address: Set(None),
            active: Set(true),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(&*tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}
