//! Registering a client: name, role, the dealer a dealer client acts for,
//! scopes and optional address ranges. The domain's rules run here first,
//! so most mistakes show on their field at once; the API's 422 the same way.

use crate::components::form::{
    Choice, SelectFieldProps, TextFieldProps, check_grid, select_field, text_area, text_field,
};
use crate::hooks::{use_dealers, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::api_clients::{client_role, client_scope};
use crate::pages::users::{DealerPickerProps, dealer_picker};
use crate::services::api_clients as api;
use furrow_domain::api_clients::{
    ApiClientSecret, ClientRole, ClientScope, CreateApiClientRequest,
};
use uuid::Uuid;
use yew::prelude::*;

/// Fields the form shows; errors on other fields go to the banner.
const FIELDS: [&str; 5] = ["name", "role", "dealer_id", "scopes", "allowed_ips"];

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    name: String,
    role: ClientRole,
    dealer: String,
    scopes: Vec<ClientScope>,
    /// One range a line.
    ips: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            name: String::new(),
            role: ClientRole::Integration,
            dealer: String::new(),
            scopes: Vec::new(),
            ips: String::new(),
        }
    }
}

impl Draft {
    fn request(&self) -> CreateApiClientRequest {
        CreateApiClientRequest {
            name: self.name.trim().to_owned(),
            role: self.role,
            dealer_id: Uuid::parse_str(&self.dealer).ok(),
            scopes: self.scopes.clone(),
            allowed_ips: self
                .ips
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RegisterFormProps {
    /// The client as registered, with its secret.
    pub on_created: Callback<ApiClientSecret>,
    pub on_cancel: Callback<()>,
}

#[function_component(RegisterForm)]
pub fn register_form(props: &RegisterFormProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(Draft::default);
    let dealers = use_dealers();
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let on_role = form.change(|d: &mut Draft, v: String| {
        d.role = ClientRole::parse(&v).unwrap_or(ClientRole::Integration);
    });
    let on_scopes = form.change(|d: &mut Draft, s: Vec<ClientScope>| d.scopes = s);
    let onsubmit = {
        let (form, on_created) = (form.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = form.draft.request();
            if let Err(invalid) = req.validate() {
                return form.refuse(invalid.into());
            }
            let on_created = on_created.clone();
            form.submit(api::create(&req), move |made| on_created.emit(made));
        })
    };
    let draft = &*form.draft;
    let busy = *form.busy;
    let err = |f: &str| form.err(&i18n, f);
    let lang = i18n.lang;
    let roles = ClientRole::ALL
        .iter()
        .map(|r| Choice::new(r.as_str(), client_role(*r, lang)))
        .collect::<Vec<_>>();
    let scopes_error = err("scopes");
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="api-client-form">
            <h2>{ i18n.t(T::RegisterClient) }</h2>
            { form.failure_banner(&i18n, &FIELDS, &Callback::noop(), "api-client-form-error") }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "client-name", label: i18n.t(T::ClientName), required: true, autocomplete: "off", value: draft.name.clone(), oninput: edit(|d, v| d.name = v), hint: i18n.t(T::ClientNameHint), error: err("name"), maxlength: 100 })) }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "client-role", label: i18n.t(T::ClientRoleLabel), value: draft.role.as_str(), choices: roles, onchange: on_role, required: true, error: err("role") })) }
            </div>
            { dealer_picker(&i18n, &yew::props!(DealerPickerProps { id: "client-dealer_id", dealers, value: draft.dealer.clone(), onchange: edit(|d, v| d.dealer = v), required: draft.role == ClientRole::Dealer, error: err("dealer_id") })) }
            <fieldset class={classes!("field", scopes_error.is_some().then_some("has-error"))} data-testid="client-scopes">
                <legend>{ i18n.t(T::ClientScopes) }<span class="required" aria-hidden="true">{ " *" }</span></legend>
                { check_grid("scope", ClientScope::ALL, &draft.scopes, |s| (s.as_str(), client_scope(s, lang).to_owned()), &on_scopes) }
                if let Some(e) = scopes_error {
                    <div class="field-error" data-testid="client-scopes-error">{ e }</div>
                }
            </fieldset>
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "client-allowed_ips", label: i18n.t(T::ClientIps), optional: true, value: draft.ips.clone(), oninput: edit(|d, v| d.ips = v), hint: i18n.t(T::ClientIpsHint), error: err("allowed_ips"), rows: 3 })) }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="api-client-submit">
                    { if busy { i18n.t(T::Registering) } else { i18n.t(T::RegisterClient) } }
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
    fn the_request_takes_one_range_a_line_and_the_chosen_dealer() {
        let dealer = Uuid::nil();
        let draft = Draft {
            name: "  丰收 DMS ".into(),
            role: ClientRole::Dealer,
            dealer: dealer.to_string(),
            scopes: vec![ClientScope::RequestsRead],
            ips: "10.0.0.0/8\n\n  192.0.2.7  \n".into(),
        };
        let req = draft.request();
        assert_eq!(req.name, "丰收 DMS");
        assert_eq!(req.dealer_id, Some(dealer));
        assert_eq!(req.allowed_ips, vec!["10.0.0.0/8", "192.0.2.7"]);
        assert!(req.validate().is_ok());
    }

    #[test]
    fn an_empty_form_is_refused_on_its_fields() {
        let errors = Draft::default().request().validate().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "scopes"]);
    }
}
