entity! {
    /// A one-time link for the customer to sign a report, stored as a SHA-256.
    table "sign_links", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        report_id: Uuid,
        #[sea_orm(unique)]
        token_hash: String,
        expires_at: DateTimeUtc,
        used_at: Option<DateTimeUtc>,
        created_by: Option<Uuid>,
        created_at: DateTimeUtc,
    }
}
