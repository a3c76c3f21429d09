entity! {
    /// One wait of a request for parts (待配件): open while `until` is null.
    table "parts_waits", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        request_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        since: DateTimeUtc,
        until: Option<DateTimeUtc>,
    }
}
