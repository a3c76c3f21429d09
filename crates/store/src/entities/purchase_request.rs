entity! {
    /// 采购申请.
    table "purchase_requests", Eq;
    record {
        #[sea_orm(unique)]
        number: String,
        origin: String,
        status: String,
        work_order_id: Option<Uuid>,
        /// The shortage's requisition, by id only.
        requisition_id: Option<Uuid>,
        supplier: Option<String>,
        expected_on: Option<Date>,
        cancel_reason: Option<String>,
        requested_by: Uuid,
    }
}
