//! Purchasing (采购): the board of purchase requests by status with their
//! expected dates and overdue flags, one request with the commands it offers
//! now, a new request by hand, and the reorder suggestions from which a
//! request is raised.

mod board;
mod detail;
mod new;
mod suggestions;

pub use board::PurchaseBoardPage;
pub use detail::purchase_detail_page;
pub use new::NewPurchasePage;
pub use suggestions::SuggestionsPage;

use crate::components::status_badge::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::purchasing::status_label;
use furrow_domain::parts::PurchaseStatus;
use yew::Html;

/// The API's collection.
const API: &str = "/purchase-requests";

/// A status as a badge, toned by how far it has come.
pub(crate) fn status_badge(i18n: &I18n, s: PurchaseStatus, testid: Option<String>) -> Html {
    let tone = match s {
        PurchaseStatus::Requested => Tone::Violet,
        PurchaseStatus::Approved => Tone::Info,
        PurchaseStatus::Ordered | PurchaseStatus::PartlyReceived => Tone::Warning,
        PurchaseStatus::Received => Tone::Success,
        PurchaseStatus::Cancelled => Tone::Neutral,
    };
    badge(tone, i18n.t(status_label(s)), testid)
}
