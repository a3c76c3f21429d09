use sea_orm::entity::prelude::*;

/// 报修单. Status strings are `domain::service::RequestStatus` names.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub number: String,
    pub status: String,
    pub is_open: bool,
    pub channel: String,
    pub kind: String,
    pub priority: String,
    pub priority_rank: i32,
    pub customer_id: Uuid,
    pub machine_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub reported_serial: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub region: Option<String>,
    pub symptoms: String,
    pub preliminary_judgement: Option<String>,
    pub needs_onsite: bool,
    pub harvest_critical: bool,
    pub machine_stopped: bool,
    pub stopped_rank: i32,
    pub operation_at_risk: Option<String>,
    pub suspected_part: String,
    pub in_season: bool,
    pub promised_arrival_at: Option<DateTimeUtc>,
    pub reported_at: DateTimeUtc,
    pub first_contact_due: DateTimeUtc,
    pub first_contact_at: Option<DateTimeUtc>,
    pub arrival_due: Option<DateTimeUtc>,
    pub arrived_at: Option<DateTimeUtc>,
    pub repair_due: Option<DateTimeUtc>,
    pub repaired_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub sort_due: DateTimeUtc,
    pub work_order_id: Option<Uuid>,
    pub engineer_id: Option<Uuid>,
    pub repeat_of: Option<Uuid>,
    pub cancel_reason: Option<String>,
    pub resolution: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_by_name: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
