//! The integrations bundle's pages (frontend/integrations): the API clients
//! (reached from the settings page) and the webhooks (an area of its own,
//! open to dealers for their own dealer too).

use crate::components::Layout;
use crate::nav::Area;
use crate::pages::api_clients::{ApiClientDetailProps, ApiClientListPage, api_client_detail_page};
use crate::pages::webhooks::{WebhookDetailProps, WebhookListPage, webhook_detail_page};
use crate::route::Route;
use yew::prelude::*;

/// The page of an integrations route, in its area's frame.
pub fn render(route: Route) -> Html {
    let (area, page) = match route {
        Route::ApiClients => (Area::Settings, html! { <ApiClientListPage /> }),
        Route::ApiClientDetail { id } => (
            Area::Settings,
            api_client_detail_page(&yew::props!(ApiClientDetailProps { id })),
        ),
        Route::Webhooks => (Area::Integrations, html! { <WebhookListPage /> }),
        Route::WebhookDetail { id } => (
            Area::Integrations,
            webhook_detail_page(&yew::props!(WebhookDetailProps { id })),
        ),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}
