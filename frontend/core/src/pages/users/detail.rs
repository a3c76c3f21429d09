//! One user: change name, roles, dealer, department and language (with
//! `If-Match`, so a concurrent change is caught, not overwritten), deactivate or
//! activate, set a new password, and the record's history.

use super::fields::{
    DealerPickerProps, RolePickerProps, dealer_label, dealer_picker, locale_choices, role_badges,
    role_picker, takes_dealer,
};
use crate::components::form::{
    FieldErrors, SelectFieldProps, TextFieldProps, field_error_text, focus_first_invalid,
    select_field, text_field,
};
use crate::components::record::ready;
use crate::components::{
    AppLinkProps, ConfirmDialog, ErrorBannerProps, NoticeKind, NoticeProps, Tone, app_link, badge,
    error_banner, loading, notice,
};
use crate::hooks::{I18n, Remote, use_api, use_i18n, use_session};
use crate::i18n::T;
use crate::i18n::audit::action_label;
use crate::pages::not_found::NotFoundBody;
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::{dealers, users};
use crate::time::local_minutes;
use furrow_domain::Role;
use furrow_domain::audit::AuditEventView;
use furrow_domain::dealers::DealerView;
use furrow_domain::users::{MIN_PASSWORD_CHARS, UpdateUserRequest, UserView, check_password};
use furrow_domain::validation::Validator;
use serde::Deserialize;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Default, Deserialize)]
struct DetailQuery {
    #[serde(default)]
    created: Option<u8>,
}

#[derive(Properties, PartialEq)]
pub struct UserDetailProps {
    /// The user's id as in the address.
    pub id: String,
}

pub fn user_detail_page(props: &UserDetailProps) -> Html {
    let UserDetailProps { id } = props;
    match Uuid::parse_str(id) {
        Ok(id) => html! { <UserDetail {id} /> },
        Err(_) => html! { <NotFoundBody /> },
    }
}

#[derive(Properties, PartialEq)]
struct UserDetailInnerProps {
    id: Uuid,
}

#[function_component(UserDetail)]
fn user_detail(props: &UserDetailInnerProps) -> Html {
    let UserDetailInnerProps { id } = props;
    let i18n = use_i18n();
    let location = use_location();
    let just_created = location
        .and_then(|l| l.query::<DetailQuery>().ok())
        .and_then(|q| q.created)
        .is_some();
    let reload = use_state(|| 0u32);
    let user = use_api((*id, *reload), |(id, _)| users::get(id));
    let history_reload = use_state(|| 0u32);
    let history = use_api((*id, *history_reload), |(id, _)| users::history(id));
    let dealer_list = use_api((), |_| dealers::list_all());
    let dealers = match &*dealer_list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    };

    let on_saved = {
        let user = user.clone();
        let history_reload = history_reload.clone();
        Callback::from(move |u: UserView| {
            user.set(Remote::Ready(u));
            history_reload.set(*history_reload + 1);
        })
    };
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };

    let u = match ready(&i18n, &user, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };

    let status = if u.active {
        html! { { badge(Tone::Success, i18n.t(T::StatusActive), Some("user-status".into())) } }
    } else {
        html! { { badge(Tone::Neutral, i18n.t(T::StatusInactive), Some("user-status".into())) } }
    };
    let dealer = dealer_label(&dealers, u.dealer_id);

    html! {
        <div class="page" data-testid="user-detail-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Users, classes: "back-link", children: html! { <>{ format!("← {}", i18n.t(T::UsersTitle)) }</> } })) }
                    <h1>{ i18n.f(T::EditUserTitle, &[&u.display_name]) }</h1>
                    <p class="muted">
                        <span class="mono" data-testid="user-username">{ &u.username }</span>
                        { " · " }{ role_badges(&i18n, &u.roles) }
                        if !dealer.is_empty() { { " · " }{ dealer } }
                        { " · " }{ format!("{} {}", i18n.t(T::Version), u.version) }
                    </p>
                </div>
                { status }
            </header>
            if just_created {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.f(T::UserCreated, &[&u.username]), testid: "user-created" })) }
            }
            <div class="columns">
                <div class="column-main">
                    <EditForm user={u.clone()} dealers={dealers.clone()} on_saved={on_saved.clone()} on_reload={on_reload.clone()} />
                </div>
                <div class="column-side">
                    <StatusPanel user={u.clone()} on_saved={on_saved.clone()} on_reload={on_reload.clone()} />
                    <PasswordPanel user={u.clone()} on_saved={Callback::from({
                        let history_reload = history_reload.clone();
                        move |_: ()| history_reload.set(*history_reload + 1)
                    })} />
                </div>
            </div>
            { history_panel(&i18n, &yew::props!(HistoryPanelProps { history: (*history).clone(), dealers })) }
        </div>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    display_name: String,
    roles: Vec<Role>,
    dealer: String,
    department: String,
    locale: String,
}

