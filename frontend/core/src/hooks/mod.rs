//! Context hooks shared by every page.

pub mod use_api;
pub mod use_api_reload;
pub mod use_api_when;
pub mod use_confirmed;
pub mod use_dealers;
pub mod use_form;
pub mod use_lang;
pub mod use_list_query;
pub mod use_record;
pub mod use_session;
pub mod use_unsaved_guard;

pub use use_api::{Remote, use_api};
pub use use_api_reload::use_api_reload;
pub use use_api_when::use_api_when;
pub use use_confirmed::{Ask, Confirmed, use_confirmed};
pub use use_dealers::use_dealers;
pub use use_form::{Form, use_form};
pub use use_lang::{I18n, LangProvider, use_i18n};
pub use use_list_query::{ListQuery, Paging, use_list_query, use_paging};
pub use use_session::{SessionProvider, use_session};
