//! Creating and editing a machine (产品档案): the owner is picked by searching
//! customers by name, phone or code; the model from the active models. The
//! warranty end may stay empty: the server computes it from the sale date and
//! the model's warranty months. Edits send `If-Match`.

use super::common::{dealer_choices, non_empty, parse_date, parse_number, use_is_dealer};
use super::customer_archive::JustSaved;
use crate::components::form::{
    Choice, FieldErrors, SelectFieldProps, TextFieldProps, select_field, text_field,
};
use crate::components::form::{TextAreaProps, text_area};
use crate::components::record::ready;
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category, machine_status};
use crate::route::Route;
use crate::services::customers::{self, CustomerFilter};
use crate::services::{dealers, machines, product_models};
use furrow_domain::FieldError;
use furrow_domain::master::{CustomerView, MachineInput, MachineStatus, MachineView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

const FIELDS: [&str; 9] = [
    "serial_number",
    "model_id",
    "customer_id",
    "dealer_id",
    "sale_date",
    "warranty_end",
    "engine_hours",
    "status",
    "notes",
];

/// `?customer=<id>`: the owner to start with (from a customer's archive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewMachineQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Uuid>,
}

/// The owner as the picker shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Owner {
    pub id: Uuid,
    pub label: String,
}

impl Owner {
    fn of(c: &CustomerView) -> Self {
        Owner {
            id: c.id,
            label: format!("{} {} · {}", c.code, c.name, c.phone),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    serial_number: String,
    model: String,
    owner: Option<Owner>,
    dealer: String,
    sale_date: String,
    warranty_end: String,
    engine_hours: String,
    status: String,
    notes: String,
}

impl Draft {
    fn of(m: &MachineView) -> Self {
        Draft {
            serial_number: m.serial_number.clone(),
            model: m.model_id.to_string(),
            owner: Some(Owner {
                id: m.customer_id,
                label: m.customer_name.clone(),
            }),
            dealer: m.dealer_id.map(|d| d.to_string()).unwrap_or_default(),
            sale_date: m.sale_date.map(|d| d.to_string()).unwrap_or_default(),
            warranty_end: m.warranty_end.map(|d| d.to_string()).unwrap_or_default(),
            engine_hours: m.engine_hours.map(|h| h.to_string()).unwrap_or_default(),
            status: m.status.as_str().to_owned(),
            notes: m.notes.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> Result<MachineInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let required = |errors: &mut Vec<FieldError>, field: &str| {
            errors.push(FieldError {
                field: field.to_owned(),
                code: "required".to_owned(),
                message: format!("{field} is required"),
            })
        };
        let model_id = Uuid::parse_str(&self.model).ok();
        if model_id.is_none() {
            required(&mut errors, "model_id");
        }
        if self.owner.is_none() {
            required(&mut errors, "customer_id");
        }
        let input = MachineInput {
            serial_number: self.serial_number.trim().to_owned(),
            model_id: model_id.unwrap_or_default(),
            customer_id: self.owner.as_ref().map(|o| o.id).unwrap_or_default(),
            dealer_id: Uuid::parse_str(&self.dealer).ok(),
            sale_date: parse_date(&self.sale_date, "sale_date", &mut errors),
            warranty_end: parse_date(&self.warranty_end, "warranty_end", &mut errors),
            engine_hours: parse_number::<i32>(&self.engine_hours, "engine_hours", &mut errors),
            status: MachineStatus::parse(&self.status),
            notes: non_empty(&self.notes),
        };
        if let Err(v) = input.validate() {
            errors.extend(v.0);
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            // Keep the form's order: serial number first.
            Err(crate::order::by_names(errors, &FIELDS, |e| &e.field))
        }
    }
}

#[function_component(CreateMachinePage)]
pub fn create_machine_page() -> Html {
    let i18n = use_i18n();
    let query = use_location()
        .and_then(|l| l.query::<NewMachineQuery>().ok())
        .unwrap_or_default();
    let owner = use_api(query.customer, |id| async move {
        match id {
            Some(id) => customers::get(id).await.map(|c| Some(Owner::of(&c))),
            None => Ok(None),
        }
    });
    let body = match &*owner {
        Remote::Loading => html! { { loading(&i18n) } },
        // An unknown owner in the address just leaves the picker empty.
        Remote::Failed(_) => {
            html! { <MachineForm machine={None::<MachineView>} owner={None::<Owner>} on_reload={Callback::noop()} /> }
        }
        Remote::Ready(o) => {
            html! { <MachineForm machine={None::<MachineView>} owner={o.clone()} on_reload={Callback::noop()} /> }
        }
    };
    html! {
        <div class="page narrow" data-testid="machine-create-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::Machines, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::MachinesTitle)]) }</> } })) }
                    <h1>{ i18n.m(M::CreateMachineTitle) }</h1>
                </div>
            </header>
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EditProps {
    pub id: Uuid,
}

#[function_component(EditMachine)]
pub fn edit_machine(props: &EditProps) -> Html {
    let EditProps { id } = props;
    let i18n = use_i18n();
    let reload = use_state(|| 0u32);
    let machine = use_api((*id, *reload), |(id, _)| machines::get(id));
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let m = match ready(&i18n, &machine, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    html! {
        <div class="page narrow" data-testid="machine-edit-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::MachineDetail { id: m.id.to_string() }, classes: "back-link", children: html! { <>
                        { i18n.mf(M::BackTo, &[&m.serial_number]) }
                    </> } })) }
                    <h1>{ i18n.mf(M::EditMachineTitle, &[&m.serial_number]) }</h1>
                    <p class="muted">{ format!("{} {}", i18n.t(T::Version), m.version) }</p>
                </div>
            </header>
            <MachineForm machine={Some(m)} owner={None::<Owner>} {on_reload} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    machine: Option<MachineView>,
    /// The owner to start with when creating.
    owner: Option<Owner>,
    on_reload: Callback<()>,
}

#[function_component(MachineForm)]
fn machine_form(props: &FormProps) -> Html {
    let FormProps {
        machine,
        owner,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let navigator = use_navigator();
    let is_dealer = use_is_dealer();
    let form = use_form(|| match machine {
        Some(m) => Draft::of(m),
        None => Draft {
            owner: owner.clone(),
            status: MachineStatus::Operational.as_str().to_owned(),
            ..Draft::default()
        },
    });
    let dealer_list = use_api((), |_| dealers::list_all());
    let model_list = use_api((), |_| product_models::list_all());
    {
        let form = form.clone();
        use_effect_with(machine.clone(), move |m| {
            if let Some(m) = m {
                form.reset(Draft::of(m));
            }
        });
    }
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let draft = form.draft.clone();
    let on_owner = {
        let draft = draft.clone();
        Callback::from(move |o: Option<Owner>| {
            let mut d = (*draft).clone();
            d.owner = o;
            draft.set(d);
        })
    };
    let onsubmit = {
        let form = form.clone();
        let machine = machine.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match form.draft.input() {
                Ok(i) => i,
                Err(errs) => return form.refuse(FieldErrors(errs)),
            };
            let target = machine.as_ref().map(|r| (r.id, r.version));
            let navigator = navigator.clone();
            // Saved or created, the record's page shows it with a notice.
            let open = move |r: MachineView| {
                if let Some(n) = navigator {
                    let (saved, created) = if target.is_some() {
                        (Some(1), None)
                    } else {
                        (None, Some(1))
                    };
                    let to = Route::MachineDetail {
                        id: r.id.to_string(),
                    };
                    let _ = n.push_with_query(&to, JustSaved { saved, created });
                }
            };
            form.submit(
                async move {
                    match target {
                        Some((id, version)) => machines::update(id, version, &input).await,
                        None => machines::create(&input).await,
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
    let mut models = vec![Choice::new("", i18n.m(M::ChooseModel))];
    if let Remote::Ready(list) = &*model_list {
        models.extend(
            list.iter()
                .filter(|m| m.active || m.id.to_string() == draft.model)
                .map(|m| {
                    Choice::new(
                        m.id.to_string(),
                        format!(
                            "{} {} ({}, {})",
                            m.code,
                            m.name,
                            i18n.m(machine_category(m.category)),
                            i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()])
                        ),
                    )
                }),
        );
    }
    let statuses: Vec<Choice> = MachineStatus::ALL
        .iter()
        .map(|s| Choice::new(s.as_str(), i18n.m(machine_status(*s))))
        .collect();
    let shown: Vec<&str> = FIELDS
        .into_iter()
        .filter(|f| *f != "dealer_id" || !is_dealer)
        .collect();
    let err = |f: &str| form.err(&i18n, f);
    let busy = *form.busy;
    let creating = machine.is_none();
    let cancel_to = match machine {
        Some(m) => Route::MachineDetail {
            id: m.id.to_string(),
        },
        None => Route::Machines,
    };
    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="machine-form">
            { form.failure_banner(&i18n, &shown, on_reload, "save-error") }
            if let Remote::Failed(e) = &*model_list { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) } }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "machine-serial_number", label: i18n.m(M::Serial), required: true, value: draft.serial_number.clone(), oninput: edit(|d, v| d.serial_number = v), error: err("serial_number"), maxlength: 64, autocomplete: "off" })) }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "machine-model_id", label: i18n.m(M::Model), required: true, value: draft.model.clone(), choices: models, onchange: edit(|d, v| d.model = v), error: err("model_id") })) }
            </div>
            <CustomerPicker value={draft.owner.clone()} onchange={on_owner} error={err("customer_id")} />
            <div class="form-grid">
                if !is_dealer {
                    { select_field(&i18n, &yew::props!(SelectFieldProps { id: "machine-dealer_id", label: i18n.m(M::SellingDealer), optional: true, value: draft.dealer.clone(), choices: dealer_choices(&i18n, &dealers, &draft.dealer), onchange: edit(|d, v| d.dealer = v), error: err("dealer_id"), hint: i18n.m(M::DealerDefaultHint) })) }
                }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "machine-status", label: i18n.m(M::Status), value: draft.status.clone(), choices: statuses, onchange: edit(|d, v| d.status = v), error: err("status") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "machine-sale_date", label: i18n.m(M::SaleDate), optional: true, kind: "date", value: draft.sale_date.clone(), oninput: edit(|d, v| d.sale_date = v), error: err("sale_date") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "machine-warranty_end", label: i18n.m(M::WarrantyEnd), optional: true, kind: "date", value: draft.warranty_end.clone(), oninput: edit(|d, v| d.warranty_end = v), error: err("warranty_end"), hint: i18n.m(M::WarrantyEndHint) })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "machine-engine_hours", label: i18n.m(M::EngineHours), optional: true, kind: "text", value: draft.engine_hours.clone(), oninput: edit(|d, v| d.engine_hours = v), error: err("engine_hours") })) }
            </div>
            { text_area(&i18n, &yew::props!(TextAreaProps { id: "machine-notes", label: i18n.m(M::Notes), value: draft.notes.clone(), oninput: edit(|d, v| d.notes = v), error: err("notes"), optional: true, wide: true })) }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="machine-save">
                    { if busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                </button>
                { app_link(&yew::props!(AppLinkProps { to: cancel_to, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PickerProps {
    value: Option<Owner>,
    onchange: Callback<Option<Owner>>,
    error: Option<AttrValue>,
}

/// The owner: the chosen customer, or a search box with the matches.
#[function_component(CustomerPicker)]
fn customer_picker(props: &PickerProps) -> Html {
    let PickerProps {
        value,
        onchange,
        error,
    } = props;
    let i18n = use_i18n();
    let text = use_state(String::new);
    let results = use_api((*text).clone(), |q| async move {
        if q.trim().is_empty() {
            return Ok(Vec::new());
        }
        customers::list(&CustomerFilter {
            q: Some(q),
            active: Some(true),
            limit: Some(8),
            ..CustomerFilter::default()
        })
        .await
        .map(|p| p.items)
    });
    let id = "machine-customer_id";
    let label = html! {
        <label for={id}>{ i18n.m(M::CustomerPicker) }<span class="required" aria-hidden="true">{ " *" }</span></label>
    };
    let error_html = html! {
        if let Some(e) = error {
            <div class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>{ e.clone() }</div>
        }
    };
    if let Some(owner) = value {
        let clear = {
            let (onchange, text) = (onchange.clone(), text.clone());
            Callback::from(move |_: MouseEvent| {
                text.set(String::new());
                onchange.emit(None);
            })
        };
        return html! {
            <div class="field picker">
                { label }
                <div class="picker-chosen">
                    <input id={id} type="text" readonly=true value={owner.label.clone()} data-testid="machine-owner-chosen" />
                    <button type="button" class="btn" onclick={clear} data-testid="machine-owner-change">
                        { i18n.m(M::ChangeCustomer) }
                    </button>
                </div>
                { error_html }
            </div>
        };
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                text.set(i.value());
            }
        })
    };
    let list = match &*results {
        _ if text.trim().is_empty() => Html::default(),
        Remote::Loading => html! { <div class="picker-results">{ loading(&i18n) }</div> },
        Remote::Failed(e) => {
            html! { { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) } }
        }
        Remote::Ready(items) if items.is_empty() => html! {
            <div class="picker-results muted">{ i18n.m(M::CustomerPickerNone) }</div>
        },
        Remote::Ready(items) => html! {
            <ul class="picker-results" data-testid="machine-owner-results">
                { for items.iter().map(|c| {
                    let pick = {
                        let (onchange, owner) = (onchange.clone(), Owner::of(c));
                        Callback::from(move |_: MouseEvent| onchange.emit(Some(owner.clone())))
                    };
                    html! {
                        <li key={c.id.to_string()}>
                            <button type="button" class="picker-option" onclick={pick}>
                                <span class="mono">{ &c.code }</span>{ " " }<strong>{ &c.name }</strong>
                                <span class="muted">{ format!(" · {} · {}", c.phone, c.province) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div class={classes!("field", "picker", error.is_some().then_some("has-error"))}>
            { label }
            <input id={id} type="search" data-testid="machine-owner-q" value={(*text).clone()} {oninput}
                   placeholder={i18n.m(M::CustomerPickerPlaceholder)} autocomplete="off"
                   aria-invalid={error.is_some().then_some("true")}
                   aria-describedby={error.is_some().then(|| format!("{id}-error"))} />
            { list }
            { error_html }
        </div>
    }
}