impl Draft {
    fn of(u: &UserView) -> Self {
        Draft {
            display_name: u.display_name.clone(),
            roles: u.roles.clone(),
            dealer: u.dealer_id.map(|d| d.to_string()).unwrap_or_default(),
            department: u.department.clone().unwrap_or_default(),
            locale: u.locale.clone().unwrap_or_default(),
        }
    }

    fn request(&self) -> UpdateUserRequest {
        UpdateUserRequest {
            display_name: Some(self.display_name.trim().to_owned()),
            roles: Some(self.roles.clone()),
            dealer_id: if takes_dealer(&self.roles) {
                Uuid::parse_str(&self.dealer).ok()
            } else {
                None
            },
            department: Some(self.department.trim().to_owned()),
            locale: Some(self.locale.clone()).filter(|l| !l.is_empty()),
        }
    }
}

const EDIT_FIELDS: [&str; 5] = ["display_name", "roles", "dealer_id", "department", "locale"];

#[derive(Properties, PartialEq)]
struct EditFormProps {
    user: UserView,
    dealers: Vec<DealerView>,
    on_saved: Callback<UserView>,
    on_reload: Callback<()>,
}

#[function_component(EditForm)]
fn edit_form(props: &EditFormProps) -> Html {
    let EditFormProps {
        user,
        dealers,
        on_saved,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let draft = use_state(|| Draft::of(user));
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let busy = use_state(|| false);
    let attempts = use_state(|| 0u32);
    use_effect_with(*attempts, |_| focus_first_invalid());
    {
        // A new version (saved here, or reloaded) replaces the draft.
        let draft = draft.clone();
        let errors = errors.clone();
        use_effect_with(user.clone(), move |u| {
            draft.set(Draft::of(u));
            errors.set(FieldErrors::default());
        });
    }

    let edit = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        let saved = saved.clone();
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            saved.set(false);
        })
    };
    let on_roles = {
        let draft = draft.clone();
        let saved = saved.clone();
        Callback::from(move |roles: Vec<Role>| {
            let mut d = (*draft).clone();
            d.roles = roles;
            draft.set(d);
            saved.set(false);
        })
    };
    let onsubmit = {
        let (draft, errors, failure, saved, busy, attempts) = (
            draft.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
            busy.clone(),
            attempts.clone(),
        );
        let user = user.clone();
        let on_saved = on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            failure.set(None);
            saved.set(false);
            let req = draft.request();
            // Same rule as the server, against the roles and dealer the form shows.
            let shown_dealer = if takes_dealer(&req.roles.clone().unwrap_or_default()) {
                req.dealer_id
            } else {
                None
            };
            if let Err(invalid) = req.validate(&draft.roles, shown_dealer) {
                errors.set(invalid.into());
                attempts.set(*attempts + 1);
                return;
            }
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, failure, saved, busy, attempts, on_saved) = (
                errors.clone(),
                failure.clone(),
                saved.clone(),
                busy.clone(),
                attempts.clone(),
                on_saved.clone(),
            );
            let (id, version) = (user.id, user.version);
            spawn_local(async move {
                let result = users::update(id, version, &req).await;
                busy.set(false);
                match result {
                    Ok(u) => {
                        saved.set(true);
                        on_saved.emit(u);
                    }
                    Err(e) => {
                        let fe = FieldErrors::from(&e);
                        if e.status() == 422 && !fe.is_empty() {
                            errors.set(fe);
                            attempts.set(*attempts + 1);
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };

    let reload = {
        let on_reload = on_reload.clone();
        let failure = failure.clone();
        Callback::from(move |_: ()| {
            failure.set(None);
            on_reload.emit(());
        })
    };
    let banner = (*failure).clone().map(|e| {
        let stale = e.status() == 412;
        html! {
            { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e, testid: "user-edit-error", on_retry: stale.then(|| reload.clone()), retry_label: stale.then(|| AttrValue::from(i18n.t(T::Reload))) })) }
        }
    });
    // The dealer field is hidden for staff roles: its errors go to the notice.
    let shown: Vec<&str> = EDIT_FIELDS
        .into_iter()
        .filter(|f| *f != "dealer_id" || takes_dealer(&draft.roles))
        .collect();
    let other_errors = errors.others(&shown);
    let err = |f: &str| errors.text(&i18n, f);
    html! {
        <section class="panel" aria-labelledby="account-h">
            <h2 id="account-h">{ i18n.t(T::AccountSection) }</h2>
            <form class="form" {onsubmit} novalidate=true data-testid="user-edit-form">
                { for banner }
                if !other_errors.is_empty() {
                    { notice(&yew::props!(NoticeProps { kind: NoticeKind::Warning, text: other_errors.iter().map(|e| field_error_text(&i18n, e)).collect::<Vec<_>>().join(" ") })) }
                }
                if *saved { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: "user-saved" })) } }
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-display_name", label: i18n.t(T::DisplayName), required: true, value: draft.display_name.clone(), oninput: edit(|d, v| d.display_name = v), error: err("display_name"), maxlength: 100 })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-department", label: i18n.t(T::Department), optional: true, value: draft.department.clone(), oninput: edit(|d, v| d.department = v), hint: i18n.t(T::DepartmentHint), error: err("department") })) }
                </div>
                { role_picker(&i18n, &yew::props!(RolePickerProps { selected: draft.roles.clone(), onchange: on_roles, error: err("roles") })) }
                if takes_dealer(&draft.roles) {
                    { dealer_picker(&i18n, &yew::props!(DealerPickerProps { id: "user-dealer_id", dealers: dealers.clone(), value: draft.dealer.clone(), onchange: edit(|d, v| d.dealer = v), required: draft.roles.contains(&Role::Dealer), error: err("dealer_id") })) }
                }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "user-locale", label: i18n.t(T::Locale), value: draft.locale.clone(), choices: locale_choices(&i18n), onchange: edit(|d, v| d.locale = v), optional: true, error: err("locale") })) }
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled={*busy} data-testid="user-save">
                        { if *busy { i18n.t(T::Saving) } else { i18n.t(T::Save) } }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StatusPanelProps {
    user: UserView,
    on_saved: Callback<UserView>,
    on_reload: Callback<()>,
}

