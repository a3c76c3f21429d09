entity! {
    table "dealers", Eq;
    record {
        #[sea_orm(unique)]
        code: String,
        name: String,
        region: String,
        contact_name: Option<String>,
        contact_phone: Option<String>,
        address: Option<String>,
        active: bool,
    }
}
