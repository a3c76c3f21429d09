entity! {
    /// A product model a part fits.
    table "part_models", Eq;
    columns {
        #[sea_orm(primary_key, auto_increment = false)]
        part_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        model_id: Uuid,
    }
}
