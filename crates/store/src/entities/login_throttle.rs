entity! {
    /// Failed sign-ins counted for one login name, one client address, or the
    /// whole server. `key` is the hex SHA-256 of the scope and what it counts, so
    /// a row has a fixed size whatever a client sends.
    table "login_throttles", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        key: String,
        /// `username`, `address` or `global`.
        scope: String,
        failures: i32,
        /// When the count (re)started: the server-wide window starts here.
        first_failure_at: DateTimeUtc,
        last_failure_at: DateTimeUtc,
    }
}
