entity! {
    /// A parts requisition (领用单) of a work order.
    table "parts_requisitions", Eq;
    record {
        number: String,
        work_order_id: Uuid,
        request_id: Uuid,
        machine_id: Option<Uuid>,
        engineer_id: Uuid,
        report_id: Option<Uuid>,
        source: String,
        status: String,
        note: Option<String>,
        cancel_reason: Option<String>,
        created_by: Uuid,
    }
}
