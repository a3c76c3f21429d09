entity! {
    /// A line of a stock-take: a part, its frozen book and its count.
    table "stocktake_lines", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        stocktake_id: Uuid,
        part_id: Uuid,
        bin: Option<String>,
        /// Frozen at opening, in thousandths.
        book_milli: i64,
        /// The book the count was compared with, in thousandths.
        book_at_count_milli: Option<i64>,
        counted_milli: Option<i64>,
        counted_by: Option<Uuid>,
        counted_at: Option<DateTimeUtc>,
        version: i32,
    }
}
