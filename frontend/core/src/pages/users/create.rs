//! Creating a user. The shared domain validation runs first, so most mistakes
//! show next to their field at once; the API's answer (a taken username, an
//! unknown dealer) is shown the same way.

use super::fields::{
    DealerPickerProps, RolePickerProps, dealer_picker, locale_choices, role_picker, takes_dealer,
};
use crate::components::form::{SelectFieldProps, TextFieldProps, select_field, text_field};
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::route::Route;
use crate::services::requests::new_nonce;
use crate::services::{dealers, users};
use furrow_domain::Role;
use furrow_domain::users::{CreateUserRequest, MIN_PASSWORD_CHARS};
use serde::Serialize;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Fields the form shows; errors on other fields go to the banner.
const FIELDS: [&str; 7] = [
    "username",
    "display_name",
    "password",
    "roles",
    "dealer_id",
    "department",
    "locale",
];

/// Query of the user page right after creation.
#[derive(Serialize)]
pub struct Created {
    pub created: u8,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    username: String,
    display_name: String,
    password: String,
    roles: Vec<Role>,
    dealer: String,
    department: String,
    locale: String,
}

impl Draft {
    fn request(&self) -> CreateUserRequest {
        let dealer_id = if takes_dealer(&self.roles) {
            Uuid::parse_str(&self.dealer).ok()
        } else {
            None
        };
        CreateUserRequest {
            username: self.username.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            password: self.password.clone(),
            roles: self.roles.clone(),
            dealer_id,
            department: Some(self.department.trim().to_owned()).filter(|d| !d.is_empty()),
            locale: Some(self.locale.clone()).filter(|l| !l.is_empty()),
        }
    }
}

#[function_component(CreateUserPage)]
pub fn create_user_page() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let form = use_form(Draft::default);
    let nonce = use_state(new_nonce);
    let dealer_list = use_api((), |_| dealers::list_all());
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let on_roles = form.change(|d: &mut Draft, roles: Vec<Role>| d.roles = roles);
    let onsubmit = {
        let (form, nonce) = (form.clone(), nonce.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = form.draft.request();
            if let Err(invalid) = req.validate() {
                return form.refuse(invalid.into());
            }
            let navigator = navigator.clone();
            let nonce = (*nonce).clone();
            form.submit(
                async move { users::create(&req, &nonce).await },
                move |user| {
                    if let Some(n) = navigator {
                        let to = Route::UserDetail {
                            id: user.id.to_string(),
                        };
                        let _ = n.push_with_query(&to, Created { created: 1 });
                    }
                },
            );
        })
    };
    let draft = &*form.draft;
    let busy = *form.busy;
    let dealers = match &*dealer_list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    };
    let shown: Vec<&str> = FIELDS
        .into_iter()
        .filter(|f| *f != "dealer_id" || takes_dealer(&draft.roles))
        .collect();
    let err = |f: &str| form.err(&i18n, f);
    html! {
        <div class="page narrow" data-testid="user-create-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Users, classes: "back-link", children: html! { <>{ format!("← {}", i18n.t(T::UsersTitle)) }</> } })) }
                    <h1>{ i18n.t(T::CreateUserTitle) }</h1>
                </div>
            </header>
            <form class="panel form" {onsubmit} novalidate=true data-testid="user-create-form">
                { form.failure_banner(&i18n, &shown, &Callback::noop(), "user-create-error") }
                if let Remote::Failed(e) = &*dealer_list {
                    if takes_dealer(&draft.roles) { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) } }
                }
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-username", label: i18n.t(T::Username), required: true, autocomplete: "off", value: draft.username.clone(), oninput: edit(|d, v| d.username = v), hint: i18n.t(T::UsernameHint), error: err("username"), maxlength: 64 })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-display_name", label: i18n.t(T::DisplayName), required: true, autocomplete: "off", value: draft.display_name.clone(), oninput: edit(|d, v| d.display_name = v), error: err("display_name"), maxlength: 100 })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-password", label: i18n.t(T::Password), kind: "password", required: true, autocomplete: "new-password", value: draft.password.clone(), oninput: edit(|d, v| d.password = v), hint: i18n.f(T::PasswordHint, &[&MIN_PASSWORD_CHARS.to_string()]), error: err("password") })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-department", label: i18n.t(T::Department), optional: true, value: draft.department.clone(), oninput: edit(|d, v| d.department = v), hint: i18n.t(T::DepartmentHint), error: err("department") })) }
                </div>
                { role_picker(&i18n, &yew::props!(RolePickerProps { selected: draft.roles.clone(), onchange: on_roles, error: err("roles") })) }
                if takes_dealer(&draft.roles) {
                    { dealer_picker(&i18n, &yew::props!(DealerPickerProps { id: "user-dealer_id", dealers, value: draft.dealer.clone(), onchange: edit(|d, v| d.dealer = v), required: draft.roles.contains(&Role::Dealer), error: err("dealer_id") })) }
                }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "user-locale", label: i18n.t(T::Locale), value: draft.locale.clone(), choices: locale_choices(&i18n), onchange: edit(|d, v| d.locale = v), optional: true, hint: i18n.t(T::LocaleHint), error: err("locale") })) }
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled={busy} data-testid="user-create-submit">
                        { if busy { i18n.t(T::Creating) } else { i18n.t(T::CreateUser) } }
                    </button>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Users, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
                </div>
            </form>
        </div>
    }
}
