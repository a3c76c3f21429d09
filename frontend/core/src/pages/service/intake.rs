//! Intake (客户报修受理): find the customer by phone or name (or the machine
//! by serial), pick the machine, record the fault, and tell the customer the
//! arrival time the clock preview proposes. Errors show next to their fields;
//! the customer's earlier requests and the machine's history show beside the
//! form; leaving with unsaved input asks first. A customer's or machine's
//! page opens it filled (`?customer=&machine=`).

use super::common::{
    PRIORITIES, choices, edit_field, from_input, request_status_badge, to_input, when,
};
use super::repeat_fault::RepeatFaults;
use crate::components::dom::{focus_by_id, map_link, tel};
use crate::components::form::{
    Choice, DateKind, FieldErrors, SelectFieldProps, TextFieldProps, check_box, check_label,
    field_error_text, select_field, text_area, text_field,
};
use crate::components::lookup::{Found, LookupBox, use_lookup};
use crate::components::query_link::query_link;
use crate::components::remote::remote;
use crate::components::timeline::{TimelineProps, timeline};
use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::use_unsaved_guard::use_unsaved_guard;
use crate::hooks::{Remote, use_api, use_api_when, use_form, use_i18n, use_session};
use crate::i18n::master::M;
use crate::i18n::service::{self as names, S};
use crate::pages::master::warranty::warranty_summary;
use crate::route::Route;
use crate::services::requests::new_nonce;
use crate::services::service_requests::{self as api, PreviewInput};
use crate::services::{customers, machines as machine_api};
use crate::time::{MINUTE_PATTERN, MINUTE_REGEX};
use furrow_domain::master::{CustomerView, MachineView};
use furrow_domain::service::{
    Channel, CreateServiceRequest, Operation, Priority, RequestKind, RequestStatus, SuspectedPart,
};
use furrow_domain::{FieldError, Role};
use serde::Deserialize;
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Fields the form shows; errors on others go to the banner.
const FIELDS: [&str; 13] = [
    "customer_id",
    "site_address",
    "site_lat",
    "site_lon",
    "machine_id",
    "symptoms",
    "preliminary_judgement",
    "promised_arrival_at",
    "priority",
    "kind",
    "channel",
    "operation_at_risk",
    "harvest_critical_reason",
];

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    customer_id: Option<Uuid>,
    /// The machine's id, or empty.
    machine: String,
    kind: RequestKind,
    channel: Channel,
    symptoms: String,
    judgement: String,
    needs_onsite: bool,
    priority: Priority,
    stopped: bool,
    /// An [`Operation`] or empty.
    operation: String,
    suspected: SuspectedPart,
    /// `None` follows the clock preview's default.
    harvest: Option<bool>,
    /// The work site when not the customer's registered address (empty: it).
    site_address: String,
    site_lat: String,
    site_lon: String,
    /// Why a ticked `harvest` is stricter than the law (asked for when ticked).
    harvest_reason: String,
}

/// `?customer=&machine=`: the intake opened from a customer's or a machine's
/// page, with them chosen.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IntakeQuery {
    #[serde(default)]
    pub customer: Option<Uuid>,
    #[serde(default)]
    pub machine: Option<Uuid>,
}

/// The "new request" button of a customer's or machine's page: the intake
/// with them filled in.
pub fn new_request_link(i18n: &crate::hooks::I18n, customer: Uuid, machine: Option<Uuid>) -> Html {
    let machine = machine.map(|m| format!("&machine={m}")).unwrap_or_default();
    let query = format!("?customer={customer}{machine}");
    let route = Route::NewServiceRequest;
    let text = html! { <>{ i18n.s(S::NewRequest) }</> };
    query_link(
        &route,
        &query,
        classes!("btn"),
        "new-request-here".into(),
        text,
    )
}

impl Draft {
    fn new(dealer: bool, from: &IntakeQuery) -> Self {
        Draft {
            customer_id: from.customer,
            machine: from
                .machine
                .filter(|_| from.customer.is_some())
                .map(|m| m.to_string())
                .unwrap_or_default(),
            kind: RequestKind::Repair,
            channel: if dealer {
                Channel::DealerPortal
            } else {
                Channel::Phone
            },
            symptoms: String::new(),
            judgement: String::new(),
            needs_onsite: true,
            priority: Priority::Normal,
            stopped: false,
            operation: String::new(),
            suspected: SuspectedPart::Unknown,
            harvest: None,
            site_address: String::new(),
            site_lat: String::new(),
            site_lon: String::new(),
            harvest_reason: String::new(),
        }
    }

