//! The session context: who is signed in, `login()` and `logout()`.
//!
//! The provider listens to [`crate::services::session`] (the HTTP client ends the
//! session there when a refresh is refused), to other tabs through the
//! `storage` event, and refreshes the access token shortly before it expires so
//! the user never meets an expired token.

use crate::services::auth;
use crate::services::requests::{self, ApiError, Refresh};
use crate::services::session::{self, EndReason, Session, SessionEvent};
use furrow_domain::auth::LoginRequest;
use furrow_domain::users::UserView;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Refresh this long before the access token expires.
const REFRESH_LEAD_MS: f64 = 60_000.0;
/// Wait this long before trying again when the server could not be reached.
const REFRESH_RETRY_MS: u32 = 30_000;

/// What the session context holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionHandle {
    session: Option<Rc<Session>>,
    ended: Option<EndReason>,
}

impl SessionHandle {
    /// The signed-in user.
    pub fn user(&self) -> Option<&UserView> {
        self.session.as_deref().map(|s| &s.user)
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.is_some()
    }

    /// Why the last session ended, when it did in this page.
    pub fn ended(&self) -> Option<EndReason> {
        self.ended
    }

    /// Signs in; the context updates when it succeeds.
    pub async fn login(&self, username: &str, password: &str) -> Result<(), ApiError> {
        let tokens = auth::login(&LoginRequest {
            username: username.trim().to_owned(),
            password: password.to_owned(),
        })
        .await?;
        session::store(Session::from_tokens(tokens));
        Ok(())
    }

    /// Signs out here and revokes the refresh token on the server.
    pub fn logout(&self) {
        self.end(EndReason::SignedOut);
    }

    /// Ends the session for `reason`, revoking the refresh token on the server.
    pub fn end(&self, reason: EndReason) {
        if let Some(s) = session::current() {
            spawn_local(async move {
                // The session is gone locally either way; a failed revoke only
                // leaves a token that expires on its own.
                let _ = auth::logout(s.refresh_token).await;
            });
        }
        session::end(reason);
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Provides [`SessionHandle`] to everything below.
#[function_component(SessionProvider)]
pub fn session_provider(props: &SessionProviderProps) -> Html {
    let SessionProviderProps { children } = props;
    // Before the first effect of a page below can send a call.
    requests::enable_sessions();
    let state = use_state(|| SessionHandle {
        session: session::current().map(Rc::new),
        ended: None,
    });

    // Follow changes made by the HTTP client, login() and logout().
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            session::set_listener(Some(Callback::from(move |ev: SessionEvent| {
                state.set(match ev {
                    SessionEvent::Started(s) => SessionHandle {
                        session: Some(s),
                        ended: None,
                    },
                    SessionEvent::Ended(reason) => SessionHandle {
                        session: None,
                        ended: Some(reason),
                    },
                });
            })));
            || session::set_listener(None)
        });
    }

    // Follow sign-in and sign-out in other tabs.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "storage", move |e| {
                    let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|se| se.key());
                    // `None` means the whole storage was cleared.
                    if key.as_deref().is_some_and(|k| k != session::STORAGE_KEY) {
                        return;
                    }
                    state.set(match session::current() {
                        Some(s) => SessionHandle {
                            session: Some(Rc::new(s)),
                            ended: None,
                        },
                        None => SessionHandle {
                            session: None,
                            ended: Some(EndReason::SignedOut),
                        },
                    });
                })
            });
            move || drop(listener)
        });
    }

    // On start and on signing in, reload the user: roles may have changed
    // since the last visit, and `GET /me` names the company's time zone.
    // An expired access token is refreshed on the way by the HTTP client.
    let signed_in = state.session.is_some();
    use_effect_with(signed_in, |signed_in| {
        if *signed_in && session::current().is_some() {
            spawn_local(async {
                if let Ok(user) = auth::me().await
                    && let Some(mut s) = session::current()
                    && s.user != user
                {
                    s.user = user;
                    session::store(s);
                }
            });
        }
    });

    // Refresh the access token a minute before it expires.
    let expires_at = state.session.as_ref().map(|s| s.expires_at_ms as u64);
    use_effect_with(expires_at, |expires_at| {
        let timer = expires_at.map(|at| {
            let delay = (at as f64 - REFRESH_LEAD_MS - js_sys::Date::now()).max(0.0);
            Timeout::new(delay.min(i32::MAX as f64) as u32, || {
                spawn_local(async {
                    while let Refresh::Failed(_) = requests::refresh_session().await {
                        TimeoutFuture::new(REFRESH_RETRY_MS).await;
                        if session::current().is_none() {
                            break;
                        }
                    }
                });
            })
        });
        move || drop(timer)
    });

    html! {
        <ContextProvider<SessionHandle> context={(*state).clone()}>
            { children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The session context.
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("use_session needs a SessionProvider above")
}
