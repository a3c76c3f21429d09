//! Creating and editing a customer. The shared domain validation runs first,
//! so most mistakes show next to their field at once; the API's answer (a
//! taken code, a stale version) is shown the same way. Edits send `If-Match`.

use super::common::{dealer_choices, non_empty, parse_number, use_is_dealer};
use super::customer_archive::JustSaved;
use crate::components::form::{
    Choice, FieldErrors, SelectFieldProps, TextFieldProps, select_field, text_field,
};
use crate::components::form::{TextAreaProps, text_area};
use crate::components::record::ready;
use crate::components::{AppLinkProps, app_link};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, customer_kind};
use crate::route::Route;
use crate::services::{customers, dealers};
use furrow_domain::FieldError;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

const FIELDS: [&str; 14] = [
    "code",
    "name",
    "kind",
    "phone",
    "alt_phone",
    "email",
    "province",
    "city",
    "county",
    "address",
    "lat",
    "lon",
    "dealer_id",
    "notes",
];

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    code: String,
    name: String,
    kind: String,
    phone: String,
    alt_phone: String,
    email: String,
    province: String,
    city: String,
    county: String,
    address: String,
    lat: String,
    lon: String,
    dealer: String,
    notes: String,
}

impl Draft {
    fn of(c: &CustomerView) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        Draft {
            code: c.code.clone(),
            name: c.name.clone(),
            kind: c.kind.as_str().to_owned(),
            phone: c.phone.clone(),
            alt_phone: s(&c.alt_phone),
            email: s(&c.email),
            province: c.province.clone(),
            city: s(&c.city),
            county: s(&c.county),
            address: s(&c.address),
            lat: c.lat.map(|v| v.to_string()).unwrap_or_default(),
            lon: c.lon.map(|v| v.to_string()).unwrap_or_default(),
            dealer: c.dealer_id.map(|d| d.to_string()).unwrap_or_default(),
            notes: s(&c.notes),
        }
    }

    /// The request, or the errors of fields that are not even numbers.
    fn input(&self) -> Result<CustomerInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let lat = parse_number::<f64>(&self.lat, "lat", &mut errors);
        let lon = parse_number::<f64>(&self.lon, "lon", &mut errors);
        let input = CustomerInput {
            code: non_empty(&self.code),
            name: self.name.trim().to_owned(),
            kind: CustomerKind::parse(&self.kind),
            phone: self.phone.trim().to_owned(),
            alt_phone: non_empty(&self.alt_phone),
            email: non_empty(&self.email),
            province: self.province.trim().to_owned(),
            city: non_empty(&self.city),
            county: non_empty(&self.county),
            address: non_empty(&self.address),
            lat,
            lon,
            dealer_id: Uuid::parse_str(&self.dealer).ok(),
            notes: non_empty(&self.notes),
        };
        if let Err(v) = input.validate() {
            errors.extend(v.0);
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct EditProps {
    pub id: Uuid,
}

#[function_component(EditCustomer)]
pub fn edit_customer(props: &EditProps) -> Html {
    let EditProps { id } = props;
    let i18n = use_i18n();
    let reload = use_state(|| 0u32);
    let customer = use_api((*id, *reload), |(id, _)| customers::get(id));
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let c = match ready(&i18n, &customer, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    html! {
        <div class="page narrow" data-testid="customer-edit-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::CustomerDetail { id: c.id.to_string() }, classes: "back-link", children: html! { <>
                        { i18n.mf(M::BackTo, &[&c.name]) }
                    </> } })) }
                    <h1>{ i18n.mf(M::EditCustomerTitle, &[&c.name]) }</h1>
                    <p class="muted">
                        <span class="mono">{ &c.code }</span>{ format!(" · {} {}", i18n.t(T::Version), c.version) }
                    </p>
                </div>
            </header>
            <CustomerForm customer={Some(c)} {on_reload} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    /// The customer being edited; `None` creates one.
    pub customer: Option<CustomerView>,
    /// Loads the current version (after a 412).
    #[prop_or_default]
    pub on_reload: Callback<()>,
}