    fn machine_id(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.machine).ok()
    }

    fn request(
        &self,
        customer_id: Uuid,
        promised: Option<chrono::DateTime<chrono::Utc>>,
    ) -> CreateServiceRequest {
        CreateServiceRequest {
            channel: Some(self.channel),
            kind: self.kind,
            customer_id,
            machine_id: self.machine_id(),
            model_id: None,
            reported_serial: None,
            symptoms: self.symptoms.trim().to_owned(),
            preliminary_judgement: Some(self.judgement.trim().to_owned()).filter(|j| !j.is_empty()),
            needs_onsite: self.needs_onsite,
            priority: self.priority,
            harvest_critical: self.harvest,
            harvest_critical_reason: Some(self.harvest_reason.trim().to_owned())
                .filter(|r| self.harvest == Some(true) && !r.is_empty()),
            machine_stopped: self.stopped,
            operation_at_risk: if self.stopped {
                Operation::parse(&self.operation)
            } else {
                None
            },
            suspected_part: Some(self.suspected),
            promised_arrival_at: if self.needs_onsite { promised } else { None },
            repeat_of: None,
            site_address: Some(self.site_address.trim().to_owned())
                .filter(|a| self.needs_onsite && !a.is_empty()),
            site_lat: self
                .site_lat
                .trim()
                .parse()
                .ok()
                .filter(|_| self.needs_onsite),
            site_lon: self
                .site_lon
                .trim()
                .parse()
                .ok()
                .filter(|_| self.needs_onsite),
        }
    }

    /// The work site's point when both coordinates read as numbers: what
    /// the clock preview reads the season and the service network from.
    fn site_point(&self) -> Option<(f64, f64)> {
        let number = |t: &str| t.trim().parse::<f64>().ok();
        number(&self.site_lat)
            .zip(number(&self.site_lon))
            .filter(|_| self.needs_onsite)
    }
}

#[derive(Properties, PartialEq)]
struct HistoryProps {
    customer: Uuid,
    machine: Option<Uuid>,
}

/// Beside the form: the customer's open and earlier requests (a repeat call
/// is seen at once) and the chosen machine's service history.
#[function_component(History)]
fn history(props: &HistoryProps) -> Html {
    let i18n = use_i18n();
    let archive = use_api(props.customer, customers::archive);
    let machine = use_api_when(props.machine, machine_api::archive);
    let requests = remote(&i18n, &archive, None, |a| {
        {
            let mut list: Vec<_> = a
                .timeline
                .iter()
                .filter(|e| e.kind == "service_request")
                .collect();
            // Open ones first, each group newest first (the archive's order).
            list.sort_by_key(|e| !RequestStatus::parse(&e.action).is_some_and(|s| s.is_open()));
            let rows = list.into_iter().map(|e| {
                let number = e.reference.clone().unwrap_or_default();
                let to = Route::ServiceRequestDetail { id: e.entity_id.to_string() };
                let symptoms = e.details.get("symptoms").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                html! {
                    <li key={e.entity_id.to_string()} data-testid={format!("sr-past-{number}")}>
                        { app_link(&yew::props!(AppLinkProps { to, classes: "mono", children: html! { <>{ number.clone() }</> } })) }
                        { " " }
                        if let Some(s) = RequestStatus::parse(&e.action) { { request_status_badge(&i18n, s) } }
                        <span class="muted">{ format!(" · {}", when(&Some(e.at))) }</span>
                        <div class="small">{ symptoms }</div>
                    </li>
                }
            });
            html! { <ul class="pick-list">{ for rows }</ul> }
        }
    });
    let empty = matches!(&*archive, Remote::Ready(a) if !a.timeline.iter().any(|e| e.kind == "service_request"));
    let machine_history = remote(&i18n, &machine, None, |a| {
        let Some(a) = a else { return Html::default() };
        let entries: Vec<_> = a.timeline.iter().take(HISTORY_SHOWN).cloned().collect();
        let title = Some(AttrValue::from(i18n.s(S::MachineHistory)));
        html! { <div data-testid="sr-machine-history">{ timeline(&i18n, &yew::props!(TimelineProps { entries, title })) }</div> }
    });
    html! {
        <aside class="intake-history" data-testid="sr-history">
            <section class="panel" aria-labelledby="sr-past-h" data-testid="sr-past-requests">
                <h2 id="sr-past-h">{ i18n.s(S::PastRequests) }</h2>
                if empty { <p class="muted">{ i18n.s(S::NoPastRequests) }</p> } else { { requests } }
            </section>
            { machine_history }
        </aside>
    }
}

