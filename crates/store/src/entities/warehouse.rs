entity! {
    table "warehouses";
    record {
        #[sea_orm(unique)]
        code: String,
        name: String,
        kind: String,
        dealer_id: Option<Uuid>,
        active: bool,
    }
}
