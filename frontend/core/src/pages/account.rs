//! Changing the own password. The API ends every session of the user, so the
//! page signs out and the sign-in page says why.

use crate::components::form::{FieldErrors, TextFieldProps, focus_first_invalid, text_field};
use crate::components::{ErrorBannerProps, error_banner};
use crate::hooks::{use_i18n, use_session};
use crate::i18n::T;
use crate::services::auth;
use crate::services::requests::ApiError;
use crate::services::session::EndReason;
use furrow_domain::auth::ChangePasswordRequest;
use furrow_domain::users::{MIN_PASSWORD_CHARS, check_password};
use furrow_domain::validation::Validator;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

const FIELDS: [&str; 3] = ["current_password", "new_password", "confirm_password"];

#[function_component(ChangePasswordPage)]
pub fn change_password_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let current = use_state(String::new);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let attempts = use_state(|| 0u32);
    use_effect_with(*attempts, |_| focus_first_invalid());

    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |v: String| h.set(v))
    };
    let onsubmit = {
        let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
        let (errors, failure, busy, attempts) = (
            errors.clone(),
            failure.clone(),
            busy.clone(),
            attempts.clone(),
        );
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut v = Validator::new();
            v.required("current_password", &current);
            check_password(&mut v, "new_password", &new);
            if *new != *confirm {
                v.error("confirm_password", "mismatch", "the passwords differ");
            }
            if let Err(invalid) = v.finish() {
                errors.set(invalid.into());
                attempts.set(*attempts + 1);
                return;
            }
            errors.set(FieldErrors::default());
            failure.set(None);
            busy.set(true);
            let req = ChangePasswordRequest {
                current_password: (*current).clone(),
                new_password: (*new).clone(),
            };
            let (errors, failure, busy, attempts, session) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                attempts.clone(),
                session.clone(),
            );
            spawn_local(async move {
                match auth::change_password(&req).await {
                    Ok(()) => session.end(EndReason::PasswordChanged),
                    Err(e) => {
                        busy.set(false);
                        if e.status() == 422 {
                            errors.set(FieldErrors::from(&e));
                            attempts.set(*attempts + 1);
                        } else {
                            failure.set(Some(e));
                        }
                    }
                }
            });
        })
    };

    let hint = i18n.f(T::PasswordHint, &[&MIN_PASSWORD_CHARS.to_string()]);
    html! {
        <div class="page narrow" data-testid="change-password-page">
            <header class="page-header"><h1>{ i18n.t(T::ChangePassword) }</h1></header>
            <form class="panel form" {onsubmit} novalidate=true>
                if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "current_password", label: i18n.t(T::CurrentPassword), kind: "password", autocomplete: "current-password", required: true, value: (*current).clone(), oninput: set(&current), error: errors.text(&i18n, FIELDS[0]) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "new_password", label: i18n.t(T::NewPassword), kind: "password", autocomplete: "new-password", required: true, value: (*new).clone(), oninput: set(&new), hint: hint, error: errors.text(&i18n, FIELDS[1]) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "confirm_password", label: i18n.t(T::ConfirmNewPassword), kind: "password", autocomplete: "new-password", required: true, value: (*confirm).clone(), oninput: set(&confirm), error: errors.text(&i18n, FIELDS[2]) })) }
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled={*busy} data-testid="change-password-submit">
                        { if *busy { i18n.t(T::Saving) } else { i18n.t(T::Save) } }
                    </button>
                </div>
            </form>
        </div>
    }
}
