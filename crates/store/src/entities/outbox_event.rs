entity! {
    /// One event of a committed command, for readers outside Furrow. Append-only.
    table "outbox_events";
    columns {
        /// The cursor: taken in the writing transaction, so commit order.
        #[sea_orm(primary_key, auto_increment = false)]
        sequence: i64,
        id: Uuid,
        /// The `AuditAction`.
        kind: String,
        /// The `RecordKind`.
        record_kind: String,
        record_id: Uuid,
        payload: Json,
        at: DateTimeUtc,
    }
}
