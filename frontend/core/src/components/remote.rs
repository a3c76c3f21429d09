//! A section whose data is being fetched: a spinner, the failure (with Retry
//! when the page can load again), or what the data shows once it is there.

use crate::components::{ErrorBannerProps, error_banner, loading};
use crate::hooks::{I18n, Remote};
use yew::prelude::*;

/// `ready(data)` once the data is there; otherwise the spinner or the failure.
pub fn remote<T>(
    i18n: &I18n,
    data: &Remote<T>,
    on_retry: Option<&Callback<()>>,
    ready: impl FnOnce(&T) -> Html,
) -> Html {
    match data {
        Remote::Ready(v) => ready(v),
        Remote::Loading => loading(i18n),
        Remote::Failed(e) => {
            let props = yew::props!(ErrorBannerProps {
                error: e.clone(),
                on_retry: on_retry.cloned(),
            });
            error_banner(i18n, &props)
        }
    }
}
