entity! {
    /// A named counter (`customer`, `SR-2026`...), advanced inside the creating transaction.
    table "sequences", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        name: String,
        value: i64,
    }
}
