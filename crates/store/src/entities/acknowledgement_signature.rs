entity! {
    /// The signature drawn with a customer's on-site acknowledgement (现场确认)
    /// of its work order's last visit.
    table "acknowledgement_signatures", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        work_order_id: Uuid,
        signature_png: Vec<u8>,
        created_at: DateTimeUtc,
    }
}
