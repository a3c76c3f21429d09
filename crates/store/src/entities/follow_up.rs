use sea_orm::entity::prelude::*;

/// 客户回访.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub due_at: DateTimeUtc,
    pub status: String,
    pub method: Option<String>,
    pub attempts: i32,
    pub reached: Option<bool>,
    pub satisfaction: Option<String>,
    pub machine_running_normally: Option<bool>,
    pub comments: Option<String>,
    pub suggestions: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
