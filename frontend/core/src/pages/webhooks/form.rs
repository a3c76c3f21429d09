//! Subscribing a URL: the address, the event filters (one a line), the
//! dealer (administrators only: a dealer always gets its own) and a
//! description. The domain's rules run here first, the API's 422 the same way.

use crate::components::form::{TextFieldProps, text_area, text_field};
use crate::hooks::{use_dealers, use_form, use_i18n, use_session};
use crate::i18n::T;
use crate::pages::users::{DealerPickerProps, dealer_picker};
use crate::services::webhooks as api;
use furrow_domain::webhooks::{WebhookCreated, WebhookInput};
use uuid::Uuid;
use yew::prelude::*;

/// Fields the form shows; errors on other fields go to the banner.
const FIELDS: [&str; 4] = ["url", "events", "dealer_id", "description"];

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    url: String,
    /// One filter a line.
    events: String,
    dealer: String,
    description: String,
}

impl Draft {
    fn input(&self) -> WebhookInput {
        WebhookInput {
            url: self.url.trim().to_owned(),
            events: self
                .events
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            dealer_id: Uuid::parse_str(&self.dealer).ok(),
            description: Some(self.description.trim().to_owned()).filter(|d| !d.is_empty()),
            enabled: true,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct WebhookFormProps {
    pub on_created: Callback<WebhookCreated>,
    pub on_cancel: Callback<()>,
}

#[function_component(WebhookForm)]
pub fn webhook_form(props: &WebhookFormProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let form = use_form(Draft::default);
    let dealers = use_dealers();
    // A dealer's user subscribes for its own dealer: no choice to show.
    let own_dealer = session.user().and_then(|u| u.dealer_id);
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let onsubmit = {
        let (form, on_created) = (form.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = form.draft.input();
            if let Err(invalid) = input.validate() {
                return form.refuse(invalid.into());
            }
            let on_created = on_created.clone();
            form.submit(api::create(&input), move |made| on_created.emit(made));
        })
    };
    let draft = &*form.draft;
    let busy = *form.busy;
    let err = |f: &str| form.err(&i18n, f);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="webhook-form">
            <h2>{ i18n.t(T::NewWebhook) }</h2>
            { form.failure_banner(&i18n, &FIELDS, &Callback::noop(), "webhook-form-error") }
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "webhook-url", label: i18n.t(T::WebhookUrl), required: true, autocomplete: "off", value: draft.url.clone(), oninput: edit(|d, v| d.url = v), hint: i18n.t(T::WebhookUrlHint), error: err("url"), maxlength: 2000 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "webhook-events", label: i18n.t(T::WebhookEvents), optional: true, value: draft.events.clone(), oninput: edit(|d, v| d.events = v), hint: i18n.t(T::WebhookEventsHint), error: err("events").or_else(|| err("events[0]")), rows: 3 })) }
            if own_dealer.is_none() {
                { dealer_picker(&i18n, &yew::props!(DealerPickerProps { id: "webhook-dealer_id", dealers, value: draft.dealer.clone(), onchange: edit(|d, v| d.dealer = v), required: false, error: err("dealer_id") })) }
                <p class="muted small">{ i18n.t(T::WebhookDealerHint) }</p>
            }
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "webhook-description", label: i18n.t(T::WebhookDescription), optional: true, value: draft.description.clone(), oninput: edit(|d, v| d.description = v), error: err("description"), maxlength: 200 })) }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="webhook-submit">
                    { if busy { i18n.t(T::Subscribing) } else { i18n.t(T::NewWebhook) } }
                </button>
                <button type="button" class="btn btn-ghost" onclick={cancel} disabled={busy}>{ i18n.t(T::Cancel) }</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_takes_one_filter_a_line_and_drops_blank_fields() {
        let draft = Draft {
            url: " https://erp.example.com/hook ".into(),
            events: "service_request.dispatched\n\n  machine \n".into(),
            dealer: String::new(),
            description: "  ".into(),
        };
        let input = draft.input();
        assert_eq!(input.url, "https://erp.example.com/hook");
        assert_eq!(input.events, vec!["service_request.dispatched", "machine"]);
        assert_eq!(
            (input.dealer_id, input.description.as_deref()),
            (None, None)
        );
        assert!(input.validate().is_ok());
        assert!(Draft::default().input().validate().is_err());
    }
}
