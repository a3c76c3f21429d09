entity! {
    table "customers";
    record {
        #[sea_orm(unique)]
        code: String,
        name: String,
        kind: String,
        phone: String,
        alt_phone: Option<String>,
        email: Option<String>,
        province: String,
        city: Option<String>,
        county: Option<String>,
        address: Option<String>,
        lat: Option<f64>,
        lon: Option<f64>,
        dealer_id: Option<Uuid>,
        notes: Option<String>,
        /// Lower-cased code, name and phones, searched by `q`.
        search_text: String,
        active: bool,
    }
}
