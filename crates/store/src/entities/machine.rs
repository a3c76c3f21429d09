entity! {
    table "machines", Eq;
    record {
        #[sea_orm(unique)]
        serial_number: String,
        model_id: Uuid,
        customer_id: Uuid,
        dealer_id: Option<Uuid>,
        sale_date: Option<Date>,
        warranty_end: Option<Date>,
        extended_warranty_end: Option<Date>,
        /// The day the machine was replaced (换货): its 三包 period restarted then.
        replaced_on: Option<Date>,
        engine_hours: Option<i32>,
        status: String,
        notes: Option<String>,
        active: bool,
    }
    relations {
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
}
