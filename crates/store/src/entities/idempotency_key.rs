entity! {
    /// The first response to a creating POST, replayed for a retry with the same key.
    table "idempotency_keys", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        key: String,
        request_hash: String,
        status_code: i32,
        response_body: String,
        created_at: DateTimeUtc,
    }
}
