entity! {
    /// 维修任务单.
    table "work_orders", Eq;
    record {
        #[sea_orm(unique)]
        number: String,
        status: String,
        is_open: bool,
        request_id: Uuid,
        engineer_id: Uuid,
        dispatcher_id: Option<Uuid>,
        dispatcher_name: String,
        site_address: String,
        requirements: Option<String>,
        arrival_due: Option<DateTimeUtc>,
        appointment_at: Option<DateTimeUtc>,
        arrived_at: Option<DateTimeUtc>,
        finished_at: Option<DateTimeUtc>,
        inspection_passed: Option<bool>,
        finish_notes: Option<String>,
        close_reason: Option<String>,
        ack_signer_name: Option<String>,
        ack_satisfaction: Option<String>,
        acknowledged_at: Option<DateTimeUtc>,
    }
}
