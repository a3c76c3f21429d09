entity! {
    /// One part of a purchase request: asked for and received, in thousandths.
    table "purchase_request_lines", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        request_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        part_id: Uuid,
        position: i32,
        quantity_milli: i64,
        received_milli: i64,
    }
}
