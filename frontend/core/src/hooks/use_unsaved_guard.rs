//! Asking before input is lost: leaving a page with unsaved input.

use yew::prelude::*;

/// While `armed`, leaving the page asks first: closing or reloading the tab
/// (the browser's own prompt) and following a link inside the app (a
/// confirmation with `message`; staying keeps the input).
#[hook]
pub fn use_unsaved_guard(armed: bool, message: &'static str) {
    use_effect_with(armed, move |armed| {
        let listeners = if *armed { guard(message) } else { None };
        move || drop(listeners)
    });
}

fn guard(message: &'static str) -> Option<[gloo_events::EventListener; 2]> {
    use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let document = window.document()?;
    let unload = EventListener::new_with_options(
        &window,
        "beforeunload",
        EventListenerOptions::enable_prevent_default(),
        |e| {
            e.prevent_default();
            // Older engines ask only when a return value is set.
            let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"".into());
        },
    );
    // Captured on the document, before the link's own handler navigates.
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let click = EventListener::new_with_options(&document, "click", capture, move |e| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let inside = link
            .get_attribute("href")
            .is_some_and(|h| h.starts_with('/'));
        let elsewhere = link.has_attribute("target")
            || e.dyn_ref::<MouseEvent>().is_some_and(|m| {
                m.button() != 0 || m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key()
            });
        if !inside || elsewhere {
            return;
        }
        let leave = web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(true);
        if !leave {
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    });
    Some([unload, click])
}
