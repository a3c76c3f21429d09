entity! {
    /// A refresh token, stored as the SHA-256 of the secret the client holds.
    table "refresh_tokens", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        user_id: Uuid,
        #[sea_orm(unique)]
        token_hash: String,
        /// Every token rotated from one sign-in shares a family; reuse of a rotated
        /// token revokes the whole family.
        family_id: Uuid,
        expires_at: DateTimeUtc,
        created_at: DateTimeUtc,
        revoked_at: Option<DateTimeUtc>,
    }
}
