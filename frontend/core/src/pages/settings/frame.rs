//! What every setting's page shares: the document loaded with its version,
//! a reload after a save (the page then says so) or on request, and the
//! page around the form.

use crate::components::form::FieldErrors;
use crate::components::remote::remote;
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{Form, I18n, Remote, use_api_reload, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::home::H;
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::settings as api;
use furrow_domain::settings::Setting;
use std::future::Future;
use yew::prelude::*;

/// The element id (and test id) of a setting's field, by its name in the
/// API's errors: `busy_seasons[0].start` of `sla` is `sla-busy_seasons-0-start`.
pub fn setting_field_id(setting: &str, field: &str) -> String {
    let cleaned: String = field
        .chars()
        .map(|c| if matches!(c, '.' | '[') { '-' } else { c })
        .filter(|c| *c != ']')
        .collect();
    format!("{setting}-{cleaned}")
}

/// What a setting's form is given: the saved document and its version, and
/// what follows a save (`on_saved`) or a 412 (`on_reload`).
#[derive(Properties, PartialEq)]
pub struct SettingFormProps<D: PartialEq> {
    pub doc: D,
    pub version: i32,
    pub on_saved: Callback<()>,
    pub on_reload: Callback<()>,
}

/// A setting's form: its draft from the saved document, and the submit that
/// checks the draft (`check`: the document, or the fields to fix, by the
/// domain's rules the server runs too) and puts it at `/settings/{key}`
/// against the version the form started from.
#[hook]
pub fn use_setting_form<D, Draft>(
    props: &SettingFormProps<D>,
    draft: fn(&D) -> Draft,
    check: fn(&Draft) -> Result<D, FieldErrors>,
) -> (Form<Draft>, Callback<SubmitEvent>)
where
    D: Setting + PartialEq,
    Draft: Clone + 'static,
{
    let form = use_form(|| draft(&props.doc));
    let onsubmit = {
        let (form, version, on_saved) = (form.clone(), props.version, props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check(&form.draft) {
                Err(errors) => form.refuse(errors),
                Ok(doc) => {
                    let on_saved = on_saved.clone();
                    let put = async move { api::put(version, &doc).await };
                    form.submit(put, move |_| on_saved.emit(()));
                }
            }
        })
    };
    (form, onsubmit)
}

/// The page of the setting `D` (named by its key): `F` its form, and `above`
/// what the page says above the form. Each saved version starts a fresh
/// form from what the server keeps.
#[hook]
pub fn use_setting_page<F, D>(texts: (H, H), above: fn(&I18n, &D) -> Html) -> Html
where
    F: BaseComponent<Properties = SettingFormProps<D>>,
    D: Setting + PartialEq,
{
    let i18n = use_i18n();
    let name = D::KEY;
    let (doc, reload) = use_api_reload(name, |name| with_version(name, api::get::<D>()));
    let (saved, on_reload, on_saved) = use_saved_reload(&reload);
    let body = remote(&i18n, &doc, Some(&on_reload), |(d, version)| {
        html! {
            <>
                { above(&i18n, d) }
                <F key={*version} doc={d.clone()} version={*version} {on_saved} on_reload={on_reload.clone()} />
            </>
        }
    });
    setting_page(&i18n, name, texts, &doc, saved, body)
}

/// The setting `key`'s document read by `doc`, with its version (the ETag
/// to send back).
pub async fn with_version<D>(
    key: &str,
    doc: impl Future<Output = Result<D, ApiError>>,
) -> Result<(D, i32), ApiError> {
    let list = api::list().await?;
    let doc = doc.await?;
    let version = list.iter().find(|s| s.key == key).map_or(0, |s| s.version);
    Ok((doc, version))
}

/// Whether the page shows "saved", and the callbacks that reload the
/// document after a save (saying so) and on request (no longer saying so).
#[hook]
pub fn use_saved_reload(reload: &Callback<()>) -> (bool, Callback<()>, Callback<()>) {
    let saved = use_state(|| false);
    let reload_saved = |now_saved: bool| {
        let (reload, saved) = (reload.clone(), saved.clone());
        Callback::from(move |_: ()| {
            saved.set(now_saved);
            reload.emit(());
        })
    };
    (*saved, reload_saved(false), reload_saved(true))
}

/// The page of the setting `name`: a link back to the settings, its title
/// and introduction, the "saved" notice, and `body`.
pub fn setting_page<D>(
    i18n: &I18n,
    name: &str,
    (title, intro): (H, H),
    doc: &Remote<(D, i32)>,
    saved: bool,
    body: Html,
) -> Html {
    let version = match doc {
        Remote::Ready((_, v)) => Some(v.to_string()),
        _ => None,
    };
    html! {
        <div class="page narrow" data-testid={format!("{name}-settings-page")} data-version={version}>
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Settings, classes: "back-link", children: html! { <>{ i18n.h(H::BackToSettings) }</> } })) }
                    <h1>{ i18n.h(title) }</h1>
                    <p class="muted">{ i18n.h(intro) }</p>
                </div>
            </header>
            if saved {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: format!("{name}-saved") })) }
            }
            { body }
        </div>
    }
}
