//! A purchase request by hand (手工采购申请): lines of a part number and a
//! quantity, and a note; the part numbers are found in the catalog when the
//! request is sent.

use super::API;
use crate::components::form::FieldErrors;
use crate::hooks::use_form;
use crate::hooks::use_i18n;
use crate::i18n::T;
use crate::route::Route;
use crate::services::requests::{ApiError, Call};
use furrow_domain::parts::purchasing::{NewPurchaseRequest, PurchaseLineInput};
use furrow_domain::parts::{PartView, PurchaseOrigin, PurchaseRequestView};
use furrow_domain::{FieldError, Page, Problem};
use rust_decimal::Decimal;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Draft {
    lines: Vec<(String, String)>,
    note: String,
}

fn value(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn field_error(field: String, code: &str, message: &str) -> FieldError {
    FieldError {
        field,
        code: code.into(),
        message: message.into(),
    }
}

/// The part whose number is exactly `number`, if the catalog has it.
async fn part_by_number(number: &str) -> Result<Option<PartView>, ApiError> {
    let page: Page<PartView> = Call::get("/parts")
        .query("q", number)
        .query("limit", 20)
        .fetch()
        .await?;
    Ok(page
        .items
        .into_iter()
        .find(|p| p.part_number.eq_ignore_ascii_case(number)))
}

#[function_component(NewPurchasePage)]
pub fn new_purchase_page() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let form = use_form(|| Draft {
        lines: vec![(String::new(), String::new())],
        note: String::new(),
    });
    let onsubmit = {
        let (form, navigator) = (form.clone(), navigator.clone());
        let not_found = i18n.t(T::PrPartNotFound);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = (*form.draft).clone();
            let mut errors = Vec::new();
            let mut wanted = Vec::new();
            for (i, (number, q)) in d.lines.iter().enumerate() {
                if number.trim().is_empty() && q.trim().is_empty() {
                    continue;
                }
                match q.trim().parse::<Decimal>() {
                    Ok(q) => wanted.push((i, number.trim().to_owned(), q)),
                    Err(_) => errors.push(field_error(
                        format!("lines[{i}].quantity"),
                        "invalid",
                        "a quantity",
                    )),
                }
            }
            if !errors.is_empty() {
                return form.refuse(FieldErrors(errors));
            }
            let note = Some(d.note.trim().to_owned()).filter(|n| !n.is_empty());
            let navigator = navigator.clone();
            let call = async move {
                let mut lines = Vec::new();
                let mut missing = Vec::new();
                for (i, number, quantity) in wanted {
                    match part_by_number(&number).await? {
                        Some(p) => lines.push(PurchaseLineInput {
                            part_id: p.id,
                            quantity,
                        }),
                        None => missing.push(field_error(
                            format!("lines[{i}].part_id"),
                            "not_found",
                            not_found,
                        )),
                    }
                }
                if !missing.is_empty() {
                    let mut problem = Problem::new(422, "validation_failed", "", None);
                    problem.errors = missing;
                    return Err(ApiError {
                        problem,
                        retry_after_secs: None,
                        body: None,
                    });
                }
                let body = NewPurchaseRequest {
                    origin: PurchaseOrigin::Manual,
                    work_order_id: None,
                    requisition_id: None,
                    lines,
                    note,
                };
                Call::post(API)
                    .json(&body)
                    .fetch::<PurchaseRequestView>()
                    .await
            };
            form.submit(call, move |made| {
                if let Some(n) = navigator {
                    n.push(&Route::PurchaseDetail {
                        id: made.id.to_string(),
                    });
                }
            });
        })
    };
    let d = (*form.draft).clone();
    let add =
        form.change(|d: &mut Draft, _: MouseEvent| d.lines.push((String::new(), String::new())));
    let busy = *form.busy;
    html! {
        <div class="page" data-testid="new-purchase-page">
            <p><Link<Route> to={Route::Purchasing}>{ format!("← {}", i18n.t(T::PurchasingTitle)) }</Link<Route>></p>
            <h1>{ i18n.t(T::NewPurchase) }</h1>
            <form class="form" {onsubmit} novalidate=true data-testid="new-purchase-form">
                { form.failure_banner(&i18n, &[], &Callback::noop(), "pr-error") }
                { for d.lines.iter().enumerate().map(|(i, (number, q))| {
                    let on_number = form.change(move |d: &mut Draft, v: String| d.lines[i].0 = v).reform(value);
                    let on_q = form.change(move |d: &mut Draft, v: String| d.lines[i].1 = v).reform(value);
                    html! {
                        <div class="field-row" data-testid="pr-new-line">
                            <div class="field">
                                <label for={format!("pr-part-{i}")}>{ i18n.t(T::PrPartNumber) }</label>
                                <input id={format!("pr-part-{i}")} type="text" value={number.clone()} oninput={on_number} data-testid="pr-new-part" />
                            </div>
                            <div class="field">
                                <label for={format!("pr-qty-{i}")}>{ i18n.t(T::PrQuantity) }</label>
                                <input id={format!("pr-qty-{i}")} type="text" inputmode="decimal" value={q.clone()} oninput={on_q} data-testid="pr-new-quantity" />
                            </div>
                        </div>
                    }
                }) }
                <p><button type="button" class="btn btn-ghost" onclick={add} data-testid="pr-add-line">{ i18n.t(T::PrAddLine) }</button></p>
                <div class="field">
                    <label for="pr-new-note">{ i18n.t(T::PrNoteText) }</label>
                    <input id="pr-new-note" type="text" value={d.note.clone()} oninput={form.edit(|d, v| d.note = v).reform(value)} data-testid="pr-new-note" />
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={busy} data-testid="pr-new-submit">
                        { if busy { i18n.t(T::PrSaving) } else { i18n.t(T::PrSave) } }
                    </button>
                </div>
            </form>
        </div>
    }
}
