//! Pieces every master data page uses: URL-kept filters with keyset pages,
//! labels and badges of the domain's enumerations, field errors, the
//! deactivate/activate control and a few form fields.

use crate::components::form::Choice;
use crate::components::{ConfirmDialog, ErrorBannerProps, Tone, badge, error_banner};
use crate::hooks::{I18n, use_i18n, use_session};
use crate::i18n::master::{M, machine_status, warranty_status};
use crate::services::requests::ApiError;
use chrono::NaiveDate;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{MachineStatus, WarrantyStatus};
use furrow_domain::{FieldError, Permission};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Rows per page of the lists.
pub const PAGE_SIZE: u64 = 50;

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// Whether the signed-in user holds `permission`.
#[hook]
pub fn use_can(permission: Permission) -> bool {
    let session = use_session();
    session
        .user()
        .is_some_and(|u| u.permissions.contains(&permission))
}

/// Whether the signed-in user acts for a dealer (sees only its own records).
#[hook]
pub fn use_is_dealer() -> bool {
    let session = use_session();
    session.user().is_some_and(|u| u.dealer_id.is_some())
}

/// A text that is `None` when blank.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Active / deactivated.
pub fn active_badge(i18n: &I18n, active: bool) -> Html {
    if active {
        html! { { badge(Tone::Success, i18n.m(M::Active), None) } }
    } else {
        html! { { badge(Tone::Neutral, i18n.m(M::Inactive), None) } }
    }
}

/// 保修期内 (green) / 已过保 (red) / 未知 (grey).
pub fn warranty_badge(i18n: &I18n, status: WarrantyStatus) -> Html {
    let tone = match status {
        WarrantyStatus::InWarranty => Tone::Success,
        WarrantyStatus::Expired => Tone::Danger,
        WarrantyStatus::Unknown => Tone::Neutral,
    };
    html! {
        { badge(tone, i18n.m(warranty_status(status)), Some(format!("warranty-{}", match status {
                   WarrantyStatus::InWarranty => "in_warranty",
                   WarrantyStatus::Expired => "expired",
                   WarrantyStatus::Unknown => "unknown",
               }))) }
    }
}

/// 正常使用 / 维修中 / 停用.
pub fn machine_status_badge(i18n: &I18n, status: MachineStatus) -> Html {
    let tone = match status {
        MachineStatus::Operational => Tone::Success,
        MachineStatus::UnderRepair => Tone::Warning,
        MachineStatus::Retired => Tone::Neutral,
    };
    html! { { badge(tone, i18n.m(machine_status(status)), None) } }
}

/// A dealer by code and name; empty for none.
pub fn dealer_name(dealers: &[DealerView], id: Option<Uuid>) -> String {
    match id {
        None => String::new(),
        Some(id) => dealers
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .unwrap_or_default(),
    }
}

/// The dealer choices of a form: none, then the active dealers (and the current one).
pub fn dealer_choices(i18n: &I18n, dealers: &[DealerView], current: &str) -> Vec<Choice> {
    let mut choices = vec![Choice::new("", i18n.m(M::NoDealerChoice))];
    choices.extend(
        dealers
            .iter()
            .filter(|d| d.active || d.id.to_string() == current)
            .map(|d| Choice::new(d.id.to_string(), format!("{} {}", d.code, d.name))),
    );
    choices
}

/// A number typed in a form: empty is `None`, garbage an error on `field`.
pub fn parse_number<N: std::str::FromStr>(
    text: &str,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<N> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<N>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError {
                field: field.to_owned(),
                code: "not_a_number".to_owned(),
                message: format!("{field} must be a number"),
            });
            None
        }
    }
}

/// A date typed in a form (`YYYY-MM-DD` from `<input type=date>`).
pub fn parse_date(text: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // By hand: chrono's format parser would add kilobytes to the wasm for one pattern.
    let mut parts = t.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let date = match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    match date {
        Some(d) => Some(d),
        None => {
            errors.push(FieldError {
                field: field.to_owned(),
                code: "invalid".to_owned(),
                message: format!("{field} must be a date"),
            });
            None
        }
    }
}

/// What the deactivate/activate control runs: the API call for the new state.
pub type ToggleRun = Callback<bool, Pin<Box<dyn Future<Output = Result<(), ApiError>>>>>;

#[derive(Properties, PartialEq)]
pub struct ActiveToggleProps {
    pub active: bool,
    /// The record's name in the confirmation.
    pub name: AttrValue,
    /// Calls the API with the wanted state and shows the result.
    pub run: ToggleRun,
    /// A stale version: the page reloads the record.
    pub on_stale: Callback<()>,
}

/// Deactivate (or activate) with a confirmation; the record's history stays.
#[function_component(ActiveToggle)]
pub fn active_toggle(props: &ActiveToggleProps) -> Html {
    let ActiveToggleProps {
        active,
        name,
        run,
        on_stale,
    } = props;
    let i18n = use_i18n();
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let open = {
        let (asking, failure) = (asking.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            asking.set(true);
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let confirm = {
        let (asking, busy, failure) = (asking.clone(), busy.clone(), failure.clone());
        let (run, on_stale, want) = (run.clone(), on_stale.clone(), !*active);
        Callback::from(move |_| {
            busy.set(true);
            let fut = run.emit(want);
            let (asking, busy, failure, on_stale) = (
                asking.clone(),
                busy.clone(),
                failure.clone(),
                on_stale.clone(),
            );
            spawn_local(async move {
                let result = fut.await;
                busy.set(false);
                match result {
                    Ok(()) => asking.set(false),
                    Err(e) => {
                        if e.status() == 412 {
                            on_stale.emit(());
                        }
                        failure.set(Some(e));
                    }
                }
            });
        })
    };
    let (label, title, body) = if *active {
        (
            crate::i18n::T::Deactivate,
            M::ConfirmDeactivateTitle,
            M::ConfirmDeactivateBody,
        )
    } else {
        (
            crate::i18n::T::Activate,
            M::ConfirmActivateTitle,
            M::ConfirmActivateBody,
        )
    };
    html! {
        <>
            <button type="button" data-testid="toggle-active" onclick={open}
                    class={classes!("btn", if *active { "btn-danger-ghost" } else { "btn-primary" })}>
                { i18n.t(label) }
            </button>
            if *asking {
                <ConfirmDialog title={i18n.m(title)} body={i18n.mf(body, &[name])}
                               confirm_label={i18n.t(label)} danger={*active} busy={*busy}
                               on_confirm={confirm} on_cancel={cancel}>
                    if let Some(e) = (*failure).clone() { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e })) } }
                </ConfirmDialog>
            }
        </>
    }
}

/// One label and value of a record's fields (`<dt>`/`<dd>`), skipped when empty.
pub fn fact(label: &str, value: impl Into<Html>) -> Html {
    html! {
        <div class="fact">
            <dt>{ label }</dt>
            <dd>{ value.into() }</dd>
        </div>
    }
}

/// An optional text for [`fact`]: a dash when absent.
pub fn or_dash(v: Option<&str>) -> String {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.to_owned(),
        None => "—".to_owned(),
    }
}
