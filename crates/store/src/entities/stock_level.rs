entity! {
    /// Stock of a part in a warehouse: the sum of its ledger, kept in the
    /// movement's transaction, never below zero.
    table "stock_levels", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        part_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        warehouse_id: Uuid,
        on_hand_milli: i64,
        bin: Option<String>,
        updated_at: DateTimeUtc,
    }
}
