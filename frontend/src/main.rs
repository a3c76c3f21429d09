//! Furrow's single-page app: Yew + yew-router, talking to the API through
//! `services::requests` with the shared `furrow_domain` types.

mod app;
mod components;
mod hooks;
mod i18n;
mod nav;
mod order;
mod pages;
mod services;
mod time;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