#[function_component(CustomerForm)]
pub fn customer_form(props: &FormProps) -> Html {
    let FormProps {
        customer,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let navigator = use_navigator();
    let is_dealer = use_is_dealer();
    let form = use_form(|| customer.as_ref().map(Draft::of).unwrap_or_default());
    let dealer_list = use_api((), |_| dealers::list_all());
    {
        // A reloaded version replaces the draft.
        let form = form.clone();
        use_effect_with(customer.clone(), move |c| {
            if let Some(c) = c {
                form.reset(Draft::of(c));
            }
        });
    }
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let draft = form.draft.clone();
    let onsubmit = {
        let form = form.clone();
        let customer = customer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match form.draft.input() {
                Ok(i) => i,
                Err(errs) => return form.refuse(FieldErrors(errs)),
            };
            let target = customer.as_ref().map(|r| (r.id, r.version));
            let navigator = navigator.clone();
            // Saved or created, the record's page shows it with a notice.
            let open = move |r: CustomerView| {
                if let Some(n) = navigator {
                    let (saved, created) = if target.is_some() {
                        (Some(1), None)
                    } else {
                        (None, Some(1))
                    };
                    let to = Route::CustomerDetail {
                        id: r.id.to_string(),
                    };
                    let _ = n.push_with_query(&to, JustSaved { saved, created });
                }
            };
            form.submit(
                async move {
                    match target {
                        Some((id, version)) => customers::update(id, version, &input).await,
                        None => customers::create(&input).await,
                    }
                },
                open,
            );
        })
    };

    let dealers = match &*dealer_list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    };
    let mut kinds = vec![Choice::new("", i18n.t(T::NotSet))];
    kinds.extend(
        CustomerKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), i18n.m(customer_kind(*k)))),
    );
    let shown: Vec<&str> = FIELDS
        .into_iter()
        .filter(|f| *f != "dealer_id" || !is_dealer)
        .collect();
    let err = |f: &str| form.err(&i18n, f);
    let busy = *form.busy;
    let creating = customer.is_none();
    let cancel_to = match customer {
        Some(c) => Route::CustomerDetail {
            id: c.id.to_string(),
        },
        None => Route::Customers,
    };
    let body = html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="customer-form">
            { form.failure_banner(&i18n, &shown, on_reload, "save-error") }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-code", label: i18n.m(M::CustomerCode), optional: creating, required: !creating, value: draft.code.clone(), oninput: edit(|d, v| d.code = v), hint: creating.then(|| AttrValue::from(i18n.m(M::CustomerCodeHint))), error: err("code"), maxlength: 32, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-name", label: i18n.m(M::CustomerName), required: true, value: draft.name.clone(), oninput: edit(|d, v| d.name = v), error: err("name"), maxlength: 200, autocomplete: "off" })) }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "customer-kind", label: i18n.m(M::CustomerKindLabel), required: true, value: draft.kind.clone(), choices: kinds, onchange: edit(|d, v| d.kind = v), error: err("kind") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-phone", label: i18n.m(M::Phone), required: true, kind: "tel", value: draft.phone.clone(), oninput: edit(|d, v| d.phone = v), error: err("phone"), autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-alt_phone", label: i18n.m(M::AltPhone), optional: true, kind: "tel", value: draft.alt_phone.clone(), oninput: edit(|d, v| d.alt_phone = v), error: err("alt_phone"), autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-email", label: i18n.m(M::Email), optional: true, kind: "email", value: draft.email.clone(), oninput: edit(|d, v| d.email = v), error: err("email"), autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-province", label: i18n.m(M::Province), required: true, value: draft.province.clone(), oninput: edit(|d, v| d.province = v), error: err("province"), maxlength: 50 })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-city", label: i18n.m(M::City), optional: true, value: draft.city.clone(), oninput: edit(|d, v| d.city = v), error: err("city") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-county", label: i18n.m(M::County), optional: true, value: draft.county.clone(), oninput: edit(|d, v| d.county = v), error: err("county") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-address", label: i18n.m(M::Address), optional: true, value: draft.address.clone(), oninput: edit(|d, v| d.address = v), error: err("address") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-lat", label: i18n.m(M::Lat), optional: true, kind: "text", value: draft.lat.clone(), oninput: edit(|d, v| d.lat = v), error: err("lat"), hint: i18n.m(M::CoordsHint) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "customer-lon", label: i18n.m(M::Lon), optional: true, kind: "text", value: draft.lon.clone(), oninput: edit(|d, v| d.lon = v), error: err("lon") })) }
                if !is_dealer {
                    { select_field(&i18n, &yew::props!(SelectFieldProps { id: "customer-dealer_id", label: i18n.m(M::SellingDealer), optional: true, value: draft.dealer.clone(), choices: dealer_choices(&i18n, &dealers, &draft.dealer), onchange: edit(|d, v| d.dealer = v), error: err("dealer_id") })) }
                }
            </div>
            { text_area(&i18n, &yew::props!(TextAreaProps { id: "customer-notes", label: i18n.m(M::Notes), value: draft.notes.clone(), oninput: edit(|d, v| d.notes = v), error: err("notes"), optional: true, wide: true })) }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="customer-save">
                    { if busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                </button>
                { app_link(&yew::props!(AppLinkProps { to: cancel_to, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
            </div>
        </form>
    };
    if !creating {
        return body;
    }
    // Creating: the form is the whole page.
    html! {
        <div class="page narrow" data-testid="customer-create-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Customers, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::CustomersTitle)]) }</> } })) }
                    <h1>{ i18n.m(M::CreateCustomerTitle) }</h1>
                </div>
            </header>
            { body }
        </div>
    }
}
