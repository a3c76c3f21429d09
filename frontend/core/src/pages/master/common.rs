//! Pieces every master data page uses: permissions, labels and badges of
//! the domain's enumerations, loading a record, opening a saved one, an
//! archive's actions and the page of a record's form.

use crate::components::active_toggle::{ActiveToggle, ActiveToggleProps};
use crate::components::form::Choice;
use crate::components::record::ready;
use crate::components::record_form::{Check, Draft, Field, RecordForm, typed};
use crate::components::record_page::{RecordFrame, record_page};
use crate::components::{AppLinkProps, NoticeKind, Tone, app_link, badge};
pub use crate::hooks::use_dealers;
use crate::hooks::{I18n, Remote, use_api, use_i18n, use_session};
use crate::i18n::T;
use crate::i18n::master::{M, machine_status, warranty_status};
use crate::pages::not_found::NotFoundBody;
use crate::pages::service::new_request_link;
use crate::route::Route;
use crate::services::requests::Call;
use furrow_domain::Permission;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{MachineStatus, WarrantyStatus};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// Whether the signed-in user holds `permission`.
#[hook]
pub fn use_can(permission: Permission) -> bool {
    let session = use_session();
    session
        .user()
        .is_some_and(|u| u.permissions.contains(&permission))
}

/// The loaded record, or the page to show instead (loading, failed, not found).
pub fn loaded<R: Clone>(
    i18n: &I18n,
    record: &Remote<Option<R>>,
    on_reload: &Callback<()>,
) -> Result<R, Html> {
    ready(i18n, record, on_reload)?.ok_or_else(|| html! { <NotFoundBody /> })
}

/// Whether the signed-in user acts for a dealer (sees only its own records).
#[hook]
pub fn use_is_dealer() -> bool {
    let session = use_session();
    session.user().is_some_and(|u| u.dealer_id.is_some())
}

/// Active / deactivated.
pub fn active_badge(i18n: &I18n, active: bool) -> Html {
    if active {
        html! { { badge(Tone::Success, i18n.m(M::Active), None) } }
    } else {
        html! { { badge(Tone::Neutral, i18n.m(M::Inactive), None) } }
    }
}

