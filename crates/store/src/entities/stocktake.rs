entity! {
    /// A stock-take (盘点) of one warehouse.
    table "stocktakes";
    record {
        #[sea_orm(unique)]
        number: String,
        warehouse_id: Uuid,
        status: String,
        /// The bins it is limited to, as a JSON array (empty: all).
        bins: Json,
        /// The part categories it is limited to, as a JSON array (empty: all).
        categories: Json,
        note: Option<String>,
        line_count: i32,
        /// Lines whose count equals the book, recorded at reconcile.
        matched_lines: Option<i32>,
        opened_by: Uuid,
        reconciled_at: Option<DateTimeUtc>,
        reconciled_by: Option<Uuid>,
        cancelled_at: Option<DateTimeUtc>,
    }
}
