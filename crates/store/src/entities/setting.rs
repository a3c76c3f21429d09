entity! {
    /// A settings document (`sla`...), JSON validated by `domain`.
    table "settings";
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        key: String,
        value: Json,
        version: i32,
        updated_at: DateTimeUtc,
    }
}
