//! One user: change name, roles, dealer, department and language (with
//! `If-Match`, so a concurrent change is caught, not overwritten), deactivate or
//! activate, set a new password, and the record's history.

use super::fields::{
    DealerPickerProps, RolePickerProps, active_badge, dealer_label, dealer_picker, locale_choices,
    role_badges, role_picker, takes_dealer, user_active_dialog,
};
use crate::components::form::{
    SelectFieldProps, TextFieldProps, save_button, select_field, text_field,
};
use crate::components::history::history;
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{Remote, use_api_reload, use_dealers, use_form, use_i18n, use_session};
use crate::i18n::T;
use crate::route::Route;
use crate::services::users;
use furrow_domain::Role;
use furrow_domain::dealers::DealerView;
use furrow_domain::users::{MIN_PASSWORD_CHARS, UpdateUserRequest, UserView, check_password};
use furrow_domain::validation::Validator;
use serde::Deserialize;
use uuid::Uuid;
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
    by_id::<UserDetail>(&props.id)
}

#[function_component(UserDetail)]
fn user_detail(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let location = use_location();
    let just_created = location
        .and_then(|l| l.query::<DetailQuery>().ok())
        .and_then(|q| q.created)
        .is_some();
    let (user, on_reload) = use_api_reload(*id, users::get);
    let (history_events, history_reload) = use_api_reload(*id, users::history);
    let dealers = use_dealers();

    let on_saved = {
        let (user, history_reload) = (user.clone(), history_reload.clone());
        Callback::from(move |u: UserView| {
            user.set(Remote::Ready(u));
            history_reload.emit(());
        })
    };

    let u = match ready(&i18n, &user, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };

    let status = active_badge(&i18n, u.active, Some("user-status".into()));
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
                    <PasswordPanel user={u.clone()} on_saved={history_reload} />
                </div>
            </div>
            <div data-testid="user-history">{ history(&i18n, &history_events, i18n.t(T::HistorySection), true, dealers) }</div>
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
    let form = use_form(|| Draft::of(user));
    {
        // A new version (saved here, or reloaded) replaces the draft.
        let form = form.clone();
        use_effect_with(user.clone(), move |u| form.reset(Draft::of(u)));
    }
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let on_roles = form.change(|d: &mut Draft, roles: Vec<Role>| d.roles = roles);
    let onsubmit = {
        let (form, user, on_saved) = (form.clone(), user.clone(), on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = form.draft.request();
            // Same rule as the server, against the roles and dealer the form shows.
            let shown_dealer = if takes_dealer(&req.roles.clone().unwrap_or_default()) {
                req.dealer_id
            } else {
                None
            };
            if let Err(invalid) = req.validate(&form.draft.roles, shown_dealer) {
                return form.refuse(invalid.into());
            }
            let (id, version) = (user.id, user.version);
            let call = async move { users::update(id, version, &req).await };
            form.save(true, call, &on_saved, |_| ());
        })
    };
    let draft = &*form.draft;
    let busy = *form.busy;
    // The dealer field is hidden for staff roles: its errors go to the notice.
    let shown: Vec<&str> = EDIT_FIELDS
        .into_iter()
        .filter(|f| *f != "dealer_id" || takes_dealer(&draft.roles))
        .collect();
    let err = |f: &str| form.err(&i18n, f);
    html! {
        <section class="panel" aria-labelledby="account-h">
            <h2 id="account-h">{ i18n.t(T::AccountSection) }</h2>
            <form class="form" {onsubmit} novalidate=true data-testid="user-edit-form">
                { form.failure_banner(&i18n, &shown, on_reload, "user-edit-error") }
                { form.saved_notice(&i18n, "user-saved") }
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-display_name", label: i18n.t(T::DisplayName), required: true, value: draft.display_name.clone(), oninput: edit(|d, v| d.display_name = v), error: err("display_name"), maxlength: 100 })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-department", label: i18n.t(T::Department), optional: true, value: draft.department.clone(), oninput: edit(|d, v| d.department = v), hint: i18n.t(T::DepartmentHint), error: err("department") })) }
                </div>
                { role_picker(&i18n, &yew::props!(RolePickerProps { selected: draft.roles.clone(), onchange: on_roles, error: err("roles") })) }
                if takes_dealer(&draft.roles) {
                    { dealer_picker(&i18n, &yew::props!(DealerPickerProps { id: "user-dealer_id", dealers: dealers.clone(), value: draft.dealer.clone(), onchange: edit(|d, v| d.dealer = v), required: draft.roles.contains(&Role::Dealer), error: err("dealer_id") })) }
                }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "user-locale", label: i18n.t(T::Locale), value: draft.locale.clone(), choices: locale_choices(&i18n), onchange: edit(|d, v| d.locale = v), optional: true, error: err("locale") })) }
                { save_button(&i18n, busy, i18n.t(T::Save), "user-save") }
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
    let done = use_state(|| None::<String>);
    let is_me = session.user().is_some_and(|me| me.id == user.id);

    let open = {
        let (asking, done) = (asking.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            done.set(None);
            asking.set(true);
        })
    };
    let on_done = {
        let (asking, done, on_saved) = (asking.clone(), done.clone(), on_saved.clone());
        Callback::from(move |(u, text): (UserView, String)| {
            asking.set(false);
            done.set(Some(text));
            on_saved.emit(u);
        })
    };
    let on_cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let label = if user.active {
        T::Deactivate
    } else {
        T::Activate
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
                { user_active_dialog(&i18n, user, &on_done, (on_cancel, on_reload.clone())) }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PasswordPanelProps {
    user: UserView,
    on_saved: Callback<()>,
}

/// The new password, twice.
#[derive(Debug, Clone, Default, PartialEq)]
struct NewPassword {
    new: String,
    confirm: String,
}

#[function_component(PasswordPanel)]
fn password_panel(props: &PasswordPanelProps) -> Html {
    let PasswordPanelProps { user, on_saved } = props;
    let i18n = use_i18n();
    let form = use_form(NewPassword::default);
    let onsubmit = {
        let (form, id, on_saved) = (form.clone(), user.id, on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let NewPassword { new, confirm } = (*form.draft).clone();
            let mut v = Validator::new();
            check_password(&mut v, "new_password", &new);
            if new != confirm {
                v.error("confirm_password", "mismatch", "the passwords differ");
            }
            if let Err(invalid) = v.finish() {
                return form.refuse(invalid.into());
            }
            let (done, on_saved) = (form.clone(), on_saved.clone());
            form.submit(users::set_password(id, new), move |()| {
                done.reset(NewPassword::default());
                done.saved.set(true);
                on_saved.emit(());
            });
        })
    };
    let draft = &*form.draft;
    html! {
        <section class="panel" aria-labelledby="password-h">
            <h2 id="password-h">{ i18n.t(T::ResetPassword) }</h2>
            <p class="muted">{ i18n.t(T::ResetPasswordHint) }</p>
            <form class="form" {onsubmit} novalidate=true data-testid="user-password-form">
                { form.failure_banner(&i18n, &["new_password", "confirm_password"], &Callback::noop(), "user-password-error") }
                if *form.saved { { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::PasswordReset), testid: "user-password-done" })) } }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-new_password", label: i18n.t(T::NewPassword), kind: "password", autocomplete: "new-password", required: true, value: draft.new.clone(), oninput: form.edit(|d, v| d.new = v), hint: i18n.f(T::PasswordHint, &[&MIN_PASSWORD_CHARS.to_string()]), error: form.err(&i18n, "new_password") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "user-confirm_password", label: i18n.t(T::ConfirmNewPassword), kind: "password", autocomplete: "new-password", required: true, value: draft.confirm.clone(), oninput: form.edit(|d, v| d.confirm = v), error: form.err(&i18n, "confirm_password") })) }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={*form.busy} data-testid="user-password-submit">
                        { i18n.t(T::ResetPassword) }
                    </button>
                </div>
            </form>
        </section>
    }
}
