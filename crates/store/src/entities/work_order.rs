use sea_orm::entity::prelude::*;

/// 维修任务单.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub number: String,
    pub status: String,
    pub is_open: bool,
    pub request_id: Uuid,
    pub engineer_id: Uuid,
    pub dispatcher_id: Option<Uuid>,
    pub dispatcher_name: String,
    pub site_address: String,
    pub requirements: Option<String>,
    pub arrival_due: Option<DateTimeUtc>,
    pub appointment_at: Option<DateTimeUtc>,
    pub arrived_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub inspection_passed: Option<bool>,
    pub finish_notes: Option<String>,
    pub close_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
