//! One requisition (领用单): its work order, machine and engineer, its lines
//! (requested, issued, returned, short, outstanding), the issue form (发料:
//! a warehouse showing each line's stock there, the quantities, the
//! recipient 领用人员), the returns form (退库), the exchange of faulty
//! issued parts (退换: quantities, recipient and the reason) and the cancel
//! (with a reason, in a dialog). Each shows only when the requisition's
//! `actions` offer its command.

use super::requisitions::status_badge;
use crate::components::data_table::link_cell;
use crate::components::definition_list::dl_row;
use crate::components::form::{
    Choice, SelectFieldProps, TextFieldProps, select_field, text_area, text_field,
};
use crate::components::reason_dialog::ReasonDialog;
use crate::components::record::ready;
use crate::components::record_id::RecordId;
use crate::hooks::use_record::use_record;
use crate::hooks::{Remote, use_api, use_i18n};
use crate::i18n::T;
use crate::route::Route;
use crate::services::requisitions as api;
use furrow_domain::parts::{
    CancelInput, ExchangeInput, IssueInput, LineQuantity, RequisitionLineView, RequisitionSource,
    ReturnInput,
};
use furrow_domain::service::commands::Command;
use rust_decimal::Decimal;
use std::collections::HashMap;
use uuid::Uuid;
use yew::prelude::*;

