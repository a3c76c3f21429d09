//! The one write of a small dialog (the warranty change, a certificate
//! reissue): busy while it runs, closed on success, and on a stale version
//! (412) closed too, since the page then reloads the record and shows what
//! someone else changed; any other failure stays for the fields to show.

use crate::components::form::{DateKind, FieldErrors};
use crate::services::requests::{ApiError, Call};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Sends `call`; `on_done` on success or a stale version, else `failure`.
pub fn send_dialog_call(
    call: Call,
    busy: UseStateHandle<bool>,
    failure: UseStateHandle<Option<ApiError>>,
    on_done: Callback<()>,
) {
    busy.set(true);
    spawn_local(async move {
        let result = call.send().await;
        busy.set(false);
        match result {
            Ok(()) => on_done.emit(()),
            Err(e) if e.status() == 412 => on_done.emit(()),
            Err(e) => failure.set(Some(e)),
        }
    });
}

/// The server's field errors, and the refusal of a typed date that is not
/// one (`bad_day`, the field's name), which never reached the server.
pub fn dialog_errors(failure: &Option<ApiError>, bad_day: Option<&str>) -> FieldErrors {
    let mut errors = failure
        .as_ref()
        .map(|f| f.problem.errors.clone())
        .unwrap_or_default();
    errors.extend(bad_day.map(|field| DateKind::Day.refusal(field)));
    FieldErrors(errors)
}
