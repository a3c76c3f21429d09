use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "machines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub serial_number: String,
    pub model_id: Uuid,
    pub customer_id: Uuid,
    pub dealer_id: Option<Uuid>,
    pub sale_date: Option<Date>,
    pub warranty_end: Option<Date>,
    pub engine_hours: Option<i32>,
    pub status: String,
    pub notes: Option<String>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::product_model::Entity",
        from = "Column::ModelId",
        to = "super::product_model::Column::Id"
    )]
    ProductModel,
    #[sea_orm(
        belongs_to = "super::customer::Entity",
        from = "Column::CustomerId",
        to = "super::customer::Column::Id"
    )]
    Customer,
}

impl ActiveModelBehavior for ActiveModel {}
