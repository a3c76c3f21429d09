entity! {
    table "engineer_profiles";
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        user_id: Uuid,
        /// Comma-separated machine categories.
        skills: String,
        home_base: Option<String>,
        lat: Option<f64>,
        lon: Option<f64>,
        phone: Option<String>,
        active: bool,
        version: i32,
        updated_at: DateTimeUtc,
    }
}
