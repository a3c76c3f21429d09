entity! {
    /// One command applied to one record. Append-only.
    table "audit_events";
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        at: DateTimeUtc,
        actor_id: Option<Uuid>,
        actor_name: String,
        entity_type: String,
        entity_id: Uuid,
        action: String,
        changes: Json,
    }
}
