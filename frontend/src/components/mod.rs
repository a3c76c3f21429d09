//! Reusable pieces of the pages.

pub mod app_link;
pub mod confirm_dialog;
pub mod error_banner;
pub mod form;
pub mod lang_switch;
pub mod layout;
pub mod loading;
pub mod pagination;
pub mod status_badge;

pub use app_link::AppLink;
pub use confirm_dialog::ConfirmDialog;
pub use error_banner::{ErrorBanner, Notice, NoticeKind, problem_text};
pub use lang_switch::LangSwitch;
pub use layout::Layout;
pub use loading::Loading;
pub use pagination::Pager;
pub use status_badge::{Badge, Tone};
