//! Opening a stock-take: the warehouse, optionally some of its bins (typed,
//! its bins listed under the field) or part categories, and a note. The
//! API freezes the books and the count sheet opens.

use crate::components::form::{
    Choice, SelectFieldProps, TextFieldProps, check_grid, select_field, text_field,
};
use crate::components::record_page::{RecordFrame, record_page};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::part_category;
use crate::route::Route;
use crate::services::requests::{Call, new_nonce};
use crate::services::stocktakes as api;
use furrow_domain::Page;
use furrow_domain::parts::{PartCategory, StocktakeInput, WarehouseView};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::use_navigator;

/// Fields the form shows; errors on other fields go to the banner.
const FIELDS: [&str; 4] = ["warehouse_id", "bins", "categories", "note"];

#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    warehouse: String,
    /// Bin codes separated by spaces or commas.
    bins: String,
    categories: Vec<PartCategory>,
    note: String,
}

impl Draft {
    fn input(&self) -> Option<StocktakeInput> {
        Some(StocktakeInput {
            warehouse_id: Uuid::parse_str(&self.warehouse).ok()?,
            bins: self
                .bins
                .split(|c: char| c == ',' || c == '，' || c.is_whitespace())
                .filter(|b| !b.is_empty())
                .map(str::to_owned)
                .collect(),
            categories: self.categories.clone(),
            note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty()),
        })
    }
}

#[function_component(NewStocktakePage)]
pub fn new_stocktake_page() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let nonce = use_memo((), |_| new_nonce());
    let form = use_form(Draft::default);
    let warehouses = use_api((), |_| {
        Call::get("/warehouses")
            .query("active", true)
            .query("limit", 200)
            .fetch::<Page<WarehouseView>>()
    });
    let list = match &*warehouses {
        Remote::Ready(p) => p.items.clone(),
        _ => Vec::new(),
    };
    let onsubmit = {
        let (form, nonce) = (form.clone(), nonce.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = form.draft.input() else {
                return form.refuse(crate::components::form::FieldErrors(vec![
                    furrow_domain::FieldError {
                        field: "warehouse_id".into(),
                        code: "required".into(),
                        message: "choose a warehouse".into(),
                    },
                ]));
            };
            let navigator = navigator.clone();
            form.submit(api::open(&input, &nonce), move |d| {
                if let Some(n) = navigator {
                    n.push(&Route::StocktakeDetail {
                        id: d.stocktake.id.to_string(),
                    });
                }
            });
        })
    };
    let draft = &*form.draft;
    let busy = *form.busy;
    let err = |f: &str| form.err(&i18n, f);
    let mut choices = vec![Choice::new("", i18n.t(T::StChooseWarehouse))];
    choices.extend(
        list.iter()
            .map(|w| Choice::new(w.id.to_string(), format!("{} · {}", w.code, w.name))),
    );
    let bins_hint = list
        .iter()
        .find(|w| w.id.to_string() == draft.warehouse)
        .map(|w| {
            let codes: Vec<&str> = w.bins.iter().map(|b| b.code.as_str()).collect();
            format!("{} {}", i18n.t(T::StBinsHint), codes.join(" "))
        })
        .unwrap_or_else(|| i18n.t(T::StBinsHint).to_owned());
    let on_categories = form.change(|d: &mut Draft, c: Vec<PartCategory>| d.categories = c);
    let lang = i18n.lang;
    let body = html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="stocktake-form">
            <p class="muted">{ i18n.t(T::StOpenIntro) }</p>
            { form.failure_banner(&i18n, &FIELDS, &Callback::noop(), "stocktake-form-error") }
            { select_field(&i18n, &yew::props!(SelectFieldProps { id: "stocktake-warehouse_id", label: i18n.t(T::StWarehouse), value: draft.warehouse.clone(), choices, onchange: form.edit(|d, v| d.warehouse = v), required: true, error: err("warehouse_id") })) }
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "stocktake-bins", label: i18n.t(T::StBins), optional: true, value: draft.bins.clone(), oninput: form.edit(|d, v| d.bins = v), hint: bins_hint, error: err("bins") })) }
            <fieldset class="field" data-testid="stocktake-categories">
                <legend>{ i18n.t(T::StCategories) }</legend>
                { check_grid("category", PartCategory::ALL, &draft.categories, |c| (c.as_str(), T::Master(part_category(c)).text(lang).to_owned()), &on_categories) }
            </fieldset>
            { text_field(&i18n, &yew::props!(TextFieldProps { id: "stocktake-note", label: i18n.t(T::StNote), optional: true, value: draft.note.clone(), oninput: form.edit(|d, v| d.note = v), error: err("note"), maxlength: 500 })) }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="stocktake-submit">
                    { if busy { i18n.t(T::StOpening) } else { i18n.t(T::StOpenSubmit) } }
                </button>
            </div>
        </form>
    };
    let frame = RecordFrame::new(
        "new-stocktake-page",
        (Route::Stocktakes, format!("← {}", i18n.t(T::StBackToList))),
        html! { i18n.t(T::NewStocktake) },
    );
    record_page(frame, body)
}
