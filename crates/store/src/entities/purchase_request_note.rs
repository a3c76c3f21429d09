entity! {
    /// A progress note on a purchase request (进度备注).
    table "purchase_request_notes", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        request_id: Uuid,
        author_id: Uuid,
        text: String,
        at: DateTimeUtc,
    }
}
