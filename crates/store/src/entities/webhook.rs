entity! {
    /// A webhook subscription: where the change feed is pushed, and how far.
    table "webhooks";
    record {
        url: String,
        /// Event filters (`service_request`, `service_request.dispatched`).
        events: Json,
        /// The dealer whose reader it delivers as; none: the whole service.
        dealer_id: Option<Uuid>,
        description: Option<String>,
        /// `whsec_…`: signs the deliveries.
        secret: String,
        enabled: bool,
        disabled_reason: Option<String>,
        /// The outbox position delivered up to.
        cursor: i64,
        /// Failed attempts in a row at the next event.
        failures: i32,
        failing_since: Option<DateTimeUtc>,
        next_attempt_at: DateTimeUtc,
        /// A server delivering it holds it until then.
        leased_until: Option<DateTimeUtc>,
        created_by: Uuid,
    }
}