/// Entries of the machine's history shown beside the form (newest first).
const HISTORY_SHOWN: usize = 8;

#[function_component(IntakePage)]
pub fn intake_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator();
    let is_dealer = session
        .user()
        .is_some_and(|u| u.roles.contains(&Role::Dealer));
    let query = use_location()
        .and_then(|l| l.query::<IntakeQuery>().ok())
        .unwrap_or_default();
    let start = use_state(|| Draft::new(is_dealer, &query));
    let form = use_form(|| (*start).clone());
    let (draft, errors, busy) = (form.draft.clone(), form.errors.clone(), form.busy.clone());
    let nonce = use_state(new_nonce);
    let promised = use_state(String::new);
    let promised_touched = use_state(|| false);
    let typed_anything = *draft != *start || *promised_touched;
    use_unsaved_guard(typed_anything && !*busy, i18n.s(S::LeaveUnsaved));

    // Customer look-up, by phone or name or by a machine's serial.
    let by_customer = use_lookup::<CustomerView>();
    let by_serial = use_lookup::<MachineView>();

    let customer = use_api_when(draft.customer_id, api::customer);
    let machines = use_api_when(draft.customer_id, api::machines_of);
    let preview_input = draft.customer_id.map(|customer_id| PreviewInput {
        customer_id,
        machine_id: draft.machine_id(),
        priority: draft.priority,
        needs_onsite: draft.needs_onsite,
        kind: draft.kind,
        suspected_part: Some(draft.suspected),
        harvest_critical: draft.harvest,
        site: draft.site_point(),
    });
    let preview = use_api_when(
        preview_input,
        |p| async move { api::clock_preview(&p).await },
    );
    let proposal = match &*preview {
        Remote::Ready(Some(p)) => p.arrival_due,
        _ => None,
    };
    // "Is this free?": who pays, as the server proposes it from the
    // machine's warranty today, the kind and the suspected part.
    let coverage = match &*preview {
        Remote::Ready(Some(p)) => Some(p.coverage),
        _ => None,
    };
    {
        // Propose the arrival time until the agent sets one.
        let promised = promised.clone();
        let touched = *promised_touched;
        use_effect_with((proposal, touched), move |(proposal, touched)| {
            if !*touched {
                promised.set(proposal.as_ref().map(to_input).unwrap_or_default());
            }
        });
    }

    let edit = |field: &str, f: fn(&mut Draft, String)| edit_field(&form, field.into(), f);
    let check = |id: &str, label: Html, on: bool, set: fn(&mut Draft, bool)| {
        check_box(
            id,
            label,
            on,
            form.change(move |d: &mut Draft, on| set(d, on)),
        )
    };

    let pick_customer = {
        let (draft, by_customer, by_serial, errors) = (
            draft.clone(),
            by_customer.clone(),
            by_serial.clone(),
            errors.clone(),
        );
        Callback::from(move |(customer, machine): (Uuid, Option<Uuid>)| {
            let mut d = (*draft).clone();
            d.customer_id = Some(customer);
            d.machine = machine.map(|m| m.to_string()).unwrap_or_default();
            d.harvest = None;
            draft.set(d);
            by_customer.close();
            by_serial.close();
            let mut e = (*errors).clone();
            e.0.retain(|f| f.field != "customer_id");
            errors.set(e);
            focus_by_id("sr-machine");
        })
    };
    let clear_customer = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut d = (*draft).clone();
            d.customer_id = None;
            d.machine.clear();
            d.harvest = None;
            draft.set(d);
            focus_by_id("sr-customer-q");
        })
    };

    let on_promised = {
        let (promised, touched) = (promised.clone(), promised_touched.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                promised.set(i.value());
                touched.set(true);
            }
        })
    };
    let use_proposal = {
        let (promised, touched) = (promised.clone(), promised_touched.clone());
        Callback::from(move |_: MouseEvent| {
            promised.set(proposal.as_ref().map(to_input).unwrap_or_default());
            touched.set(false);
        })
    };

    let onsubmit = {
        let (form, promised, nonce, navigator) = (
            form.clone(),
            promised.clone(),
            nonce.clone(),
            navigator.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let draft = &*form.draft;
            let mut problems = Vec::new();
            let promised_at = if draft.needs_onsite && !promised.trim().is_empty() {
                match from_input(&promised) {
                    Some(at) => Some(at),
                    None => {
                        problems.push(DateKind::Minute.refusal("promised_arrival_at"));
                        None
                    }
                }
            } else {
                None
            };
            let customer_id = draft.customer_id.unwrap_or_else(|| {
                problems.push(FieldError {
                    field: "customer_id".into(),
                    code: "choose".into(),
                    message: "choose the customer".into(),
                });
                Uuid::nil()
            });
            let req = draft.request(customer_id, promised_at);
            if let Err(invalid) = req.validate() {
                problems.extend(invalid.0);
            }
            if !problems.is_empty() {
                form.refuse(FieldErrors(problems));
                return;
            }
            let nonce = (*nonce).clone();
            let navigator = navigator.clone();
            let opened = move |view: furrow_domain::service::ServiceRequestView| {
                let to = Route::ServiceRequestDetail {
                    id: view.id.to_string(),
                };
                if let Some(n) = navigator {
                    let _ = n.push_with_query(&to, super::detail::Created { created: 1 });
                }
            };
            form.submit(async move { api::create(&req, &nonce).await }, opened);
        })
    };

    let err = |f: &str| -> Option<AttrValue> {
        errors.0.iter().find(|e| e.field == f).map(|e| {
            AttrValue::from(match e.code.as_str() {
                "choose" => i18n.s(S::FeChooseCustomer).to_owned(),
                "ambiguous" => i18n.s(S::FeAmbiguousMachine).to_owned(),
                _ => field_error_text(&i18n, e),
            })
        })
    };

    // ----- Customer section -----
    let customer_err = err("customer_id");
    let customer_section = match draft.customer_id {
        None => {
            let customer_row = |c: &CustomerView| {
                let (pick, id) = (pick_customer.clone(), c.id);
                let place = [c.city.clone(), c.county.clone()].into_iter().flatten();
                let place = place.collect::<Vec<_>>().join(" ");
                Found {
                    key: c.id.to_string(),
                    testid: Some(format!("sr-customer-{}", c.phone)),
                    body: html! { <>
                        <strong>{ &c.name }</strong>
                        <span class="mono">{ &c.phone }</span>
                        <span class="muted">{ format!("{} · {} {}", c.code, c.province, place) }</span>
                    </> },
                    onclick: Callback::from(move |_| pick.emit((id, None))),
                }
            };
            let machine_row = |m: &MachineView| {
                let (pick, cid, mid) = (pick_customer.clone(), m.customer_id, m.id);
                Found {
                    key: m.id.to_string(),
                    testid: None,
                    body: html! { <>
                        <strong class="mono">{ &m.serial_number }</strong>
                        <span>{ &m.model_name }</span>
                        <span class="muted">{ &m.customer_name }</span>
                    </> },
                    onclick: Callback::from(move |_| pick.emit((cid, Some(mid)))),
                }
            };
            let customers = LookupBox {
                id: "sr-customer",
                label: i18n.s(S::CustomerSearch),
                placeholder: i18n.s(S::CustomerSearchPlaceholder),
                find: i18n.s(S::Find),
                none: i18n.s(S::NoCustomerFound),
                required: true,
                error: customer_err,
            };
            let serials = LookupBox {
                id: "sr-serial",
                label: i18n.s(S::SerialSearch),
                placeholder: i18n.s(S::SerialSearchPlaceholder),
                none: i18n.s(S::NoMachineFound),
                required: false,
                error: None,
                ..customers
            };
            let find_customers = |q: String| async move { api::find_customers(&q).await };
            let find_machines = |q: String| async move { api::find_machines(&q).await };
            html! {
                <>
                    { by_customer.view(&i18n, customers, find_customers, customer_row) }
                    { by_serial.view(&i18n, serials, find_machines, machine_row) }
                </>
            }
        }
        Some(_) => remote(&i18n, &customer, None, |c| {
            let (name, phone) = c
                .as_ref()
                .map(|c| (c.name.clone(), c.phone.clone()))
                .unwrap_or_default();
            let address = c
                .as_ref()
                .and_then(|c| c.address.clone())
                .unwrap_or_default();
            html! {
                <div class="picked" data-testid="sr-customer-picked">
                    <div>
                        <strong>{ name }</strong>{ " " }
                        <a href={tel(&phone)} class="mono" data-testid="sr-customer-tel">{ phone }</a>
                        if !address.trim().is_empty() {
                            <div class="muted">
                                { address.clone() }{ " " }
                                <a href={map_link(&address)} target="_blank" rel="noopener noreferrer">{ i18n.s(S::MapLink) }</a>
                            </div>
                        }
                    </div>
                    <button type="button" class="btn btn-small" onclick={clear_customer} data-testid="sr-customer-change">
                        { i18n.s(S::ChangeCustomer) }
                    </button>
                </div>
            }
        }),
    };

    // ----- Machine select -----
    let machine_field = match draft.customer_id {
        None => Html::default(),
        Some(_) => remote(&i18n, &machines, None, |page| {
            let list = page.as_ref().map_or(&[][..], |p| &p.items[..]);
            let mut choices = vec![Choice::new(
                "",
                if list.is_empty() {
                    i18n.s(S::MachineNotListed)
                } else {
                    i18n.s(S::ChooseMachine)
                },
            )];
            choices.extend(list.iter().map(|m| {
                Choice::new(
                    m.id.to_string(),
                    format!(
                        "{} · {} ({})",
                        m.serial_number,
                        m.model_name,
                        names::category(m.category, i18n.lang)
                    ),
                )
            }));
            // The chosen machine's warranty before saving: in 三包, in the
            // extended warranty or expired, with its dates and breakdown.
            let chosen = list.iter().find(|m| Some(m.id) == draft.machine_id());
            html! {
                <>
                    { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-machine", label: i18n.s(S::Machine), value: draft.machine.clone(), choices, onchange: edit("machine_id", |d, v| { d.machine = v; d.harvest = None; }), error: err("machine_id"), hint: list.is_empty().then(|| AttrValue::from(i18n.s(S::NoMachines))) })) }
                    if let Some(m) = chosen {
                        <div class="field">
                            <span class="label">{ i18n.m(M::Warranty) }</span>
                            { warranty_summary(&i18n, &m.warranty, "sr-warranty") }
                            <RepeatFaults machine_id={m.id} />
                        </div>
                    }
                </>
            }
        }),
    };

    let lang = i18n.lang;
    let kind_choices = choices(RequestKind::ALL, |k| (k.as_str(), names::kind(k, lang)));
    let channel_choices = choices(
        &[
            Channel::Phone,
            Channel::Email,
            Channel::OnlineChat,
            Channel::WalkIn,
            Channel::DealerPortal,
        ],
        |c| (c.as_str(), names::channel(c, lang)),
    );
    let priority_choices = choices(&PRIORITIES, |p| (p.as_str(), names::priority(p, lang)));
    let part_choices = choices(
        &[
            SuspectedPart::Unknown,
            SuspectedPart::MainPart,
            SuspectedPart::WearPart,
        ],
        |p| (p.as_str(), names::suspected_part(p, lang)),
    );
    let mut op_choices = vec![Choice::new("", i18n.s(S::NotSaid))];
    op_choices.extend(choices(Operation::ALL, |o| {
        (o.as_str(), names::operation(o, lang))
    }));

    // ----- Clocks preview -----
    let preview_view = remote(&i18n, &preview, None, |p| match p {
        None => html! { <p class="muted">{ i18n.s(S::PreviewNeedsCustomer) }</p> },
        Some(p) => html! {
            <dl class="clock-preview" data-testid="sr-preview">
                <div><dt>{ i18n.s(S::Season) }</dt>
                    <dd data-testid="sr-preview-season">{ i18n.s(if p.in_season { S::InSeason } else { S::OffSeason }) }</dd></div>
                <div><dt>{ i18n.s(S::LegalClock) }</dt><dd data-testid="sr-preview-legal-clock">{ names::legal_clock(p.legal_clock, lang) }</dd></div>
                <div><dt>{ i18n.s(S::FirstContactDue) }</dt><dd>{ when(&Some(p.first_contact_due)) }</dd></div>
                if p.arrival_due.is_some() {
                    <div><dt>{ i18n.s(S::ArrivalDue) }</dt><dd data-testid="sr-preview-arrival">{ when(&p.arrival_due) }</dd></div>
                }
                if p.repair_due.is_some() {
                    <div><dt>{ i18n.s(S::RepairDue) }</dt><dd>{ when(&p.repair_due) }
                        if p.repair_due_provisional { { " " }{ badge(Tone::Warning, i18n.s(S::RepairDueProvisional), None) } }
                    </dd></div>
                }
            </dl>
        },
    });
    let harvest_checked = draft.harvest.unwrap_or(match &*preview {
        Remote::Ready(Some(p)) => p.harvest_critical,
        _ => false,
    });
    let promised_err = err("promised_arrival_at");

    html! {
        <div class="page narrow-wide" data-testid="intake-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ServiceRequests, classes: "back-link", children: html! { <>{ format!("← {}", i18n.s(S::RequestsTitle)) }</> } })) }
                    <h1>{ i18n.s(S::IntakeTitle) }</h1>
                </div>
            </header>
            <form class="form intake" {onsubmit} novalidate=true data-testid="intake-form">
                { form.failure_banner(&i18n, &FIELDS, &Callback::noop(), "intake-error") }
                <div class="intake-grid">
                    <section class="panel" aria-labelledby="sr-customer-h">
                        <h2 id="sr-customer-h">{ i18n.s(S::SectionCustomer) }</h2>
                        { customer_section }
                        { machine_field }
                    </section>
                    <section class="panel" aria-labelledby="sr-clocks-h">
                        <h2 id="sr-clocks-h">{ i18n.s(S::SectionClocks) }</h2>
                        { preview_view }
                        { check("sr-harvest", html! {
                            <span class="check-text">
                                <span class="check-label">{ i18n.s(S::HarvestCritical) }</span>
                                <span class="check-hint">{ i18n.s(S::HarvestCriticalHint) }</span>
                            </span>
                        }, harvest_checked, |d, on| d.harvest = Some(on)) }
                        if draft.harvest == Some(true) {
                            { text_field(&i18n, &yew::props!(TextFieldProps { id: "sr-harvest-reason", label: i18n.s(S::HarvestCriticalReason), optional: true, value: draft.harvest_reason.clone(), oninput: edit("harvest_critical_reason", |d, v| d.harvest_reason = v), error: err("harvest_critical_reason"), maxlength: 1000 })) }
                        }
                        if draft.needs_onsite {
                            <div class={classes!("field", promised_err.is_some().then_some("has-error"))}>
                                <label for="sr-promised">{ i18n.s(S::PromisedArrival) }</label>
                                <input id="sr-promised" data-testid="sr-promised" type="text"
                                       placeholder={MINUTE_PATTERN} pattern={MINUTE_REGEX}
                                       value={(*promised).clone()} oninput={on_promised}
                                       aria-invalid={promised_err.is_some().then_some("true")}
                                       aria-describedby="sr-promised-hint" />
                                <div class="hint" id="sr-promised-hint">
                                    { i18n.s(S::PromisedArrivalHint) }
                                    if let Some(p) = proposal {
                                        <div data-testid="sr-proposal">
                                            { i18n.sf(S::ProposedArrival, &[&when(&Some(p))]) }
                                            if *promised_touched {
                                                { " " }
                                                <button type="button" class="btn btn-small" onclick={use_proposal}
                                                        data-testid="sr-use-proposal">{ i18n.s(S::UseProposal) }</button>
                                            }
                                        </div>
                                    }
                                </div>
                                if let Some(e) = promised_err {
                                    <div class="field-error" data-testid="sr-promised-error">{ e }</div>
                                }
                            </div>
                        }
                    </section>
                </div>
                <section class="panel" aria-labelledby="sr-fault-h">
                    <h2 id="sr-fault-h">{ i18n.s(S::SectionFault) }</h2>
                    <div class="form-grid">
                        { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-kind", label: i18n.s(S::Kind), value: draft.kind.as_str(), choices: kind_choices, onchange: edit("kind", |d, v| if let Some(k) = RequestKind::parse(&v) {
                                         d.kind = k;
                                         d.needs_onsite = !matches!(k, RequestKind::Consultation | RequestKind::Complaint);
                                     }), error: err("kind") })) }
                        { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-channel", label: i18n.s(S::Channel), value: draft.channel.as_str(), choices: channel_choices, onchange: edit("channel", |d, v| if let Some(c) = Channel::parse(&v) { d.channel = c }), error: err("channel") })) }
                        { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-priority", label: i18n.s(S::Priority), value: draft.priority.as_str(), choices: priority_choices, onchange: edit("priority", |d, v| if let Some(p) = Priority::parse(&v) { d.priority = p }), error: err("priority") })) }
                        { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-suspected", label: i18n.s(S::SuspectedPart), value: draft.suspected.as_str(), choices: part_choices, onchange: edit("suspected_part", |d, v| if let Some(p) = SuspectedPart::parse(&v) { d.suspected = p }) })) }
                        if let Some(c) = coverage {
                            <div class="field">
                                <span class="label">{ i18n.s(S::CoverageProposed) }</span>
                                <strong data-testid="sr-coverage" data-coverage={c.as_str()}>{ names::coverage(c, i18n.lang) }</strong>
                            </div>
                        }
                    </div>
                    { text_area(&i18n, &yew::props!(TextFieldProps { id: "sr-symptoms", label: i18n.s(S::Symptoms), required: true, value: draft.symptoms.clone(), oninput: edit("symptoms", |d, v| d.symptoms = v), hint: i18n.s(S::SymptomsHint), error: err("symptoms"), maxlength: 4000, rows: 4 })) }
                    { text_area(&i18n, &yew::props!(TextFieldProps { id: "sr-judgement", label: i18n.s(S::PreliminaryJudgement), optional: true, value: draft.judgement.clone(), oninput: edit("preliminary_judgement", |d, v| d.judgement = v), error: err("preliminary_judgement"), maxlength: 4000 })) }
                    <div class="check-row">
                        { check("sr-onsite", check_label(i18n.s(S::NeedsOnsite)), draft.needs_onsite, |d, on| d.needs_onsite = on) }
                        { check("sr-stopped", check_label(i18n.s(S::MachineStopped)), draft.stopped, |d, on| d.stopped = on) }
                    </div>
                    if draft.needs_onsite {
                        <fieldset class="field-group" data-testid="sr-site">
                            <legend>{ i18n.s(S::SiteAddress) }</legend>
                            <p class="hint">{ i18n.s(S::IntakeSiteHint) }</p>
                            <div class="form-grid">
                                { text_field(&i18n, &yew::props!(TextFieldProps { id: "sr-site-address", label: i18n.s(S::SiteAddress), optional: true, value: draft.site_address.clone(), oninput: edit("site_address", |d, v| d.site_address = v), error: err("site_address"), maxlength: 300 })) }
                                { text_field(&i18n, &yew::props!(TextFieldProps { id: "sr-site-lat", label: i18n.s(S::SiteLat), kind: "number", optional: true, value: draft.site_lat.clone(), oninput: edit("site_lat", |d, v| d.site_lat = v), error: err("site_lat") })) }
                                { text_field(&i18n, &yew::props!(TextFieldProps { id: "sr-site-lon", label: i18n.s(S::SiteLon), kind: "number", optional: true, value: draft.site_lon.clone(), oninput: edit("site_lon", |d, v| d.site_lon = v), error: err("site_lon") })) }
                            </div>
                        </fieldset>
                    }
                    if draft.stopped {
                        { select_field(&i18n, &yew::props!(SelectFieldProps { id: "sr-operation", label: i18n.s(S::OperationAtRisk), value: draft.operation.clone(), choices: op_choices, onchange: edit("operation_at_risk", |d, v| d.operation = v), error: err("operation_at_risk") })) }
                    }
                </section>
                if let Some(customer) = draft.customer_id {
                    <History {customer} machine={draft.machine_id()} />
                }
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled={*busy} data-testid="intake-submit">
                        { i18n.s(if *busy { S::Recording } else { S::RecordRequest }) }
                    </button>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ServiceRequests, classes: "btn btn-ghost", children: html! { <>{ i18n.t(crate::i18n::T::Cancel) }</> } })) }
                </div>
            </form>
        </div>
    }
}
