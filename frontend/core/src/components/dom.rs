//! Small calls on the browser that pages share: focus, print, phone and map
//! links, base64 for a `data:` URL, and saving a file.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// A `tel:` link for a phone number.
pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// A map search for an address (opens the map app on a phone).
pub fn map_link(address: &str) -> String {
    let q = js_sys::encode_uri_component(address.trim());
    format!("https://uri.amap.com/search?keyword={q}")
}

/// A map showing a point (latitude, longitude) with a label.
pub fn map_point_link(lat: f64, lon: f64, name: &str) -> String {
    let q = js_sys::encode_uri_component(name.trim());
    format!("https://uri.amap.com/marker?position={lon},{lat}&name={q}")
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Scrolls an element into view and focuses it (after a state change).
pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Standard base64 (for a `data:` URL of a fetched image).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The page's Print button (hidden on paper).
pub fn print_button(label: &str) -> Html {
    html! {
        <button type="button" class="btn btn-small no-print" onclick={Callback::from(|_| print_page())}>
            { label.to_owned() }
        </button>
    }
}

/// Hands `bytes` to the browser as the file `name`; `None` when the
/// browser refused.
pub fn save_file(name: &str, bytes: &[u8]) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: HtmlElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    let body = doc.body()?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// A dialog's key handler: Escape cancels, unless the action is running.
pub fn escape_cancels(on_cancel: &Callback<()>, busy: bool) -> Callback<KeyboardEvent> {
    let on_cancel = on_cancel.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" && !busy {
            e.prevent_default();
            on_cancel.emit(());
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
