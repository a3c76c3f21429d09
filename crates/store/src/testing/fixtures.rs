//! Small builders that make the records a test needs through the store's own
//! create functions (so every rule, audit event and scope applies), with
//! defaults for what the test does not care about:
//!
//! ```ignore
//! let fx = Fixture::new(&store).await;
//! let m = fx.machine().category(MachineCategory::CombineHarvester).create().await;
//! ```
//!
//! Codes, login names and serial numbers carry the fixture's own tag and a
//! running number, so a test can make as many records (and fixtures) as it likes.

use crate::customers::Customers;
use crate::product_models::ProductModels;
use crate::{Store, dealers, engineers, machines, record_kit, users};
use chrono::NaiveDate;
use furrow_domain::Role;
use furrow_domain::auth::Actor;
use furrow_domain::dealers::{DealerInput, DealerView};
use furrow_domain::master::{
    CustomerInput, CustomerKind, CustomerView, EngineerProfileInput, EngineerView, MachineCategory,
    MachineInput, MachineStatus, MachineView, ModelParam, ProductModelInput, ProductModelView,
};
use furrow_domain::users::{CreateUserRequest, UserView};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use uuid::Uuid;

/// The password of every user a fixture makes.
pub const FIXTURE_PASSWORD: &str = "a-good-password";

/// A store, an administrator to act as, and builders for records.
#[derive(Clone)]
pub struct Fixture {
    store: Store,
    admin: Actor,
    /// Tells this fixture's codes and names from another's on the same store.
    tag: String,
    next: Arc<AtomicU32>,
}

impl Fixture {
    /// A fixture on `store`, with a new administrator that the builders act as.
    pub async fn new(store: &Store) -> Fixture {
        // The random end of a v7 id: distinct for every fixture in practice.
        let id = Uuid::now_v7().simple().to_string();
        let tag = id[id.len() - 6..].to_owned();
        let admin = users::create(
            store,
            None,
            &new_user(&format!("fx{tag}-admin"), &[Role::Admin], None),
        )
        .await
        .expect("create the fixture's administrator");
        let admin = principal(store, admin.id).await;
        Fixture {
            store: store.clone(),
            admin,
            tag,
            next: Arc::new(AtomicU32::new(1)),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The administrator the builders act as.
    pub fn admin(&self) -> &Actor {
        &self.admin
    }

    /// A number not used before by this fixture.
    pub fn unique(&self) -> u32 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    pub fn dealer(&self) -> DealerBuilder<'_> {
        let n = self.unique();
        DealerBuilder {
            fx: self,
            input: DealerInput {
                code: format!("D-{}-{n:03}", self.tag.to_uppercase()),
                name: format!("测试经销商 {n}"),
                region: "黑龙江".into(),
                contact_name: None,
                contact_phone: None,
                address: None,
            },
        }
    }

    pub fn customer(&self) -> CustomerBuilder<'_> {
        let n = self.unique();
        CustomerBuilder {
            fx: self,
            input: CustomerInput {
                name: format!("测试客户 {n}"),
                kind: Some(CustomerKind::Individual),
                phone: format!("138{n:08}"),
                province: "黑龙江".into(),
                ..Default::default()
            },
        }
    }

    pub fn model(&self) -> ModelBuilder<'_> {
        let n = self.unique();
        ModelBuilder {
            fx: self,
            input: ProductModelInput {
                code: format!("M-{}-{n:03}", self.tag.to_uppercase()),
                name: format!("测试型号 {n}"),
                category: MachineCategory::CombineHarvester,
                params: Vec::new(),
                warranty_months: 24,
            },
        }
    }

    pub fn machine(&self) -> MachineBuilder<'_> {
        let n = self.unique();
        MachineBuilder {
            fx: self,
            serial_number: format!("SN-{}-{n:05}", self.tag.to_uppercase()),
            category: MachineCategory::CombineHarvester,
            model_id: None,
            owner: None,
            dealer_id: None,
            sale_date: None,
            status: None,
        }
    }

    /// A user holding `roles`.
    pub fn user(&self, roles: &[Role]) -> UserBuilder<'_> {
        let n = self.unique();
        UserBuilder {
            fx: self,
            input: new_user(&format!("fx{}-user-{n}", self.tag), roles, None),
        }
    }

    /// An engineer (a user with the engineer role) with a profile.
    pub fn engineer(&self) -> EngineerBuilder<'_> {
        let n = self.unique();
        EngineerBuilder {
            fx: self,
            username: format!("fx{}-engineer-{n}", self.tag),
            profile: EngineerProfileInput {
                skills: vec![MachineCategory::CombineHarvester],
                home_base: Some("哈尔滨".into()),
                lat: None,
                lon: None,
                phone: Some(format!("139{n:08}")),
                active: true,
            },
        }
    }

    /// The actor of a stored user, as the server loads it for a request.
    pub async fn actor_of(&self, user_id: Uuid) -> Actor {
        principal(&self.store, user_id).await
    }
}

