//! Changing the own password. The API ends every session of the user, so the
//! page signs out and the sign-in page says why.

use crate::components::form::{TextFieldProps, save_button, text_field};
use crate::components::{ErrorBannerProps, error_banner};
use crate::hooks::{use_form, use_i18n, use_session};
use crate::i18n::T;
use crate::services::auth;
use crate::services::session::EndReason;
use furrow_domain::auth::ChangePasswordRequest;
use furrow_domain::users::{MIN_PASSWORD_CHARS, check_password};
use furrow_domain::validation::Validator;
use yew::prelude::*;

/// The form: the current password and the new one, twice.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    current: String,
    new: String,
    confirm: String,
}

#[function_component(ChangePasswordPage)]
pub fn change_password_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let form = use_form(Draft::default);
    let onsubmit = {
        let (form, session) = (form.clone(), session.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *form.busy {
                return;
            }
            let Draft {
                current,
                new,
                confirm,
            } = (*form.draft).clone();
            let mut v = Validator::new();
            v.required("current_password", &current);
            check_password(&mut v, "new_password", &new);
            if new != confirm {
                v.error("confirm_password", "mismatch", "the passwords differ");
            }
            if let Err(invalid) = v.finish() {
                return form.refuse(invalid.into());
            }
            let req = ChangePasswordRequest {
                current_password: current,
                new_password: new,
            };
            let session = session.clone();
            form.submit(
                async move { auth::change_password(&req).await },
                move |()| session.end(EndReason::PasswordChanged),
            );
        })
    };
    // Refused fields show next to themselves; the banner is for the rest.
    let failure = (*form.failure).clone().filter(|e| e.status() != 422);
    let (draft, busy) = (&*form.draft, *form.busy);
    let hint = i18n.f(T::PasswordHint, &[&MIN_PASSWORD_CHARS.to_string()]);
    html! {
        <div class="page narrow" data-testid="change-password-page">
            <header class="page-header"><h1>{ i18n.t(T::ChangePassword) }</h1></header>
            <form class="panel form" {onsubmit} novalidate=true>
                if let Some(e) = failure { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "current_password", label: i18n.t(T::CurrentPassword), kind: "password", autocomplete: "current-password", required: true, value: draft.current.clone(), oninput: form.edit(|d, v| d.current = v), error: form.err(&i18n, "current_password") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "new_password", label: i18n.t(T::NewPassword), kind: "password", autocomplete: "new-password", required: true, value: draft.new.clone(), oninput: form.edit(|d, v| d.new = v), hint: hint, error: form.err(&i18n, "new_password") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "confirm_password", label: i18n.t(T::ConfirmNewPassword), kind: "password", autocomplete: "new-password", required: true, value: draft.confirm.clone(), oninput: form.edit(|d, v| d.confirm = v), error: form.err(&i18n, "confirm_password") })) }
                { save_button(&i18n, busy, i18n.t(T::Save), "change-password-submit") }
            </form>
        </div>
    }
}