#[function_component(StatusPanel)]
fn status_panel(props: &StatusPanelProps) -> Html {
    let StatusPanelProps {
        user,
        on_saved,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let session = use_session();
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<String>);
    let is_me = session.user().is_some_and(|me| me.id == user.id);

    let open = {
        let (asking, failure, done) = (asking.clone(), failure.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            done.set(None);
            asking.set(true);
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let confirm = {
        let (asking, busy, failure, done) =
            (asking.clone(), busy.clone(), failure.clone(), done.clone());
        let (user, on_saved, on_reload, i18n) = (
            user.clone(),
            on_saved.clone(),
            on_reload.clone(),
            i18n.clone(),
        );
        Callback::from(move |_| {
            busy.set(true);
            let (asking, busy, failure, done) =
                (asking.clone(), busy.clone(), failure.clone(), done.clone());
            let (user, on_saved, on_reload, i18n) = (
                user.clone(),
                on_saved.clone(),
                on_reload.clone(),
                i18n.clone(),
            );
            spawn_local(async move {
                let result = users::set_active(user.id, user.version, !user.active).await;
                busy.set(false);
                match result {
                    Ok(u) => {
                        asking.set(false);
                        let key = if u.active {
                            T::UserActivated
                        } else {
                            T::UserDeactivated
                        };
                        done.set(Some(i18n.f(key, &[&u.display_name])));
                        on_saved.emit(u);
                    }
                    Err(e) => {
                        if e.status() == 412 {
                            on_reload.emit(());
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };

    let (title, body, label) = if user.active {
        (
            T::ConfirmDeactivateTitle,
            T::ConfirmDeactivateBody,
            T::Deactivate,
        )
    } else {
        (T::ConfirmActivateTitle, T::ConfirmActivateBody, T::Activate)
    };
    html! {
        <section class="panel" aria-labelledby="status-h">
            <h2 id="status-h">{ i18n.t(T::StatusSection) }</h2>
            if let Some(text) = (*done).clone() { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: text, testid: "user-status-done" })) } }
            <p>{ i18n.t(if user.active { T::UserIsActive } else { T::UserIsInactive }) }</p>
            <button type="button" class={classes!("btn", if user.active { "btn-danger-ghost" } else { "btn-primary" })}
                    disabled={is_me && user.active} onclick={open} data-testid="user-toggle-active"
                    title={(is_me && user.active).then(|| AttrValue::from(i18n.t(T::ErrForbidden)))}>
                { i18n.t(label) }
            </button>
            if *asking {
                <ConfirmDialog title={i18n.t(title)} body={i18n.f(body, &[&user.display_name, &user.username])}
                               confirm_label={i18n.t(label)} danger={user.active} busy={*busy}
                               on_confirm={confirm} on_cancel={cancel}>
                    if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                </ConfirmDialog>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PasswordPanelProps {
    user: UserView,
    on_saved: Callback<()>,
}

#[function_component(PasswordPanel)]
fn password_panel(props: &PasswordPanelProps) -> Html {
    let PasswordPanelProps { user, on_saved } = props;
    let i18n = use_i18n();
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let done = use_state(|| false);
    let busy = use_state(|| false);

    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        let done = done.clone();
        Callback::from(move |v: String| {
            h.set(v);
            done.set(false);
        })
    };
    let onsubmit = {
        let (new, confirm, errors, failure, done, busy) = (
            new.clone(),
            confirm.clone(),
            errors.clone(),
            failure.clone(),
            done.clone(),
            busy.clone(),
        );
        let id = user.id;
        let on_saved = on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            failure.set(None);
            let mut v = Validator::new();
            check_password(&mut v, "new_password", &new);
            if *new != *confirm {
                v.error("confirm_password", "mismatch", "the passwords differ");
            }
            if let Err(invalid) = v.finish() {
                errors.set(invalid.into());
                return;
            }
            errors.set(FieldErrors::default());
            busy.set(true);
            let (new, confirm, errors, failure, done, busy, on_saved) = (
                new.clone(),
                confirm.clone(),
                errors.clone(),
                failure.clone(),
                done.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            let password = (*new).clone();
            spawn_local(async move {
                let result = users::set_password(id, password).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        new.set(String::new());
                        confirm.set(String::new());
                        done.set(true);
                        on_saved.emit(());
                    }
                    Err(e) => {
                        if e.status() == 422 {
                            errors.set(FieldErrors::from(&e));
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    html! {
        <section class="panel" aria-labelledby="password-h">
            <h2 id="password-h">{ i18n.t(T::ResetPassword) }</h2>
            <p class="muted">{ i18n.t(T::ResetPasswordHint) }</p>
            <form class="form" {onsubmit} novalidate=true data-testid="user-password-form">
                if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                if *done { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::PasswordReset), testid: "user-password-done" })) } }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-new_password", label: i18n.t(T::NewPassword), kind: "password", autocomplete: "new-password", required: true, value: (*new).clone(), oninput: set(&new), hint: i18n.f(T::PasswordHint, &[&MIN_PASSWORD_CHARS.to_string()]), error: errors.text(&i18n, "new_password") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-confirm_password", label: i18n.t(T::ConfirmNewPassword), kind: "password", autocomplete: "new-password", required: true, value: (*confirm).clone(), oninput: set(&confirm), error: errors.text(&i18n, "confirm_password") })) }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={*busy} data-testid="user-password-submit">
                        { i18n.t(T::ResetPassword) }
                    </button>
                </div>
            </form>
        </section>
    }
}

fn field_label(i18n: &I18n, field: &str) -> String {
    let key = match field {
        "username" => T::Username,
        "display_name" => T::DisplayName,
        "roles" => T::Roles,
        "dealer_id" => T::Dealer,
        "department" => T::Department,
        "locale" => T::Locale,
        "active" => T::ColStatus,
        other => return other.to_owned(),
    };
    i18n.t(key).to_owned()
}

/// A recorded value, readable: role names translated, dealers by name, a dash
/// for nothing.
fn value_text(i18n: &I18n, dealers: &[DealerView], field: &str, v: &serde_json::Value) -> String {
    use serde_json::Value;
    match (field, v) {
        (_, Value::Null) => "—".to_owned(),
        ("dealer_id", Value::String(s)) => dealer_label(dealers, Uuid::parse_str(s).ok()),
        ("roles", Value::Array(items)) => items
            .iter()
            .filter_map(|r| r.as_str()?.parse::<Role>().ok())
            .map(|r| i18n.role(r))
            .collect::<Vec<_>>()
            .join("、"),
        ("active", Value::Bool(b)) => i18n
            .t(if *b {
                T::StatusActive
            } else {
                T::StatusInactive
            })
            .to_owned(),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// The order fields are listed in, as on the form.
const FIELD_ORDER: [&str; 7] = [
    "username",
    "display_name",
    "roles",
    "department",
    "dealer_id",
    "locale",
    "active",
];

/// The changes of one event: `field: old → new` for changes, `field: value`
/// for a creation (empty fields left out).
fn changes_text(i18n: &I18n, dealers: &[DealerView], e: &AuditEventView) -> Vec<String> {
    let Some(obj) = e.changes.as_object() else {
        return Vec::new();
    };
    let fields = crate::order::by_names(obj.iter().collect(), &FIELD_ORDER, |(k, _)| k);
    let created = e.action == "created";
    fields
        .into_iter()
        .filter(|(_, v)| !(created && v.is_null()))
        .map(|(k, v)| match v.as_array() {
            Some(pair) if pair.len() == 2 && !created => format!(
                "{}: {} → {}",
                field_label(i18n, k),
                value_text(i18n, dealers, k, &pair[0]),
                value_text(i18n, dealers, k, &pair[1])
            ),
            _ => format!(
                "{}: {}",
                field_label(i18n, k),
                value_text(i18n, dealers, k, v)
            ),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct HistoryPanelProps {
    history: Remote<Vec<AuditEventView>>,
    dealers: Vec<DealerView>,
}

fn history_panel(i18n: &I18n, props: &HistoryPanelProps) -> Html {
    let HistoryPanelProps { history, dealers } = props;
    let body = match history {
        Remote::Loading => html! { { loading(i18n) } },
        Remote::Failed(e) => {
            html! { { error_banner(i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) } }
        }
        Remote::Ready(events) if events.is_empty() => {
            html! { <p class="empty-state">{ i18n.t(T::NoHistory) }</p> }
        }
        Remote::Ready(events) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="user-history">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(T::ColWhen) }</th>
                            <th scope="col">{ i18n.t(T::ColWho) }</th>
                            <th scope="col">{ i18n.t(T::ColAction) }</th>
                            <th scope="col">{ i18n.t(T::ColChanges) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Newest first: the latest change is what an administrator looks for.
                        { for events.iter().rev().map(|e| html! {
                            <tr key={e.id.to_string()}>
                                <td class="nowrap">{ local_minutes(&e.at) }</td>
                                <td class="mono">{ &e.actor_name }</td>
                                <td>{ action_label(i18n, "user", &e.action) }</td>
                                <td class="changes">
                                    { for changes_text(i18n, dealers, e).into_iter().map(|c| html! { <div>{ c }</div> }) }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    };
    html! {
        <section class="panel" aria-labelledby="history-h">
            <h2 id="history-h">{ i18n.t(T::HistorySection) }</h2>
            { body }
        </section>
    }
}
