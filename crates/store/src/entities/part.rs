entity! {
    table "parts";
    record {
        #[sea_orm(unique)]
        part_number: String,
        name: String,
        spec: Option<String>,
        category: String,
        unit: String,
        standard_cost_fen: i64,
        reorder_point_milli: i64,
        reorder_quantity_milli: i64,
        active: bool,
    }
}
