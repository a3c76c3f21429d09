//! The sign bundle's one address, `/sign/<token>` (`Route::SignOff`); any
//! other address is handed to the bundle that serves it.

use furrow_web_core::bundle::hand_over;
use furrow_web_core::pages::service::SignOffPage;
use yew::prelude::*;

/// The token of a `/sign/<token>` path: one non-empty segment.
fn token(path: &str) -> Option<&str> {
    path.strip_prefix("/sign/")
        .map(|rest| rest.trim_end_matches('/'))
        .filter(|token| !token.is_empty() && !token.contains('/'))
}

/// The page for the address the browser is at.
pub fn page() -> Html {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    match token(&path) {
        Some(token) => html! { <SignOffPage token={token.to_owned()} /> },
        None => hand_over(),
    }
}

#[cfg(test)]
mod tests {
    use super::token;

    #[test]
    fn the_token_is_the_one_segment_after_sign() {
        assert_eq!(token("/sign/abc-_1"), Some("abc-_1"));
        assert_eq!(token("/sign/abc/"), Some("abc"));
        assert_eq!(token("/sign/"), None);
        assert_eq!(token("/sign/a/b"), None);
        assert_eq!(token("/signatures/a"), None);
        assert_eq!(token("/"), None);
    }
}
