//! The quality assessment (售后服务质量考核, DESIGN §5): the month's KPIs
//! and the records behind each figure, and the follow-up calls whose
//! answers feed satisfaction (their pages are the service module's). Served
//! by the quality bundle
//! (frontend/quality); the assessments, the dashboard and the monthly report
//! will join them there.

mod figures;
mod inventory;
mod kpis;
mod records;

pub use inventory::InventoryAnalysisPage;
pub use kpis::KpiPage;
pub use records::KpiRecordsPage;

use crate::components::Layout;
use crate::nav::Area;
use crate::route::Route;
use yew::prelude::*;

/// The page of a quality route, in its area's frame.
pub fn render(route: Route) -> Html {
    let (area, page) = match route {
        Route::FollowUps | Route::FollowUpDetail { .. } => {
            return crate::pages::service::render_follow_ups(route);
        }
        Route::Kpis => (Area::Kpis, html! { <KpiPage /> }),
        Route::KpiRecords => (Area::Kpis, html! { <KpiRecordsPage /> }),
        Route::InventoryAnalysis => (Area::InventoryAnalysis, html! { <InventoryAnalysisPage /> }),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}