fn qty(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The quantities typed per line, parsed; blank or unreadable lines left out.
fn typed(lines: &[RequisitionLineView], values: &HashMap<Uuid, String>) -> Vec<LineQuantity> {
    lines
        .iter()
        .filter_map(|l| {
            let q: Decimal = values.get(&l.id)?.trim().parse().ok()?;
            Some(LineQuantity {
                line_id: l.id,
                quantity: q,
            })
        })
        .collect()
}

#[function_component(RequisitionPage)]
pub fn requisition_page(props: &RecordId) -> Html {
    let RecordId { id } = props;
    let i18n = use_i18n();
    let rc = use_record(*id, api::get);
    let warehouses = use_api((), api::warehouses);
    let warehouse = use_state(String::new);
    let recipient = use_state(|| None::<String>);
    let issue_q = use_state(HashMap::<Uuid, String>::new);
    let return_q = use_state(HashMap::<Uuid, String>::new);
    let exchange_q = use_state(HashMap::<Uuid, String>::new);
    let exchange_reason = use_state(String::new);
    let cancelling = use_state(|| false);
    let parts: Vec<Uuid> = match &*rc.record {
        Remote::Ready(r) => r.lines.iter().filter_map(|l| l.part_id).collect(),
        _ => Vec::new(),
    };
    let version = match &*rc.record {
        Remote::Ready(r) => r.version,
        _ => 0,
    };
    let stock = use_api((parts, version), |(parts, _)| api::on_hand(parts));
    let r = match ready(&i18n, &rc.record, &rc.reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let may = |c: Command| r.actions.contains(&c);
    let busy = *rc.cmd.busy;
    let chosen: Option<Uuid> = Uuid::parse_str(&warehouse).ok();
    let on_hand = |part: Option<Uuid>| -> Option<Decimal> {
        let (Remote::Ready(s), Some(p), Some(w)) = (&*stock, part, chosen) else {
            return None;
        };
        Some(s.get(&(p, w)).copied().unwrap_or_default())
    };
    let mut choices = vec![Choice::new("", i18n.t(T::RqChooseWarehouse))];
    if let Remote::Ready(page) = &*warehouses {
        choices.extend(
            page.items
                .iter()
                .map(|w| Choice::new(w.id.to_string(), format!("{} · {}", w.code, w.name))),
        );
    }
    let warehouse_select = |id: &'static str, label: T| {
        let state = warehouse.clone();
        select_field(
            &i18n,
            &yew::props!(SelectFieldProps {
                id,
                label: i18n.t(label),
                value: (*warehouse).clone(),
                choices: choices.clone(),
                onchange: Callback::from(move |v: String| state.set(v)),
                required: true,
            }),
        )
    };
    let recipient_value = (*recipient)
        .clone()
        .unwrap_or_else(|| r.engineer_name.clone());
    let quantity_input = |state: &UseStateHandle<HashMap<Uuid, String>>,
                          line: &RequisitionLineView,
                          testid: String| {
        let value = state.get(&line.id).cloned().unwrap_or_default();
        let (state, line_id) = (state.clone(), line.id);
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*state).clone();
            next.insert(line_id, input.value());
            state.set(next);
        });
        html! {
            <input class="input-narrow num" inputmode="decimal" data-testid={testid.clone()}
                   id={testid} {value} {oninput} disabled={busy} aria-label={i18n.t(T::RqQuantity)} />
        }
    };

    let issue = {
        let (rc, issue_q, warehouse, rid, version) = (
            rc.clone(),
            issue_q.clone(),
            warehouse.clone(),
            r.id,
            r.version,
        );
        let lines = r.lines.clone();
        let who = recipient_value.clone();
        let done = i18n.t(T::RqIssued2).to_owned();
        Callback::from(move |_: MouseEvent| {
            let body = IssueInput {
                warehouse_id: Uuid::parse_str(&warehouse).unwrap_or_default(),
                recipient: who.clone(),
                lines: typed(&lines, &issue_q),
                note: None,
            };
            let (done, issue_q) = (done.clone(), issue_q.clone());
            issue_q.set(HashMap::new());
            rc.run(api::issue(rid, version, body), move |_| done);
        })
    };
    let give_back = {
        let (rc, return_q, warehouse, rid, version) = (
            rc.clone(),
            return_q.clone(),
            warehouse.clone(),
            r.id,
            r.version,
        );
        let lines = r.lines.clone();
        let done = i18n.t(T::RqReturnedDone).to_owned();
        Callback::from(move |_: MouseEvent| {
            let body = ReturnInput {
                warehouse_id: Uuid::parse_str(&warehouse).unwrap_or_default(),
                lines: typed(&lines, &return_q),
                bin: None,
                note: None,
            };
            let done = done.clone();
            return_q.set(HashMap::new());
            rc.run(api::return_parts(rid, version, body), move |_| done);
        })
    };
    let exchange = {
        let (rc, exchange_q, exchange_reason, warehouse, rid, version) = (
            rc.clone(),
            exchange_q.clone(),
            exchange_reason.clone(),
            warehouse.clone(),
            r.id,
            r.version,
        );
        let lines = r.lines.clone();
        let who = recipient_value.clone();
        let done = i18n.t(T::RqExchangedDone).to_owned();
        Callback::from(move |_: MouseEvent| {
            let body = ExchangeInput {
                warehouse_id: Uuid::parse_str(&warehouse).unwrap_or_default(),
                recipient: who.clone(),
                lines: typed(&lines, &exchange_q),
                reason: exchange_reason.trim().to_owned(),
            };
            let (done, exchange_reason) = (done.clone(), exchange_reason.clone());
            exchange_q.set(HashMap::new());
            rc.run(api::exchange(rid, version, body), move |_| {
                exchange_reason.set(String::new());
                done
            });
        })
    };
    let cancel_dialog = (*cancelling).then(|| {
        let confirm = {
            let (rc, cancelling, rid, version) = (rc.clone(), cancelling.clone(), r.id, r.version);
            let done = i18n.t(T::RqCancelledDone).to_owned();
            Callback::from(move |reason: String| {
                let (done, cancelling) = (done.clone(), cancelling.clone());
                rc.run(api::cancel(rid, version, CancelInput { reason }), move |_| {
                    cancelling.set(false);
                    done
                });
            })
        };
        let close = {
            let (cancelling, failure) = (cancelling.clone(), rc.cmd.failure.clone());
            Callback::from(move |_: ()| {
                failure.set(None);
                cancelling.set(false);
            })
        };
        html! {
            <ReasonDialog id="requisition-cancel" title={i18n.t(T::RqCancelTitle)} body={i18n.t(T::RqCancelBody)}
                          label={i18n.t(T::RqCancelReason)} confirm_label={i18n.t(T::RqCancelButton)} danger=true
                          busy={busy} error={(*rc.cmd.failure).clone()}
                          on_confirm={confirm} on_cancel={close} />
        }
    });
    let open_cancel = {
        let (cancelling, failure) = (cancelling.clone(), rc.cmd.failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            cancelling.set(true);
        })
    };
    let source = match r.source {
        RequisitionSource::Report => T::RqFromReport,
        RequisitionSource::Engineer => T::RqFromEngineer,
    };
    let can_issue = may(Command::IssueParts);
    let can_return = may(Command::ReturnParts);
    let can_exchange = may(Command::ExchangeParts);
    let rows = r.lines.iter().map(|l| {
        let name = l.part_number.clone().unwrap_or_default();
        let key = name.clone();
        html! {
            <tr data-testid={format!("requisition-line-{key}")} class={classes!((l.short > Decimal::ZERO).then_some("row-overdue"))}>
                <td class="mono">{ name }</td>
                <td>
                    { &l.name }
                    if !l.issuable {
                        <div class="muted" data-testid="line-not-issuable">{ i18n.t(T::RqNotInCatalog) }</div>
                    }
                </td>
                <td class="num">{ qty(l.requested) }{ " " }{ l.unit.clone().unwrap_or_default() }</td>
                <td class="num" data-testid="line-issued">{ qty(l.issued) }</td>
                <td class="num" data-testid="line-returned">{ qty(l.returned) }</td>
                <td class="num" data-testid="line-exchanged">{ qty(l.exchanged) }</td>
                <td class="num" data-testid="line-short">
                    if l.short > Decimal::ZERO {
                        { crate::components::status_badge::badge(crate::components::status_badge::Tone::Danger, &format!("{} {}", i18n.t(T::RqShortFlag), qty(l.short)), Some("line-short-badge".into())) }
                    } else {
                        { "0" }
                    }
                </td>
                <td class="num" data-testid="line-outstanding">{ qty(l.outstanding) }</td>
                if can_issue {
                    <td class="nowrap">
                        if l.issuable && l.outstanding > Decimal::ZERO {
                            { quantity_input(&issue_q, l, format!("issue-qty-{key}")) }
                            if let Some(h) = on_hand(l.part_id) {
                                <span class="muted" data-testid={format!("on-hand-{key}")}>{ " " }{ i18n.f(T::RqOnHand, &[&qty(h)]) }</span>
                            }
                        }
                    </td>
                }
                if can_return {
                    <td class="nowrap">
                        if l.issued > l.returned {
                            { quantity_input(&return_q, l, format!("return-qty-{key}")) }
                        }
                    </td>
                }
                if can_exchange {
                    <td class="nowrap">
                        if l.issued > l.returned {
                            { quantity_input(&exchange_q, l, format!("exchange-qty-{key}")) }
                        }
                    </td>
                }
            </tr>
        }
    });
    let recipient_field = {
        let state = recipient.clone();
        text_field(
            &i18n,
            &yew::props!(TextFieldProps {
                id: "issue-recipient",
                label: i18n.t(T::RqRecipient),
                value: recipient_value.clone(),
                oninput: Callback::from(move |v: String| state.set(Some(v))),
                required: true,
            }),
        )
    };
    let reason_field = {
        let state = exchange_reason.clone();
        text_area(
            &i18n,
            &yew::props!(TextFieldProps {
                id: "exchange-reason",
                label: i18n.t(T::RqExchangeReason),
                value: (*exchange_reason).clone(),
                oninput: Callback::from(move |v: String| state.set(v)),
                required: true,
                rows: 2,
                maxlength: 500,
                error: rc.cmd.err(&i18n, "reason"),
            }),
        )
    };
    html! {
        <div class="page" data-testid="requisition-page">
            <header class="page-header">
                <h1>{ i18n.f(T::RequisitionTitle, &[&r.number]) }</h1>
                { status_badge(&i18n, &r) }
                if may(Command::CancelRequisition) {
                    <button type="button" class="btn btn-danger-ghost" data-testid="requisition-cancel" onclick={open_cancel} disabled={busy}>{ i18n.t(T::RqCancelButton) }</button>
                }
            </header>
            { rc.notices(&i18n, ("requisition-flash", "requisition-error"), *cancelling) }
            { for cancel_dialog }
            <section class="panel">
                <dl class="dl">
                    { dl_row(i18n.t(T::RqWorkOrder), html! { <span class="mono" data-testid="requisition-work-order">{ &r.work_order_number }</span> }) }
                    { dl_row(i18n.t(T::RqRequest), link_cell(Route::ServiceRequestDetail { id: r.request_id.to_string() }, &r.request_number)) }
                    if let (Some(mid), Some(serial)) = (r.machine_id, r.machine_serial.as_ref()) {
                        { dl_row(i18n.t(T::RqMachine), html! { <span data-testid="requisition-machine">{ link_cell(Route::MachineDetail { id: mid.to_string() }, serial) }</span> }) }
                    }
                    { dl_row(i18n.t(T::RqCustomer), html! { r.customer_name.clone().unwrap_or_default() }) }
                    { dl_row(i18n.t(T::RqEngineer), html! { &r.engineer_name }) }
                    { dl_row(i18n.t(T::RqSource), html! { i18n.t(source) }) }
                    if let Some(reason) = &r.cancel_reason {
                        { dl_row(i18n.t(T::RqCancelReason), html! { <span class="pre" data-testid="requisition-cancel-reason">{ reason }</span> }) }
                    }
                </dl>
            </section>
            <section class="panel" data-testid="requisition-lines">
                <h2>{ i18n.t(T::RqLines) }</h2>
                if can_issue || can_return || can_exchange {
                    { warehouse_select("requisition-warehouse", T::RqWarehouse) }
                }
                <table class="table">
                    <thead><tr>
                        <th>{ i18n.t(T::RqPart) }</th>
                        <th></th>
                        <th class="num">{ i18n.t(T::RqRequested) }</th>
                        <th class="num">{ i18n.t(T::RqIssued) }</th>
                        <th class="num">{ i18n.t(T::RqReturned) }</th>
                        <th class="num">{ i18n.t(T::RqExchanged) }</th>
                        <th class="num">{ i18n.t(T::RqShort) }</th>
                        <th class="num">{ i18n.t(T::RqOutstanding) }</th>
                        if can_issue { <th>{ i18n.t(T::RqIssueTitle) }</th> }
                        if can_return { <th>{ i18n.t(T::RqReturnTitle) }</th> }
                        if can_exchange { <th>{ i18n.t(T::RqExchangeTitle) }</th> }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if r.short {
                    <p class="muted" data-testid="requisition-short-note">{ i18n.t(T::RqShortNote) }</p>
                }
                if can_issue || can_exchange {
                    { recipient_field }
                }
                if can_issue {
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" data-testid="issue-submit" onclick={issue} disabled={busy || chosen.is_none()}>{ i18n.t(T::RqIssueButton) }</button>
                        if can_return {
                            <button type="button" class="btn" data-testid="return-submit" onclick={give_back} disabled={busy || chosen.is_none()}>{ i18n.t(T::RqReturnButton) }</button>
                        }
                    </div>
                } else if can_return {
                    <div class="toolbar">
                        <button type="button" class="btn" data-testid="return-submit" onclick={give_back} disabled={busy || chosen.is_none()}>{ i18n.t(T::RqReturnButton) }</button>
                    </div>
                }
            </section>
            if can_exchange {
                <section class="panel" data-testid="requisition-exchange" aria-labelledby="requisition-exchange-h">
                    <h2 id="requisition-exchange-h">{ i18n.t(T::RqExchangeTitle) }</h2>
                    <p class="hint">{ i18n.t(T::RqExchangeHint) }</p>
                    { reason_field }
                    <div class="toolbar">
                        <button type="button" class="btn" data-testid="exchange-submit" onclick={exchange} disabled={busy || chosen.is_none()}>{ i18n.t(T::RqExchangeButton) }</button>
                    </div>
                </section>
            }
        </div>
    }
}
