//! The reorder suggestions (补货建议): parts whose on hand plus on order is
//! below their reorder point, with the suggested quantity; the chosen ones
//! become one purchase request (`origin: reorder`).

use super::API;
use crate::components::loading;
use crate::components::{ErrorBannerProps, error_banner};
use crate::hooks::{Remote, use_api_reload, use_form, use_i18n};
use crate::i18n::T;
use crate::pages::master::common::use_can;
use crate::route::Route;
use crate::services::requests::Call;
use furrow_domain::parts::purchasing::{NewPurchaseRequest, PurchaseLineInput};
use furrow_domain::parts::{PurchaseOrigin, PurchaseRequestView, ReorderSuggestion};
use furrow_domain::{Page, Permission};
use std::collections::BTreeSet;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component(SuggestionsPage)]
pub fn suggestions_page() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let can_request = use_can(Permission::ViewPurchasing);
    let (list, on_reload) = use_api_reload((), |_| {
        Call::get("/parts/reorder-suggestions")
            .query("limit", 200)
            .fetch::<Page<ReorderSuggestion>>()
    });
    let form = use_form(BTreeSet::<Uuid>::new);
    let items = match &*list {
        Remote::Ready(p) => p.items.clone(),
        Remote::Loading => return html! { <div class="page">{ loading(&i18n) }</div> },
        Remote::Failed(e) => {
            let props = yew::props!(ErrorBannerProps {
                error: e.clone(),
                on_retry: on_reload.clone()
            });
            return html! { <div class="page">{ error_banner(&i18n, &props) }</div> };
        }
    };
    let onsubmit = {
        let (form, items) = (form.clone(), items.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen = (*form.draft).clone();
            let body = NewPurchaseRequest {
                origin: PurchaseOrigin::Reorder,
                work_order_id: None,
                requisition_id: None,
                lines: items
                    .iter()
                    .filter(|s| chosen.contains(&s.part_id))
                    .map(|s| PurchaseLineInput {
                        part_id: s.part_id,
                        quantity: s.suggested,
                    })
                    .collect(),
                note: None,
            };
            let navigator = navigator.clone();
            form.submit(
                Call::post(API).json(&body).fetch::<PurchaseRequestView>(),
                move |made| {
                    if let Some(n) = navigator {
                        n.push(&Route::PurchaseDetail {
                            id: made.id.to_string(),
                        });
                    }
                },
            );
        })
    };
    let chosen = (*form.draft).clone();
    let busy = *form.busy;
    html! {
        <div class="page" data-testid="suggestions-page">
            <p><Link<Route> to={Route::Purchasing}>{ format!("← {}", i18n.t(T::PurchasingTitle)) }</Link<Route>></p>
            <h1>{ i18n.t(T::SuggestionsTitle) }</h1>
            <p class="muted small">{ i18n.t(T::SgRule) }</p>
            if items.is_empty() {
                <p class="empty" data-testid="suggestions-empty">{ i18n.t(T::SgNone) }</p>
            } else {
                <form class="form" {onsubmit} novalidate=true>
                    { form.failure_banner(&i18n, &[], &on_reload, "pr-error") }
                    <table class="table" data-testid="suggestions-table">
                        <thead><tr>
                            <th></th><th>{ i18n.t(T::PrPartNumber) }</th><th>{ i18n.t(T::PrParts) }</th>
                            <th class="num">{ i18n.t(T::SgOnHand) }</th><th class="num">{ i18n.t(T::SgOnOrder) }</th>
                            <th class="num">{ i18n.t(T::SgPoint) }</th><th class="num">{ i18n.t(T::SgUsage) }</th>
                            <th class="num">{ i18n.t(T::SgSuggested) }</th>
                        </tr></thead>
                        <tbody>
                            { for items.iter().map(|s| {
                                let id = s.part_id;
                                let onchange = form.change(move |d: &mut BTreeSet<Uuid>, _: Event| {
                                    if !d.remove(&id) {
                                        d.insert(id);
                                    }
                                });
                                html! {
                                    <tr data-testid="suggestion-row">
                                        <td><input type="checkbox" checked={chosen.contains(&id)} {onchange} aria-label={s.part_number.clone()} data-testid="suggestion-pick" /></td>
                                        <td class="mono">{ &s.part_number }</td>
                                        <td>{ format!("{} {}", s.part_name, s.spec.clone().unwrap_or_default()) }</td>
                                        <td class="num">{ s.on_hand.normalize().to_string() }</td>
                                        <td class="num">{ s.on_order.normalize().to_string() }</td>
                                        <td class="num">{ s.reorder_point.normalize().to_string() }</td>
                                        <td class="num">{ s.usage_90_days.normalize().to_string() }</td>
                                        <td class="num" data-testid="suggested">{ format!("{} {}", s.suggested.normalize(), s.unit) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    if can_request {
                        <div class="form-actions">
                            <button type="submit" class="btn" disabled={busy || chosen.is_empty()} data-testid="suggestions-raise">
                                { if busy { i18n.t(T::PrSaving) } else { i18n.t(T::SgRaise) } }
                            </button>
                        </div>
                    }
                </form>
            }
        </div>
    }
}