/// 三包期内 (green) / 延保期内 (blue) / 已过保 (red) / 未知 (grey).
pub fn warranty_badge(i18n: &I18n, status: WarrantyStatus) -> Html {
    let tone = match status {
        WarrantyStatus::InWarranty => Tone::Success,
        WarrantyStatus::ExtendedWarranty => Tone::Info,
        WarrantyStatus::Expired => Tone::Danger,
        WarrantyStatus::Unknown => Tone::Neutral,
    };
    html! {
        { badge(tone, i18n.m(warranty_status(status)), Some(format!("warranty-{}", match status {
                   WarrantyStatus::InWarranty => "in_warranty",
                   WarrantyStatus::ExtendedWarranty => "extended_warranty",
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

/// `?saved=1` after an edit, `?created=1` after creation.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct JustSaved {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<u8>,
}

/// What the address says just happened to the record.
#[hook]
pub fn use_just_saved() -> JustSaved {
    use_location()
        .and_then(|l| l.query::<JustSaved>().ok())
        .unwrap_or_default()
}

/// The notices of a record's page: just saved or created, and deactivated.
/// `name` prefixes their test ids.
pub fn notices(
    i18n: &I18n,
    flags: &JustSaved,
    name: &str,
    record: &str,
    active: bool,
) -> Vec<(NoticeKind, String, Option<String>)> {
    let mut notices = Vec::new();
    if flags.saved.is_some() {
        let text = i18n.t(T::Saved).to_owned();
        notices.push((NoticeKind::Success, text, Some(format!("{name}-saved"))));
    }
    if flags.created.is_some() {
        let text = i18n.mf(M::Created, &[record]);
        notices.push((NoticeKind::Success, text, Some(format!("{name}-created"))));
    }
    if !active {
        notices.push((
            NoticeKind::Info,
            i18n.m(M::RecordIsInactive).to_owned(),
            None,
        ));
    }
    notices
}

/// The record at `{api}/{id}{suffix}` (none when creating), and the
/// callback that loads it again (after a 412 or a (de)activation).
#[hook]
pub fn use_record<R: DeserializeOwned + 'static>(
    api: &'static str,
    id: Option<Uuid>,
    suffix: &'static str,
) -> (UseStateHandle<Remote<Option<R>>>, Callback<()>) {
    let reload = use_state(|| 0u32);
    let record = use_api((id, *reload), move |(id, _)| async move {
        match id {
            Some(id) => Call::get(format!("{api}/{id}{suffix}"))
                .fetch()
                .await
                .map(Some),
            None => Ok(None),
        }
    });
    let on_reload = Callback::from(move |_: ()| reload.set(*reload + 1));
    (record, on_reload)
}

/// Opens a saved record's page (`to` of its id) with "saved" or "created".
pub fn open_saved(
    navigator: Option<Navigator>,
    to: fn(String) -> Route,
    created: bool,
) -> Callback<Value> {
    Callback::from(move |saved: Value| {
        let id = saved.get("id").and_then(Value::as_str).unwrap_or_default();
        let flags = match created {
            true => JustSaved {
                created: Some(1),
                ..JustSaved::default()
            },
            false => JustSaved {
                saved: Some(1),
                ..JustSaved::default()
            },
        };
        if let Some(n) = &navigator {
            let _ = n.push_with_query(&to(id.to_owned()), flags);
        }
    })
}

/// An archive's actions: report a problem (an active record), edit with the
/// test id `edit.1`, (de)activate.
pub fn archive_actions(
    i18n: &I18n,
    (can_report, can_edit): (bool, bool),
    (customer, machine): (Uuid, Option<Uuid>),
    edit: (Route, &'static str),
    toggle: ActiveToggleProps,
) -> Html {
    let (to, testid) = edit;
    let children = html! { <>{ i18n.t(T::Edit) }</> };
    let classes = "btn btn-primary";
    html! {
        <>
            if can_report && toggle.active { { new_request_link(i18n, customer, machine) } }
            if can_edit {
                { app_link(&yew::props!(AppLinkProps { to, classes, testid, children })) }
                <ActiveToggle ..toggle />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct RecordProps {
    /// The record to show or edit; `None` creates one.
    pub id: Option<Uuid>,
}

/// A form's fields for the draft it starts from.
pub type Fields = Box<dyn Fn(&Draft) -> Vec<Field>>;

/// How a record's form is shown: on the record's own page (a dealer, a
/// product model, an engineer's profile: saved in place, manage_catalog
/// edits), or on an edit page of its own (a customer, a machine: back goes
/// to the archive, which a save opens).
pub struct FormPage {
    /// The prefix of the test ids (`dealer` gives `dealer-detail-page`).
    pub name: &'static str,
    pub api: &'static str,
    pub list: (Route, M),
    /// The title of a new record's page.
    pub create_title: M,
    pub detail: fn(String) -> Route,
    /// The form's fields for the record's draft (whose current choices stay
    /// offered even when no longer active).
    pub fields: Fields,
    pub check: Check,
    /// A new record's starting values.
    pub fresh: Draft,
    /// Who may save.
    pub permission: Permission,
    /// Whether the page can deactivate the record.
    pub toggle: bool,
    /// An edit page of its own, apart from the record's page.
    pub edit_page: bool,
    /// Above the form (a list of choices that failed to load).
    pub above: Html,
}

/// What a form page's header says about its record.
pub struct Head {
    pub title: String,
    pub meta: Vec<Html>,
    /// The record's name in notices, confirmations and the back link.
    pub name: String,
    pub id: Uuid,
    pub version: i32,
    pub active: bool,
}

/// The page of `spec`'s record `id` (or a new one); `head` describes it.
///
/// Only reading the header is generic: the record is loaded as JSON (the
/// form's draft) and the page is one non-generic function, which keeps the
/// wasm small.
#[hook]
pub fn use_form_page<R: DeserializeOwned>(
    spec: FormPage,
    id: Option<Uuid>,
    head: fn(&I18n, &R) -> Head,
) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let can_save = use_can(spec.permission);
    let flags = use_just_saved();
    let (record, on_reload) = use_record::<Draft>(spec.api, id, "");
    let shown = match ready(&i18n, &record, &on_reload) {
        Ok(Some(draft)) => match typed::<R>(&Value::Object(draft.clone())) {
            Some(r) => Some((head(&i18n, &r), draft)),
            None => return html! { <NotFoundBody /> },
        },
        Ok(None) => None,
        Err(page) => return page,
    };
    let on_saved = match (spec.edit_page, &shown) {
        (true, _) | (false, None) => open_saved(navigator, spec.detail, shown.is_none()),
        // Saved in place: the page shows the record as the API answered.
        (false, Some(_)) => Callback::from(move |saved: Value| {
            record.set(Remote::Ready(saved.as_object().cloned()))
        }),
    };
    form_page(&i18n, spec, shown, (can_save, &flags), on_saved, on_reload)
}

/// The frame and the form of a form page.
fn form_page(
    i18n: &I18n,
    spec: FormPage,
    shown: Option<(Head, Draft)>,
    (can_save, flags): (bool, &JustSaved),
    on_saved: Callback<Value>,
    on_reload: Callback<()>,
) -> Html {
    let FormPage {
        name,
        api,
        list: (list, list_title),
        detail,
        edit_page,
        ..
    } = spec;
    let mut back = (list.clone(), i18n.mf(M::BackTo, &[i18n.m(list_title)]));
    let mut cancel = list;
    let (frame, record, target) = match shown {
        Some((head, draft)) => {
            let Head {
                title,
                meta,
                name: shown,
                id,
                version,
                active,
            } = head;
            let on_done = on_reload.clone();
            let actions = html! { if can_save && spec.toggle {
                <ActiveToggle {api} {id} {version} {active} name={shown.clone()} {on_done} />
            } };
            let frame = if edit_page {
                cancel = detail(id.to_string());
                back = (cancel.clone(), i18n.mf(M::BackTo, &[&shown]));
                let frame = RecordFrame::new(format!("{name}-edit-page"), back, html! { title });
                RecordFrame { meta, ..frame }
            } else {
                let frame = RecordFrame::new(format!("{name}-detail-page"), back, html! { title });
                let notices = notices(i18n, flags, name, &shown, active);
                RecordFrame {
                    meta,
                    actions,
                    notices,
                    ..frame
                }
            };
            (frame, draft, Some((id, version)))
        }
        None => {
            let title = html! { i18n.m(spec.create_title) };
            let frame = RecordFrame::new(format!("{name}-create-page"), back, title);
            (frame, spec.fresh, None)
        }
    };
    let (fields, check) = ((spec.fields)(&record), Some(spec.check));
    record_page(
        frame,
        html! {
            <>
                { spec.above }
                <RecordForm {name} {fields} {record} {api} {target} {check} {on_saved} {on_reload}
                            {cancel} readonly={!can_save} />
            </>
        },
    )
}
