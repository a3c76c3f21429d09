//! What Furrow's web apps share: Yew components and hooks, the API services
//! with the shared `furrow_domain` types, the translations, every page's
//! address (`route`) and the pages themselves. Each bundle (frontend/office,
//! frontend/field, frontend/sign, frontend/admin) is a small binary that
//! picks the pages it shows; the linker drops the rest, so a phone downloads
//! only its own pages.

pub mod bundle;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod nav;
pub mod order;
pub mod pages;
pub mod route;
pub mod services;
pub mod time;
