//! 申领配件 on the engineer's work order page: the parts asked for on the
//! work order (each requisition with its lines: requested, issued, short) and,
//! when the work order's `actions` offer `create_requisition`, a form asking
//! for one catalog part (found by number or name), a quantity and a note.

use super::report_form::decimal;
use crate::components::form::{FieldErrors, TextFieldProps, text_area, text_field};
use crate::components::lookup::{Found, LookupBox, use_lookup};
use crate::components::remote::remote;
use crate::components::{NoticeKind, NoticeProps, notice};
use crate::hooks::{I18n, use_api_reload, use_form, use_i18n};
use crate::i18n::T;
use crate::pages::parts::badge_of;
use crate::services::requisitions::{
    PartBrief, RequisitionBrief, find_parts, of_work_order, request_parts,
};
use furrow_domain::FieldError;
use furrow_domain::parts::{RequisitionInput, RequisitionLineInput};
use rust_decimal::Decimal;
use uuid::Uuid;
use yew::prelude::*;

const PART: &str = "lines[0].part_id";
const QUANTITY: &str = "lines[0].quantity";

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    part: Option<PartBrief>,
    quantity: String,
    note: String,
}

impl Draft {
    /// The request, or why the form cannot send it yet.
    fn body(&self) -> Result<RequisitionInput, FieldErrors> {
        let refusal = |field: &str, code: &str| FieldError {
            field: field.into(),
            code: code.into(),
            message: String::new(),
        };
        let mut errors = Vec::new();
        let quantity = decimal(&self.quantity);
        if self.part.is_none() {
            errors.push(refusal(PART, "required"));
        }
        if self.quantity.trim().is_empty() {
            errors.push(refusal(QUANTITY, "required"));
        } else if quantity.is_none() {
            errors.push(refusal(QUANTITY, "not_a_number"));
        }
        let (Some(part), Some(quantity)) = (&self.part, quantity) else {
            return Err(FieldErrors(errors));
        };
        Ok(RequisitionInput {
            lines: vec![RequisitionLineInput {
                part_id: part.id,
                quantity,
            }],
            note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty()),
        })
    }
}

fn qty(d: Decimal) -> String {
    d.normalize().to_string()
}

