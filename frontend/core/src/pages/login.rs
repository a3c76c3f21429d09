//! The sign-in page: clear messages for a wrong password, a deactivated account
//! and too many attempts (with the wait counting down), the language switch,
//! and the way back to the page that asked for sign-in.

use crate::components::{NoticeKind, NoticeProps, lang_switch, problem_text};
use crate::hooks::{I18n, use_i18n, use_session};
use crate::i18n::T;
use crate::route::Route;
use crate::services::requests::ApiError;
use crate::services::session::EndReason;
use gloo_timers::callback::Interval;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

/// The sign-in page's query: where to go afterwards.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoginQuery {
    /// An in-app path (with its query) to return to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Goes to `next` when it is a page of this app, else to the dashboard.
/// Anything else (another site, `//host`, the sign-in page) is ignored.
fn go_next(navigator: &Navigator, next: Option<&str>) {
    let target = next
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .and_then(|n| {
            let (path, query) = n.split_once('?').unwrap_or((n, ""));
            match Route::recognize(path)? {
                Route::Login | Route::NotFound => None,
                route => Some((route, query.to_owned())),
            }
        });
    match target {
        Some((route, query)) if !query.is_empty() => {
            let _ = navigator.replace_with_query(&route, Raw(query));
        }
        Some((route, _)) => navigator.replace(&route),
        None => navigator.replace(&Route::Dashboard),
    }
}

/// Why the last attempt failed.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
    MissingFields,
    Api(ApiError),
}

fn failure_text(i18n: &I18n, failure: &Failure, wait_secs: Option<u64>) -> String {
    match failure {
        Failure::MissingFields => i18n.t(T::EnterUsernameAndPassword).to_owned(),
        Failure::Api(e) => match e.status() {
            401 if e.problem.code == "account_deactivated" => {
                i18n.t(T::AccountDeactivated).to_owned()
            }
            401 => i18n.t(T::WrongCredentials).to_owned(),
            429 => match wait_secs {
                Some(s) => i18n.f(T::TooManyAttempts, &[&s.to_string()]),
                None => i18n.t(T::TooManyAttemptsSoon).to_owned(),
            },
            _ => problem_text(i18n, e),
        },
    }
}