fn new_user(username: &str, roles: &[Role], dealer_id: Option<Uuid>) -> CreateUserRequest {
    CreateUserRequest {
        username: username.into(),
        display_name: format!("{username} 名"),
        password: FIXTURE_PASSWORD.into(),
        roles: roles.to_vec(),
        dealer_id,
        department: None,
        locale: None,
    }
}

async fn principal(store: &Store, user_id: Uuid) -> Actor {
    users::actor(store, user_id)
        .await
        .expect("load the actor")
        .expect("an active user")
        .0
}

pub struct DealerBuilder<'a> {
    fx: &'a Fixture,
    input: DealerInput,
}

impl DealerBuilder<'_> {
    pub fn code(mut self, code: &str) -> Self {
        self.input.code = code.into();
        self
    }
    pub fn name(mut self, name: &str) -> Self {
        self.input.name = name.into();
        self
    }
    pub fn region(mut self, region: &str) -> Self {
        self.input.region = region.into();
        self
    }
    pub async fn create(self) -> DealerView {
        dealers::create(&self.fx.store, &self.fx.admin, &self.input)
            .await
            .expect("create a fixture dealer")
    }
}

pub struct CustomerBuilder<'a> {
    fx: &'a Fixture,
    input: CustomerInput,
}

impl CustomerBuilder<'_> {
    pub fn code(mut self, code: &str) -> Self {
        self.input.code = Some(code.into());
        self
    }
    pub fn name(mut self, name: &str) -> Self {
        self.input.name = name.into();
        self
    }
    pub fn kind(mut self, kind: CustomerKind) -> Self {
        self.input.kind = Some(kind);
        self
    }
    pub fn phone(mut self, phone: &str) -> Self {
        self.input.phone = phone.into();
        self
    }
    pub fn province(mut self, province: &str) -> Self {
        self.input.province = province.into();
        self
    }
    /// Where the farm is, for distances to engineers' home bases.
    pub fn located(mut self, lat: f64, lon: f64) -> Self {
        self.input.lat = Some(lat);
        self.input.lon = Some(lon);
        self
    }
    /// The customer's dealer (none by default: a customer of the maker).
    pub fn dealer(mut self, dealer_id: Uuid) -> Self {
        self.input.dealer_id = Some(dealer_id);
        self
    }
    pub async fn create(self) -> CustomerView {
        record_kit::create::<Customers>(&self.fx.store, &self.fx.admin, &self.input)
            .await
            .expect("create a fixture customer")
    }
}

pub struct ModelBuilder<'a> {
    fx: &'a Fixture,
    input: ProductModelInput,
}

impl ModelBuilder<'_> {
    pub fn code(mut self, code: &str) -> Self {
        self.input.code = code.into();
        self
    }
    pub fn name(mut self, name: &str) -> Self {
        self.input.name = name.into();
        self
    }
    pub fn category(mut self, category: MachineCategory) -> Self {
        self.input.category = category;
        self
    }
    pub fn warranty_months(mut self, months: i32) -> Self {
        self.input.warranty_months = months;
        self
    }
    pub fn param(mut self, key: &str, value: &str) -> Self {
        self.input.params.push(ModelParam {
            key: key.into(),
            value: value.into(),
        });
        self
    }
    pub async fn create(self) -> ProductModelView {
        record_kit::create::<ProductModels>(&self.fx.store, &self.fx.admin, &self.input)
            .await
            .expect("create a fixture product model")
    }
}

