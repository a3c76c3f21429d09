entity! {
    /// A client address (hashed, as in `login_throttles`) a user signed in from
    /// successfully: a locked login name still gets in from it.
    table "login_addresses", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        address_hash: String,
        last_success_at: DateTimeUtc,
    }
}
