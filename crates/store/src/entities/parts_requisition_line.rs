entity! {
    /// One line of a parts requisition; quantities in thousandths.
    table "parts_requisition_lines", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        id: Uuid,
        requisition_id: Uuid,
        line_no: i32,
        /// The catalog part; none when the report's part number is not in
        /// the catalog (the line is shown, never issued).
        part_id: Option<Uuid>,
        part_number: Option<String>,
        name: String,
        unit: Option<String>,
        requested_milli: i64,
        issued_milli: i64,
        returned_milli: i64,
        exchanged_milli: i64,
        short_milli: i64,
    }
}
