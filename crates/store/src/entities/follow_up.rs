entity! {
    /// 客户回访.
    table "follow_ups", Eq;
    record {
        request_id: Uuid,
        due_at: DateTimeUtc,
        status: String,
        method: Option<String>,
        attempts: i32,
        reached: Option<bool>,
        satisfaction: Option<String>,
        machine_running_normally: Option<bool>,
        comments: Option<String>,
        suggestions: Option<String>,
        completed_at: Option<DateTimeUtc>,
        failed_attempts: i32,
        last_attempt_at: Option<DateTimeUtc>,
        completed_by: Option<Uuid>,
    }
}
