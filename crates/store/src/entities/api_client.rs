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
        /// When one of its tokens last called the API (added every few seconds).
        last_request_at: Option<DateTimeUtc>,
        /// Calls made with its tokens, and of those answered with an error.
        request_count: i64,
        error_count: i64,
    }
}
