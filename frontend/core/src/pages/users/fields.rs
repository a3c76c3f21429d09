//! Form pieces shared by the create and edit pages.

use crate::components::active_toggle::ActiveDialog;
use crate::components::form::{Choice, SelectFieldProps, select_field, ticked};
use crate::components::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::{Lang, T};
use crate::services::requests::from_json;
use furrow_domain::Role;
use furrow_domain::dealers::DealerView;
use furrow_domain::users::UserView;
use uuid::Uuid;
use yew::prelude::*;

/// What a role does, in a few words, to help the administrator choose.
fn role_summary(role: Role, lang: Lang) -> &'static str {
    let (zh, en) = match role {
        Role::Admin => ("用户与系统设置", "Users and settings"),
        Role::Agent => (
            "受理报修与咨询、客户回访",
            "Intake of requests and enquiries, follow-ups",
        ),
        Role::Supervisor => (
            "派工、审核维修报告、质量监督",
            "Dispatch, report review, quality",
        ),
        Role::Engineer => (
            "现场维修、填写维修报告",
            "On-site repair and repair reports",
        ),
        Role::PartsClerk => ("配件库存、发放、盘点", "Parts stock, issues, stock-takes"),
        Role::Purchasing => ("配件短缺时采购", "Buying parts on shortage"),
        Role::Finance => ("审核费用报销", "Reviewing expense claims"),
        Role::Manager => ("审批预算、查看考核", "Budgets and assessments"),
        Role::Dealer => ("为客户报修、跟踪进度", "Reports problems for its customers"),
        Role::Integration => ("其他系统的接口账号", "API account of another system"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// Whether these roles belong to a dealer (required for dealers, allowed for
/// integrations).
pub fn takes_dealer(roles: &[Role]) -> bool {
    roles.contains(&Role::Dealer) || roles.contains(&Role::Integration)
}

/// The roles as badges.
pub fn role_badges(i18n: &I18n, roles: &[Role]) -> Html {
    html! {
        <span class="chip-row">
            { for roles.iter().map(|r| html! { { badge(Tone::Info, i18n.role(*r), None) } }) }
        </span>
    }
}

/// A dealer's name for a table cell.
pub fn dealer_label(dealers: &[DealerView], id: Option<Uuid>) -> String {
    match id {
        None => String::new(),
        Some(id) => dealers
            .iter()
            .find(|d| d.id == id)
            .map(|d| format!("{} {}", d.code, d.name))
            .unwrap_or_else(|| id.to_string()),
    }
}

#[derive(Properties, PartialEq)]
pub struct RolePickerProps {
    pub selected: Vec<Role>,
    pub onchange: Callback<Vec<Role>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// The roles as checkboxes, in the domain's display order.
pub fn role_picker(i18n: &I18n, props: &RolePickerProps) -> Html {
    let RolePickerProps {
        selected,
        onchange,
        error,
    } = props;
    let boxes = Role::ALL.into_iter().map(|role| {
        let checked = selected.contains(&role);
        let onchange = {
            let selected = selected.clone();
            let cb = onchange.clone();
            Callback::from(move |e: Event| {
                let on = ticked(&e);
                let roles = crate::order::subset(&Role::ALL, |r| {
                    if r == role { on } else { selected.contains(&r) }
                });
                cb.emit(roles);
            })
        };
        let id = format!("role-{}", role.as_str());
        html! {
            <label class="check" for={id.clone()} key={role.as_str()}>
                <input type="checkbox" id={id.clone()} data-testid={id} {checked} {onchange}
                       aria-invalid={error.is_some().then_some("true")}
                       aria-describedby={error.is_some().then_some("roles-error")} />
                <span class="check-text">
                    <span class="check-label">{ i18n.role(role) }</span>
                    <span class="check-hint">{ role_summary(role, i18n.lang) }</span>
                </span>
            </label>
        }
    });
    html! {
        <fieldset class={classes!("field", "role-picker", error.is_some().then_some("has-error"))}>
            <legend>{ i18n.t(T::Roles) }<span class="required" aria-hidden="true">{ " *" }</span></legend>
            <div class="check-grid">{ for boxes }</div>
            if let Some(e) = error {
                <div class="field-error" id="roles-error" data-testid="roles-error">{ e.clone() }</div>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct DealerPickerProps {
    pub id: AttrValue,
    pub dealers: Vec<DealerView>,
    /// The chosen dealer's id, or empty.
    pub value: AttrValue,
    pub onchange: Callback<String>,
    pub required: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// The dealer a dealer (or integration) user acts for.
pub fn dealer_picker(i18n: &I18n, props: &DealerPickerProps) -> Html {
    let DealerPickerProps {
        id,
        dealers,
        value,
        onchange,
        required,
        error,
    } = props;
    let mut choices = vec![Choice::new("", i18n.t(T::ChooseDealer))];
    choices.extend(
        dealers
            .iter()
            .filter(|d| d.active || d.id.to_string() == **value)
            .map(|d| {
                Choice::new(
                    d.id.to_string(),
                    format!("{} {} ({})", d.code, d.name, d.region),
                )
            }),
    );
    let hint = dealers
        .is_empty()
        .then(|| AttrValue::from(i18n.t(T::NoDealers)));
    html! {
        { select_field(i18n, &yew::props!(SelectFieldProps { id: id.clone(), label: i18n.t(T::Dealer), value: value.clone(), choices, onchange: onchange.clone(), required: *required, optional: !*required, error: error.clone(), hint })) }
    }
}

/// The choices of the preferred-language select.
pub fn locale_choices(i18n: &I18n) -> Vec<Choice> {
    vec![
        Choice::new("", i18n.t(T::NotSet)),
        Choice::new(Lang::ZhCn.tag(), Lang::ZhCn.native_name()),
        Choice::new(Lang::En.tag(), Lang::En.native_name()),
    ]
}

/// A user's state as a badge.
pub fn active_badge(i18n: &I18n, active: bool, testid: Option<String>) -> Html {
    if active {
        badge(Tone::Success, i18n.t(T::StatusActive), testid)
    } else {
        badge(Tone::Neutral, i18n.t(T::StatusInactive), testid)
    }
}

/// Deactivating or activating `user` after a confirmation: the list's row
/// button and the user page's status panel alike. `on_done` gets the user as
/// saved and what to tell the administrator; `on_stale` loads the current
/// version when someone changed the user meanwhile.
pub fn user_active_dialog(
    i18n: &I18n,
    user: &UserView,
    on_done: &Callback<(UserView, String)>,
    (on_cancel, on_stale): (Callback<()>, Callback<()>),
) -> Html {
    let (title, body) = if user.active {
        (T::ConfirmDeactivateTitle, T::ConfirmDeactivateBody)
    } else {
        (T::ConfirmActivateTitle, T::ConfirmActivateBody)
    };
    let on_done = {
        let (on_done, on_stale, i18n) = (on_done.clone(), on_stale.clone(), i18n.clone());
        Callback::from(move |saved: String| match from_json::<UserView>(&saved) {
            Ok(u) => {
                let key = if u.active {
                    T::UserActivated
                } else {
                    T::UserDeactivated
                };
                let text = i18n.f(key, &[&u.display_name]);
                on_done.emit((u, text));
            }
            // Saved, but not readable here: show the user as the API has it.
            Err(_) => on_stale.emit(()),
        })
    };
    html! {
        <ActiveDialog api="/users" id={user.id} version={user.version} active={user.active}
                      title={i18n.t(title)} body={i18n.f(body, &[&user.display_name, &user.username])}
                      {on_done} {on_cancel} {on_stale} />
    }
}