fn requisition_card(i18n: &I18n, r: &RequisitionBrief) -> Html {
    let lines = r.lines.iter().map(|l| {
        let unit = l.unit.clone().unwrap_or_default();
        html! {
            <li key={l.id.to_string()} data-testid={format!("wo-rq-line-{}", l.part_number.clone().unwrap_or_default())}>
                <div><span class="mono">{ l.part_number.clone().unwrap_or_default() }</span>{ " " }{ &l.name }</div>
                <div class="muted">
                    { format!("{} {} {unit}", i18n.t(T::RqRequested), qty(l.requested)) }
                    { " · " }<span data-testid="wo-rq-issued">{ format!("{} {}", i18n.t(T::RqIssued), qty(l.issued)) }</span>
                    if l.short > Decimal::ZERO {
                        { " · " }<strong class="text-danger" data-testid="wo-rq-short">{ format!("{} {}", i18n.t(T::RqShortFlag), qty(l.short)) }</strong>
                    }
                </div>
            </li>
        }
    });
    html! {
        <li class="wo-card" key={r.id.to_string()} data-testid={format!("wo-rq-{}", r.number)}>
            <div class="wo-card-head">
                <span class="mono">{ &r.number }</span>
                { badge_of(i18n, r.status, &r.number, r.short) }
            </div>
            <ul class="wo-rq-lines">{ for lines }</ul>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct PartsRequestProps {
    pub work_order_id: Uuid,
    /// The work order's `actions` offer `create_requisition`.
    pub can_request: bool,
}

#[function_component(PartsRequestPanel)]
pub fn parts_request_panel(props: &PartsRequestProps) -> Html {
    let PartsRequestProps {
        work_order_id,
        can_request,
    } = *props;
    let i18n = use_i18n();
    let (list, reload) = use_api_reload(work_order_id, of_work_order);
    let form = use_form(Draft::default);
    let lookup = use_lookup::<PartBrief>();
    let flash = use_state(|| None::<String>);
    let d = (*form.draft).clone();
    let busy = *form.busy;

    let send = {
        let (form, reload, flash, lookup, i18n) = (
            form.clone(),
            reload.clone(),
            flash.clone(),
            lookup.clone(),
            i18n.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            match form.draft.body() {
                Err(errors) => form.refuse(errors),
                Ok(body) => {
                    let (reload, flash, draft, lookup, i18n) = (
                        reload.clone(),
                        flash.clone(),
                        form.draft.clone(),
                        lookup.clone(),
                        i18n.clone(),
                    );
                    form.submit(request_parts(work_order_id, &body), move |r| {
                        flash.set(Some(i18n.f(T::RqRequestSent, &[&r.number])));
                        draft.set(Draft::default());
                        lookup.reset();
                        reload.emit(());
                    });
                }
            }
        })
    };
    let picker = match &d.part {
        Some(p) => {
            let clear = form.change(|d: &mut Draft, _: MouseEvent| d.part = None);
            html! {
                <div class="field">
                    <label>{ i18n.t(T::RqPart) }</label>
                    <div class="inline-search" data-testid="wo-rq-part">
                        <span><span class="mono">{ &p.part_number }</span>{ " " }{ &p.name }</span>
                        <button type="button" class="btn btn-small" data-testid="wo-rq-part-change" onclick={clear} disabled={busy}>{ i18n.t(T::RqChangePart) }</button>
                    </div>
                </div>
            }
        }
        None => lookup.view(
            &i18n,
            LookupBox {
                id: "wo-rq-part",
                label: i18n.t(T::RqPart),
                placeholder: i18n.t(T::RqFindPartHint),
                find: i18n.t(T::RqFindPart),
                none: i18n.t(T::RqNoPartFound),
                required: true,
                error: form.err(&i18n, PART),
            },
            find_parts,
            |p: &PartBrief| {
                let (draft, lookup, p2) = (form.draft.clone(), lookup.clone(), p.clone());
                Found {
                    key: p.id.to_string(),
                    testid: Some(format!("wo-rq-pick-{}", p.part_number)),
                    body: html! { <><span class="mono">{ &p.part_number }</span>{ " " }{ &p.name }{ " · " }{ &p.unit }</> },
                    onclick: Callback::from(move |_: MouseEvent| {
                        let mut next = (*draft).clone();
                        next.part = Some(p2.clone());
                        draft.set(next);
                        lookup.close();
                    }),
                }
            },
        ),
    };
    let unit = d.part.as_ref().map(|p| p.unit.clone());
    let form_view = can_request.then(|| html! {
        <div class="parts-request-form" data-testid="wo-rq-form">
            <h3>{ i18n.t(T::RqAskTitle) }</h3>
            { picker }
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "wo-rq-quantity", label: i18n.t(T::RqAskQuantity), value: d.quantity.clone(), oninput: form.edit(|d, v| d.quantity = v), required: true, error: form.err(&i18n, QUANTITY), hint: unit.map(AttrValue::from), maxlength: 12 })) }
            { text_area(&i18n, &yew::props!(TextFieldProps { id: "wo-rq-note", label: i18n.t(T::RqAskNote), value: d.note.clone(), oninput: form.edit(|d, v| d.note = v), optional: true, rows: 2, maxlength: 2000 })) }
            { form.failure_banner(&i18n, &[PART, QUANTITY, "note"], &reload, "wo-rq-error") }
            <button type="button" class="btn btn-primary btn-big" data-testid="wo-rq-submit" onclick={send} disabled={busy}>{ i18n.t(T::RqAskButton) }</button>
        </div>
    });
    let listed = remote(&i18n, &list, Some(&reload), |p| {
        if p.items.is_empty() {
            return html! { <p class="muted" data-testid="wo-rq-none">{ i18n.t(T::RqAskNone) }</p> };
        }
        html! { <ul class="wo-list" data-testid="wo-rq-list">{ for p.items.iter().map(|r| requisition_card(&i18n, r)) }</ul> }
    });
    html! {
        <section class="panel step no-print" aria-labelledby="wo-rq-h" data-testid="wo-parts">
            <h2 id="wo-rq-h">{ i18n.t(T::RqAskPanel) }</h2>
            { for (*flash).clone().map(|text| notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text, testid: "wo-rq-flash" }))) }
            { listed }
            { for form_view }
        </section>
    }
}
