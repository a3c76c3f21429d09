entity! {
    /// 维修报告, one per work order.
    table "repair_reports";
    record {
        #[sea_orm(unique)]
        work_order_id: Uuid,
        request_id: Uuid,
        engineer_id: Uuid,
        status: String,
        process: String,
        cause: String,
        measures: String,
        further_problems: Option<String>,
        proposals: Option<String>,
        /// A decimal written as text.
        labour_hours: String,
        /// `[PartLine]`.
        parts: Json,
        inspection_passed: Option<bool>,
        submitted_at: Option<DateTimeUtc>,
        reviewer_id: Option<Uuid>,
        reviewer_name: Option<String>,
        review_comment: Option<String>,
        reviewed_at: Option<DateTimeUtc>,
        signer_name: Option<String>,
        signature_png: Option<Vec<u8>>,
        signed_at: Option<DateTimeUtc>,
        signed_ip: Option<String>,
        refusal_reason: Option<String>,
        /// `MainAssembly`, when the report names one.
        fault_assembly: Option<String>,
        fault_serious: bool,
        fault_assembly_replaced: bool,
    }
}
