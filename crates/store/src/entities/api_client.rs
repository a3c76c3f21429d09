entity! {
    /// A system that gets tokens with client credentials (`api_clients`).
    table "api_clients";
    record {
        name: String,
        /// The `ClientRole`.
        role: String,
        dealer_id: Option<Uuid>,
        /// `ClientScope` names.
        scopes: Json,
        /// CIDR ranges; empty: anywhere.
        allowed_ips: Json,
        /// SHA-256 of the secret, hex.
        secret_hash: String,
        previous_secret_hash: Option<String>,
        previous_secret_valid_until: Option<DateTimeUtc>,
        rotated_at: Option<DateTimeUtc>,
        revoked_at: Option<DateTimeUtc>,
        last_used_at: Option<DateTimeUtc>,
    }
}
