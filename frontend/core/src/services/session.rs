//! The signed-in session as stored in the browser, shared by the HTTP client
//! (which reads the tokens and stores refreshed ones) and the session context
//! (which re-renders the app when it changes).
//!
//! `localStorage` is the source of truth, so a reload, a deep link or a second
//! tab stays signed in, and a token rotated by one tab is seen by the others.

use furrow_domain::auth::TokenResponse;
use furrow_domain::users::UserView;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// The storage key of the session.
pub const STORAGE_KEY: &str = "furrow.session";

/// Tokens and the user they belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    /// When the access token expires, in milliseconds since the epoch by the
    /// browser's clock (computed from `expires_in`, so server clock skew does
    /// not matter).
    pub expires_at_ms: f64,
    pub user: UserView,
}

impl Session {
    /// A session from a sign-in or refresh answer received now.
    pub fn from_tokens(tokens: TokenResponse) -> Self {
        Session {
            expires_at_ms: js_sys::Date::now() + tokens.expires_in as f64 * 1000.0,
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            user: tokens.user,
        }
    }
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The user signed out (here or in another tab).
    SignedOut,
    /// The tokens were refused and could not be refreshed.
    Expired,
    /// The user changed their password, which ends every session.
    PasswordChanged,
}

/// A change the session context must show.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEvent {
    Started(Rc<Session>),
    Ended(EndReason),
}

thread_local! {
    static LISTENER: RefCell<Option<Callback<SessionEvent>>> = const { RefCell::new(None) };
}

/// The stored session, if any.
pub fn current() -> Option<Session> {
    LocalStorage::get(STORAGE_KEY).ok()
}

/// Stores a new or refreshed session and tells the context.
pub fn store(session: Session) {
    // A full or blocked storage leaves the session in memory only; the app still
    // works until the page is reloaded.
    let _ = LocalStorage::set(STORAGE_KEY, &session);
    notify(SessionEvent::Started(Rc::new(session)));
}

/// Forgets the session and tells the context why.
pub fn end(reason: EndReason) {
    LocalStorage::delete(STORAGE_KEY);
    notify(SessionEvent::Ended(reason));
}

/// Registers the one listener (the session provider).
pub fn set_listener(listener: Option<Callback<SessionEvent>>) {
    LISTENER.with(|l| *l.borrow_mut() = listener);
}

fn notify(event: SessionEvent) {
    let listener = LISTENER.with(|l| l.borrow().clone());
    if let Some(cb) = listener {
        cb.emit(event);
    }
}
