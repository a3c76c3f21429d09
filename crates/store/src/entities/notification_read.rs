entity! {
    /// A deadline alert one user has marked read (its key, see
    /// `furrow_domain::service::notifications::key`).
    table "notification_reads", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        key: String,
        read_at: DateTimeUtc,
    }
}
