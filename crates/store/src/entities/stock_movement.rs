entity! {
    /// One row of the stock ledger: appended, never changed or deleted.
    table "stock_movements", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        part_id: Uuid,
        warehouse_id: Uuid,
        kind: String,
        /// Signed, in thousandths.
        quantity_milli: i64,
        bin: Option<String>,
        reference_kind: Option<String>,
        reference_id: Option<Uuid>,
        reference_number: Option<String>,
        recipient: Option<String>,
        note: Option<String>,
        batch_id: Uuid,
        performed_by: Uuid,
        at: DateTimeUtc,
    }
}
