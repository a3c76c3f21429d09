entity! {
    table "product_models";
    record {
        #[sea_orm(unique)]
        code: String,
        name: String,
        category: String,
        /// `[{key, value}]`, in display order.
        params: Json,
        warranty_months: i32,
        active: bool,
    }
}
