//! One purchase request: its lines (asked, received, outstanding), the
//! expected date and overdue flag, its progress notes, and the panels of the
//! commands it offers the user now (its `actions`), each sent with the
//! version read as `If-Match`; a 412 offers a reload.

use super::{API, status_badge};
use crate::components::definition_list::{facts, or_dash};
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::record_page::{RecordFrame, record_page};
use crate::components::status_badge::{Tone, badge};
use crate::hooks::{Form, I18n, Remote, use_api, use_api_reload, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::purchasing::origin_label;
use crate::route::Route;
use crate::services::requests::{ApiError, Call};
use crate::time::local_minutes;
use furrow_domain::Page;
use furrow_domain::parts::purchasing::{
    CancelInput, NoteInput, OrderInput, ReceiveInput, ReceiveLineInput,
};
use furrow_domain::parts::{PurchaseRequestView, WarehouseView};
use furrow_domain::service::commands::Command;
use rust_decimal::Decimal;
use std::future::Future;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub fn purchase_detail_page(id: &str) -> Html {
    by_id::<PurchaseDetail>(id)
}

fn value(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn changed(e: Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// `POST /purchase-requests/{id}/{verb}` with `If-Match` and `body`.
fn command<B: serde::Serialize>(
    p: &PurchaseRequestView,
    verb: &str,
    body: Option<&B>,
) -> impl Future<Output = Result<PurchaseRequestView, ApiError>> + use<B> {
    let call = Call::post(format!("{API}/{}/{verb}", p.id)).if_match(p.version);
    match body {
        Some(b) => call.json(b).fetch(),
        None => call.fetch(),
    }
}

#[function_component(PurchaseDetail)]
fn purchase_detail(props: &RecordId) -> Html {
    let i18n = use_i18n();
    let (record, on_reload) = use_api_reload(props.id, |id| {
        Call::get(format!("{API}/{id}")).fetch::<PurchaseRequestView>()
    });
    let on_done = {
        let record = record.clone();
        Callback::from(move |p: PurchaseRequestView| record.set(Remote::Ready(p)))
    };
    let p = match ready(&i18n, &record, &on_reload) {
        Ok(p) => p,
        Err(page) => return page,
    };
    let about = facts(
        html! { i18n.t(T::PurchasingTitle) },
        Some("pr-facts"),
        false,
        vec![
            (
                i18n.t(T::PrOrigin),
                html! { i18n.t(origin_label(p.origin)) },
            ),
            (
                i18n.t(T::PrWorkOrder),
                or_dash(p.work_order_number.as_deref()),
            ),
            (i18n.t(T::PrSupplier), or_dash(p.supplier.as_deref())),
            (
                i18n.t(T::PrExpected),
                html! {
                    <>
                        <span data-testid="pr-expected">{ p.expected_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()) }</span>
                        if p.overdue {
                            { " " }{ badge(Tone::Danger, i18n.t(T::PrOverdue), Some("pr-overdue".into())) }
                        }
                    </>
                },
            ),
            (i18n.t(T::PrRequestedBy), html! { &p.requested_by_name }),
            (
                i18n.t(T::PrCancelReason),
                or_dash(p.cancel_reason.as_deref()),
            ),
        ],
    );
    let lines = html! {
        <section class="panel" aria-labelledby="pr-lines-h">
            <h2 id="pr-lines-h">{ i18n.t(T::PrLines) }</h2>
            <table class="table" data-testid="pr-lines">
                <thead><tr>
                    <th>{ i18n.t(T::PrPartNumber) }</th><th>{ i18n.t(T::PrParts) }</th>
                    <th class="num">{ i18n.t(T::PrQuantity) }</th><th class="num">{ i18n.t(T::PrReceived) }</th>
                    <th class="num">{ i18n.t(T::PrOutstanding) }</th>
                </tr></thead>
                <tbody>
                    { for p.lines.iter().map(|l| html! {
                        <tr data-testid="pr-line">
                            <td class="mono">{ &l.part_number }</td>
                            <td>{ format!("{} {}", l.part_name, l.spec.clone().unwrap_or_default()) }</td>
                            <td class="num">{ format!("{} {}", l.quantity.normalize(), l.unit) }</td>
                            <td class="num" data-testid="pr-line-received">{ l.received.normalize().to_string() }</td>
                            <td class="num" data-testid="pr-line-outstanding">{ l.outstanding.normalize().to_string() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    };
    let notes = html! {
        <section class="panel" aria-labelledby="pr-notes-h">
            <h2 id="pr-notes-h">{ i18n.t(T::PrNotes) }</h2>
            if p.notes.is_empty() {
                <p class="muted">{ i18n.t(T::PrNoNotes) }</p>
            } else {
                <ul class="timeline" data-testid="pr-notes">
                    { for p.notes.iter().map(|n| html! {
                        <li data-testid="pr-note"><span class="muted small">{ format!("{} · {}", local_minutes(&n.at), n.author_name) }</span><br/>{ &n.text }</li>
                    }) }
                </ul>
            }
        </section>
    };
    let can = |c: Command| p.actions.contains(&c);
    // Keyed by version: after a command each form starts afresh from the
    // record as it now is (what is still outstanding).
    let panels = html! {
        <>
            if can(Command::ApprovePurchase) { <ApprovePanel key={format!("ApprovePanel-{}", p.version)} record={p.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} /> }
            if can(Command::OrderPurchase) { <OrderPanel key={format!("OrderPanel-{}", p.version)} record={p.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} /> }
            if can(Command::ReceivePurchase) { <ReceivePanel key={format!("ReceivePanel-{}", p.version)} record={p.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} /> }
            if can(Command::NotePurchase) { <NotePanel key={format!("NotePanel-{}", p.version)} record={p.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} /> }
            if can(Command::CancelPurchase) { <CancelPanel key={format!("CancelPanel-{}", p.version)} record={p.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} /> }
            if p.actions.is_empty() { <p class="muted">{ i18n.t(T::PrNoCommands) }</p> }
        </>
    };
    let mut frame = RecordFrame::new(
        "purchase-page",
        (
            Route::Purchasing,
            format!("← {}", i18n.t(T::PurchasingTitle)),
        ),
        html! { <span data-testid="pr-number">{ p.number.clone() }</span> },
    );
    frame.narrow = false;
    frame.meta = vec![
        status_badge(&i18n, p.status, Some("pr-status".into())),
        html! { format!("{} {}", i18n.t(T::Version), p.version) },
    ];
    let body = html! {
        <div class="columns">
            <div class="column-main">{ about }{ lines }{ notes }</div>
            <div class="column-side">{ panels }</div>
        </div>
    };
    record_page(frame, body)
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    record: PurchaseRequestView,
    on_done: Callback<PurchaseRequestView>,
    on_reload: Callback<()>,
}

/// A panel's frame: its heading, its form, the failure banner and the button.
fn panel<D: Clone + 'static>(
    i18n: &I18n,
    form: &Form<D>,
    on_reload: &Callback<()>,
    id: &'static str,
    (title, submit): (T, T),
    onsubmit: Callback<SubmitEvent>,
    fields: Html,
) -> Html {
    let busy = *form.busy;
    html! {
        <section class="panel" aria-labelledby={format!("{id}-h")}>
            <h2 id={format!("{id}-h")}>{ i18n.t(title) }</h2>
            <form class="form" {onsubmit} novalidate=true data-testid={format!("{id}-form")}>
                { form.failure_banner(i18n, &[], on_reload, "pr-error") }
                { fields }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={busy} data-testid={format!("{id}-submit")}>
                        { if busy { i18n.t(T::PrWorking) } else { i18n.t(submit) } }
                    </button>
                </div>
            </form>
        </section>
    }
}

fn text_input(
    id: &'static str,
    label: &str,
    kind: &'static str,
    v: &str,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label.to_owned() }</label>
            <input {id} type={kind} value={v.to_owned()} {oninput} data-testid={id} />
        </div>
    }
}

#[function_component(ApprovePanel)]
fn approve_panel(props: &PanelProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(|| ());
    let onsubmit = {
        let (form, p, done) = (form.clone(), props.record.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let done = done.clone();
            form.submit(command::<()>(&p, "approve", None), move |v| done.emit(v));
        })
    };
    panel(
        &i18n,
        &form,
        &props.on_reload,
        "pr-approve",
        (T::PrApprove, T::PrApprove),
        onsubmit,
        Html::default(),
    )
}

#[function_component(OrderPanel)]
fn order_panel(props: &PanelProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(|| (String::new(), String::new()));
    let onsubmit = {
        let (form, p, done) = (form.clone(), props.record.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (supplier, date) = (*form.draft).clone();
            let Ok(expected_on) = date.parse() else {
                return form.refuse(crate::components::form::FieldErrors(vec![
                    furrow_domain::FieldError {
                        field: "expected_on".into(),
                        code: "required".into(),
                        message: "expected_on is required".into(),
                    },
                ]));
            };
            let body = OrderInput {
                supplier,
                expected_on,
                note: None,
            };
            let done = done.clone();
            form.submit(command(&p, "order", Some(&body)), move |v| done.emit(v));
        })
    };
    let d = (*form.draft).clone();
    let fields = html! {
        <>
            { text_input("pr-supplier", i18n.t(T::PrSupplier), "text", &d.0, form.edit(|d, v| d.0 = v).reform(value)) }
            { text_input("pr-expected-on", i18n.t(T::PrExpected), "date", &d.1, form.edit(|d, v| d.1 = v).reform(value)) }
        </>
    };
    panel(
        &i18n,
        &form,
        &props.on_reload,
        "pr-order",
        (T::PrOrder, T::PrOrder),
        onsubmit,
        fields,
    )
}

/// The receive form: the warehouse, its bin, the delivery note and the
/// quantity of each line received now (its outstanding quantity at first).
#[derive(Clone, PartialEq)]
struct Receiving {
    warehouse: String,
    bin: String,
    note: String,
    quantities: Vec<String>,
}

#[function_component(ReceivePanel)]
fn receive_panel(props: &PanelProps) -> Html {
    let i18n = use_i18n();
    let lines = props.record.lines.clone();
    let form = use_form(move || Receiving {
        warehouse: String::new(),
        bin: String::new(),
        note: String::new(),
        quantities: lines
            .iter()
            .map(|l| l.outstanding.normalize().to_string())
            .collect(),
    });
    let warehouses = use_api((), |_| {
        Call::get("/warehouses")
            .query("active", "true")
            .query("limit", 100)
            .fetch::<Page<WarehouseView>>()
    });
    let onsubmit = {
        let (form, p, done) = (form.clone(), props.record.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = (*form.draft).clone();
            let warehouse_id = d.warehouse.parse().unwrap_or_default();
            let body = ReceiveInput {
                warehouse_id,
                bin: Some(d.bin.trim().to_owned()).filter(|b| !b.is_empty()),
                delivery_note: Some(d.note.trim().to_owned()).filter(|b| !b.is_empty()),
                lines: p
                    .lines
                    .iter()
                    .zip(&d.quantities)
                    .filter_map(|(l, q)| {
                        let q: Decimal = q.trim().parse().ok()?;
                        (!q.is_zero()).then_some(ReceiveLineInput {
                            part_id: l.part_id,
                            quantity: q,
                        })
                    })
                    .collect(),
            };
            let done = done.clone();
            form.submit(command(&p, "receive", Some(&body)), move |v| done.emit(v));
        })
    };
    let d = (*form.draft).clone();
    let options = match &*warehouses {
        Remote::Ready(page) => page.items.clone(),
        _ => Vec::new(),
    };
    let bins: Vec<String> = options
        .iter()
        .find(|w| w.id.to_string() == d.warehouse)
        .map(|w| w.bins.iter().map(|b| b.code.clone()).collect())
        .unwrap_or_default();
    let on_warehouse = form
        .change(|d: &mut Receiving, v: String| {
            d.warehouse = v;
            d.bin.clear();
        })
        .reform(changed);
    let on_bin = form
        .change(|d: &mut Receiving, v: String| d.bin = v)
        .reform(changed);
    let fields = html! {
        <>
            <div class="field">
                <label for="pr-warehouse">{ i18n.t(T::PrWarehouse) }</label>
                <select id="pr-warehouse" data-testid="pr-warehouse" onchange={on_warehouse}>
                    <option value="" selected={d.warehouse.is_empty()}>{ "—" }</option>
                    { for options.iter().map(|w| html! {
                        <option value={w.id.to_string()} selected={w.id.to_string() == d.warehouse}>{ format!("{} {}", w.code, w.name) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="pr-bin">{ i18n.t(T::PrBin) }</label>
                <select id="pr-bin" data-testid="pr-bin" onchange={on_bin}>
                    <option value="" selected={d.bin.is_empty()}>{ "—" }</option>
                    { for bins.iter().map(|b| html! { <option value={b.clone()} selected={*b == d.bin}>{ b.clone() }</option> }) }
                </select>
            </div>
            { text_input("pr-delivery-note", i18n.t(T::PrDeliveryNote), "text", &d.note, form.edit(|d, v| d.note = v).reform(value)) }
            { for props.record.lines.iter().enumerate().map(|(i, l)| {
                let oninput = form.change(move |d: &mut Receiving, v: String| d.quantities[i] = v).reform(value);
                html! {
                    <div class="field">
                        <label for={format!("pr-receive-{i}")}>{ format!("{}：{} {}", i18n.t(T::PrReceiveNow), l.part_number, l.part_name) }</label>
                        <input id={format!("pr-receive-{i}")} type="text" inputmode="decimal" value={d.quantities.get(i).cloned().unwrap_or_default()} {oninput} data-testid="pr-receive-quantity" />
                    </div>
                }
            }) }
        </>
    };
    panel(
        &i18n,
        &form,
        &props.on_reload,
        "pr-receive",
        (T::PrReceive, T::PrReceive),
        onsubmit,
        fields,
    )
}

#[function_component(NotePanel)]
fn note_panel(props: &PanelProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(String::new);
    let onsubmit = {
        let (form, p, done) = (form.clone(), props.record.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = NoteInput {
                text: (*form.draft).clone(),
            };
            let (done, draft) = (done.clone(), form.draft.clone());
            form.submit(command(&p, "notes", Some(&body)), move |v| {
                draft.set(String::new());
                done.emit(v)
            });
        })
    };
    let fields = text_input(
        "pr-note-text",
        i18n.t(T::PrNoteText),
        "text",
        &form.draft,
        form.edit(|d, v| *d = v).reform(value),
    );
    panel(
        &i18n,
        &form,
        &props.on_reload,
        "pr-note",
        (T::PrAddNote, T::PrAddNote),
        onsubmit,
        fields,
    )
}

#[function_component(CancelPanel)]
fn cancel_panel(props: &PanelProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(String::new);
    let onsubmit = {
        let (form, p, done) = (form.clone(), props.record.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = CancelInput {
                reason: (*form.draft).clone(),
            };
            let done = done.clone();
            form.submit(command(&p, "cancel", Some(&body)), move |v| done.emit(v));
        })
    };
    let fields = text_input(
        "pr-cancel-reason",
        i18n.t(T::PrReason),
        "text",
        &form.draft,
        form.edit(|d, v| *d = v).reform(value),
    );
    panel(
        &i18n,
        &form,
        &props.on_reload,
        "pr-cancel",
        (T::PrCancel, T::PrCancel),
        onsubmit,
        fields,
    )
}
