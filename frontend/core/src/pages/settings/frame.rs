//! What every setting's page shares: the document loaded with its version,
//! a reload after a save (the page then says so) or on request, and the
//! page around the form.

use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{I18n, Remote};
use crate::i18n::T;
use crate::i18n::home::H;
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::settings as api;
use std::future::Future;
use yew::prelude::*;

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
