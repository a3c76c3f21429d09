entity! {
    /// One attempt to deliver one event to a webhook.
    table "webhook_deliveries";
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        webhook_id: Uuid,
        event_id: Uuid,
        sequence: i64,
        event_type: String,
        attempt: i32,
        status: Option<i32>,
        failure: Option<String>,
        error: Option<String>,
        succeeded: bool,
        duration_ms: i64,
        manual: bool,
        at: DateTimeUtc,
    }
}
