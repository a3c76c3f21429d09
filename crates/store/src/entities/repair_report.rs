use sea_orm::entity::prelude::*;

/// 维修报告, one per work order.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "repair_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub work_order_id: Uuid,
    pub request_id: Uuid,
    pub engineer_id: Uuid,
    pub status: String,
    pub process: String,
    pub cause: String,
    pub measures: String,
    pub further_problems: Option<String>,
    pub proposals: Option<String>,
    /// A decimal written as text.
    pub labour_hours: String,
    /// `[PartLine]`.
    pub parts: Json,
    pub inspection_passed: Option<bool>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewer_id: Option<Uuid>,
    pub reviewer_name: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub signer_name: Option<String>,
    pub signature_png: Option<Vec<u8>>,
    pub signed_at: Option<DateTimeUtc>,
    pub signed_ip: Option<String>,
    pub refusal_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
