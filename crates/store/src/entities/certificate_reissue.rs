entity! {
    /// A request to reissue a machine's lost 三包 certificate.
    table "certificate_reissues", Eq;
    record {
        machine_id: Uuid,
        requested_by: String,
        requested_on: Date,
        notes: Option<String>,
        due_on: Date,
        certificate_number: Option<String>,
        reissued_on: Option<Date>,
    }
}