/// A machine; its model (of the chosen category) and its owner are made
/// too unless the test names them.
pub struct MachineBuilder<'a> {
    fx: &'a Fixture,
    serial_number: String,
    category: MachineCategory,
    model_id: Option<Uuid>,
    owner: Option<Uuid>,
    dealer_id: Option<Uuid>,
    sale_date: Option<NaiveDate>,
    status: Option<MachineStatus>,
}

impl MachineBuilder<'_> {
    pub fn serial_number(mut self, serial: &str) -> Self {
        self.serial_number = serial.into();
        self
    }
    /// The category of the model made for the machine (ignored with [`Self::model`]).
    pub fn category(mut self, category: MachineCategory) -> Self {
        self.category = category;
        self
    }
    pub fn model(mut self, model_id: Uuid) -> Self {
        self.model_id = Some(model_id);
        self
    }
    /// The owner; its dealer is the machine's.
    pub fn owner(mut self, customer_id: Uuid) -> Self {
        self.owner = Some(customer_id);
        self
    }
    /// The dealer of the owner made for the machine (ignored with [`Self::owner`]).
    pub fn dealer(mut self, dealer_id: Uuid) -> Self {
        self.dealer_id = Some(dealer_id);
        self
    }
    pub fn sale_date(mut self, date: NaiveDate) -> Self {
        self.sale_date = Some(date);
        self
    }
    pub fn status(mut self, status: MachineStatus) -> Self {
        self.status = Some(status);
        self
    }
    pub async fn create(self) -> MachineView {
        let fx = self.fx;
        let model_id = match self.model_id {
            Some(id) => id,
            None => fx.model().category(self.category).create().await.id,
        };
        let customer_id = match self.owner {
            Some(id) => id,
            None => {
                let owner = fx.customer();
                match self.dealer_id {
                    Some(d) => owner.dealer(d),
                    None => owner,
                }
                .create()
                .await
                .id
            }
        };
        let input = MachineInput {
            serial_number: self.serial_number,
            model_id,
            customer_id,
            dealer_id: None,
            sale_date: self.sale_date,
            warranty_end: None,
            engine_hours: None,
            status: self.status,
            notes: None,
        };
        machines::create(&fx.store, &fx.admin, &input)
            .await
            .expect("create a fixture machine")
    }
}

pub struct UserBuilder<'a> {
    fx: &'a Fixture,
    input: CreateUserRequest,
}

impl UserBuilder<'_> {
    pub fn username(mut self, username: &str) -> Self {
        self.input.username = username.into();
        self.input.display_name = format!("{username} 名");
        self
    }
    /// The user's dealer (required for the dealer role).
    pub fn dealer(mut self, dealer_id: Uuid) -> Self {
        self.input.dealer_id = Some(dealer_id);
        self
    }
    pub fn department(mut self, department: &str) -> Self {
        self.input.department = Some(department.into());
        self
    }
    pub async fn create(self) -> UserView {
        users::create(&self.fx.store, Some(&self.fx.admin), &self.input)
            .await
            .expect("create a fixture user")
    }
    /// Creates the user and returns it as the server's acting user.
    pub async fn actor(self) -> Actor {
        let fx = self.fx;
        let user = self.create().await;
        fx.actor_of(user.id).await
    }
}

pub struct EngineerBuilder<'a> {
    fx: &'a Fixture,
    username: String,
    profile: EngineerProfileInput,
}

impl EngineerBuilder<'_> {
    pub fn username(mut self, username: &str) -> Self {
        self.username = username.into();
        self
    }
    pub fn skills(mut self, skills: &[MachineCategory]) -> Self {
        self.profile.skills = skills.to_vec();
        self
    }
    pub fn home_base(mut self, place: &str, lat: f64, lon: f64) -> Self {
        self.profile.home_base = Some(place.into());
        self.profile.lat = Some(lat);
        self.profile.lon = Some(lon);
        self
    }
    pub fn inactive(mut self) -> Self {
        self.profile.active = false;
        self
    }
    pub async fn create(self) -> EngineerView {
        let fx = self.fx;
        let user = fx
            .user(&[Role::Engineer])
            .username(&self.username)
            .create()
            .await;
        engineers::put_profile(&fx.store, &fx.admin, user.id, None, &self.profile)
            .await
            .expect("create a fixture engineer's profile")
    }
}
