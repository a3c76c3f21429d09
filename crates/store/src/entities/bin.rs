entity! {
    /// A bin label of a warehouse.
    table "bins", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        warehouse_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        code: String,
        description: Option<String>,
    }
}