#[function_component(Login)]
pub fn login() -> Html {
    let session = use_session();
    let i18n = use_i18n();
    let navigator = use_navigator();
    let location = use_location();
    let query: LoginQuery = location
        .as_ref()
        .and_then(|l| l.query::<LoginQuery>().ok())
        .unwrap_or_default();

    let username = use_state(String::new);
    let password = use_state(String::new);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    // While throttled: until when (ms since the epoch), and a clock that ticks.
    let locked_until = use_state(|| None::<f64>);
    let now = use_state(js_sys::Date::now);
    let username_ref = use_node_ref();
    let password_ref = use_node_ref();

    // Signed in (now or already): go where the user was heading.
    {
        let next = query.next.clone();
        use_effect_with(session.is_signed_in(), move |signed_in| {
            if *signed_in && let Some(nav) = navigator {
                go_next(&nav, next.as_deref());
            }
        });
    }
    {
        let username_ref = username_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = username_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    {
        let now = now.clone();
        let locked = locked_until.clone();
        let failure = failure.clone();
        use_effect_with(*locked_until, move |until| {
            let until = *until;
            let ticker = until.map(|until| {
                Interval::new(1000, move || {
                    if js_sys::Date::now() >= until {
                        locked.set(None);
                        failure.set(None);
                    } else {
                        now.set(js_sys::Date::now());
                    }
                })
            });
            move || drop(ticker)
        });
    }

    let wait_secs = locked_until
        .map(|until| ((until - *now).max(0.0) / 1000.0).ceil() as u64)
        .filter(|s| *s > 0);
    let locked = wait_secs.is_some();

    let onsubmit = {
        let session = session.clone();
        let username = username.clone();
        let password = password.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let locked_until = locked_until.clone();
        let now = now.clone();
        let password_ref = password_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy || locked {
                return;
            }
            if username.trim().is_empty() || password.is_empty() {
                failure.set(Some(Failure::MissingFields));
                return;
            }
            busy.set(true);
            failure.set(None);
            let session = session.clone();
            let (u, p) = ((*username).clone(), (*password).clone());
            let (busy, failure, locked_until, now, password, password_ref) = (
                busy.clone(),
                failure.clone(),
                locked_until.clone(),
                now.clone(),
                password.clone(),
                password_ref.clone(),
            );
            spawn_local(async move {
                let result = session.login(&u, &p).await;
                busy.set(false);
                if let Err(err) = result {
                    if let Some(secs) = err.retry_after_secs.filter(|_| err.status() == 429) {
                        let t = js_sys::Date::now();
                        now.set(t);
                        locked_until.set(Some(t + secs as f64 * 1000.0));
                    }
                    if err.status() == 401 {
                        password.set(String::new());
                        if let Some(input) = password_ref.cast::<HtmlInputElement>() {
                            let _ = input.focus();
                        }
                    }
                    failure.set(Some(Failure::Api(err)));
                }
            });
        })
    };

    let notice = match session.ended() {
        Some(EndReason::Expired) => {
            Some((NoticeKind::Warning, i18n.t(T::SessionExpired).to_owned()))
        }
        Some(EndReason::PasswordChanged) => Some((
            NoticeKind::Success,
            format!(
                "{} {}",
                i18n.t(T::PasswordChanged),
                i18n.t(T::PasswordChangedBody)
            ),
        )),
        _ if query.next.is_some() => {
            Some((NoticeKind::Info, i18n.t(T::SignInToContinue).to_owned()))
        }
        _ => None,
    };

    let on_username = {
        let username = username.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                username.set(i.value());
            }
        })
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                password.set(i.value());
            }
        })
    };
    let error_text = (*failure)
        .as_ref()
        .map(|f| failure_text(&i18n, f, wait_secs));

    html! {
        <div class="login-page">
            <div class="login-card">
                <div class="login-top">
                    <div class="login-brand">
                        <div class="brand-mark" aria-hidden="true">{ "F" }</div>
                        <div>
                            <div class="login-product">{ i18n.t(T::Product) }</div>
                            <div class="login-subtitle">{ i18n.t(T::SignInSubtitle) }</div>
                        </div>
                    </div>
                    { lang_switch(&i18n) }
                </div>
                <h1 class="login-title">{ i18n.t(T::SignInTitle) }</h1>
                if let Some((kind, text)) = notice {
                    { crate::components::notice(&yew::props!(NoticeProps { kind, text: text, testid: "login-notice" })) }
                }
                <form class="login-form" data-testid="login-form" {onsubmit} novalidate=true>
                    <div class="field">
                        <label for="login-username">{ i18n.t(T::Username) }</label>
                        <input id="login-username" data-testid="login-username" type="text"
                               autocomplete="username" autocapitalize="none" spellcheck="false"
                               value={(*username).clone()} oninput={on_username} ref={username_ref}
                               aria-invalid={error_text.is_some().then_some("true")}
                               aria-describedby={error_text.is_some().then_some("login-error")} />
                    </div>
                    <div class="field">
                        <label for="login-password">{ i18n.t(T::Password) }</label>
                        <input id="login-password" data-testid="login-password" type="password"
                               autocomplete="current-password"
                               value={(*password).clone()} oninput={on_password} ref={password_ref}
                               aria-invalid={error_text.is_some().then_some("true")}
                               aria-describedby={error_text.is_some().then_some("login-error")} />
                    </div>
                    if let Some(text) = error_text {
                        <div id="login-error" class="banner banner-error" role="alert" data-testid="login-error">
                            <div class="banner-text">{ text }</div>
                        </div>
                    }
                    <button type="submit" class="btn btn-primary btn-block" data-testid="login-submit"
                            disabled={*busy || locked}>
                        { if *busy { i18n.t(T::SigningIn) } else { i18n.t(T::SignIn) } }
                    </button>
                </form>
            </div>
        </div>
    }
}
