//! The service workflow (售后服务流程): intake and the request list (报修受理),
//! a request's page with dispatch (派工), the engineer's work orders on a
//! phone (我的任务), report review (报告审核), the customer's sign-off page
//! on a tablet (客户签字确认) and the follow-up calls (客户回访).

mod acknowledge;
mod choice;
mod common;
mod detail;
mod dispatch;
mod field_sign_link;
mod follow_up;
mod intake;
mod list;
mod my_work;
mod parts_request;
mod rejection;
pub(crate) mod repeat_fault;
mod report_form;
mod review;
mod sign_off;

pub use dispatch::DispatchPage;
pub use follow_up::{FollowUpPanel, FollowUpQueuePage};
pub use intake::{IntakePage, new_request_link};
pub use list::RequestListPage;
pub use my_work::{MyWorkPage, WorkOrderPageProps, work_order_page};
pub use review::ReviewQueuePage;
pub use sign_off::SignOffPage;

use crate::components::Layout;
use crate::components::record_id::by_id;
use crate::nav::Area;
use crate::route::Route;
use yew::prelude::*;

/// The page of a service-workflow route of the office: the engineer's pages
/// are the field bundle's, the sign-off page the sign bundle's.
pub fn render(route: Route) -> Html {
    let (area, page) = match route {
        Route::ServiceRequests => (Area::ServiceRequests, html! { <RequestListPage /> }),
        Route::NewServiceRequest => (Area::ServiceRequests, html! { <IntakePage /> }),
        Route::ServiceRequestDetail { id } => {
            (Area::ServiceRequests, by_id::<detail::RequestDetail>(&id))
        }
        Route::Dispatch => (Area::Dispatch, html! { <DispatchPage /> }),
        Route::ReportReview => (Area::ReportReview, html! { <ReviewQueuePage /> }),
        Route::ReportReviewDetail { id } => {
            (Area::ReportReview, by_id::<review::ReviewReport>(&id))
        }
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout {area}>{ page }</Layout> }
}

/// The follow-up calls' pages (客户回访): served by the quality bundle, with
/// the satisfaction figures they feed, so the desk's app does not carry them.
pub fn render_follow_ups(route: Route) -> Html {
    let page = match route {
        Route::FollowUps => html! { <FollowUpQueuePage /> },
        Route::FollowUpDetail { id } => by_id::<follow_up::FollowUpCall>(&id),
        _ => return html! { <crate::pages::not_found::NotFound /> },
    };
    html! { <Layout area={Area::FollowUps}>{ page }</Layout> }
}
