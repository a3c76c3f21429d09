//! Reusable pieces of the pages.

pub mod active_toggle;
pub mod app_link;
pub mod bell;
pub mod confirm_dialog;
pub mod data_table;
pub mod definition_list;
pub mod dom;
pub mod error_banner;
pub mod form;
pub mod form_dialog;
pub mod history;
pub mod lang_switch;
pub mod layout;
pub mod list_page;
pub mod list_toolbar;
pub mod loading;
pub mod lookup;
pub mod pagination;
pub mod query_link;
pub mod reason_dialog;
pub mod record;
pub mod record_form;
pub mod record_id;
pub mod record_page;
pub mod remote;
pub mod search_bar;
pub mod signature_pad;
pub mod status_badge;
pub mod timeline;

pub use app_link::{AppLinkProps, app_link};
pub use confirm_dialog::ConfirmDialog;
pub use error_banner::{
    ErrorBannerProps, NoticeKind, NoticeProps, error_banner, notice, problem_text,
};
pub use lang_switch::lang_switch;
pub use layout::Layout;
pub use loading::loading;
pub use pagination::{PagerProps, pager};
pub use status_badge::{Tone, badge};
