//! The states of a page that shows one record: loading, not found, failed
//! (with Retry) and ready. Every record page goes through here so the four
//! states look and read the same everywhere.

use crate::components::{ErrorBannerProps, error_banner, loading};
use crate::hooks::{I18n, Remote};
use crate::pages::not_found::NotFoundBody;
use yew::prelude::*;

/// The record when it is ready; otherwise the page to show instead (the
/// caller returns it): a spinner, the 404 page, or the failure with Retry.
pub fn ready<T: Clone>(
    i18n: &I18n,
    record: &Remote<T>,
    on_retry: &Callback<()>,
) -> Result<T, Html> {
    match record {
        Remote::Ready(r) => Ok(r.clone()),
        Remote::Loading => Err(html! { <div class="page">{ loading(i18n) }</div> }),
        Remote::Failed(e) if e.status() == 404 => Err(html! { <NotFoundBody /> }),
        Remote::Failed(e) => {
            let props = yew::props!(ErrorBannerProps {
                error: e.clone(),
                on_retry: on_retry.clone(),
            });
            Err(html! { <div class="page">{ error_banner(i18n, &props) }</div> })
        }
    }
}
