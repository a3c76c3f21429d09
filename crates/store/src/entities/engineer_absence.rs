entity! {
    /// An engineer's absence (leave, training): `[starts_at, ends_at)`.
    table "engineer_absences", Eq;
    record {
        engineer_id: Uuid,
        starts_at: DateTimeUtc,
        ends_at: DateTimeUtc,
        reason: String,
        note: Option<String>,
        created_by: Option<Uuid>,
    }
}
