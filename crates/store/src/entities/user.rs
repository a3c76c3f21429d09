entity! {
    table "users", Eq;
    record {
        #[sea_orm(unique)]
        username: String,
        display_name: String,
        password_hash: String,
        /// Comma-separated role names (`agent,supervisor`).
        roles: String,
        dealer_id: Option<Uuid>,
        department: Option<String>,
        locale: Option<String>,
        active: bool,
    }
}
