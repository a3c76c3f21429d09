//! The list page every master resource shares, from a small descriptor: its
//! columns (with the API's sortable names), its filters and how they become
//! the API's parameters. Filters and order live in the URL
//! ([`use_list_query`]), so back and reload keep them; the keyset pager
//! starts over when they change; Export downloads the same selection.

use super::common::{PAGE_SIZE, non_empty};
use crate::components::data_table::{Column, Listed, Table, failed, rows_table};
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{I18n, ListQuery, Remote, use_api, use_i18n, use_list_query, use_paging};
use crate::i18n::T as Label;
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::{ApiError, Call};
use furrow_domain::page::Page;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// One filter of a list's toolbar; `key` is its name in the page's URL.
pub enum Filter {
    /// Free text, applied with the search button (or Enter).
    Text {
        key: &'static str,
        label: M,
        placeholder: M,
        /// Suggestions (`<datalist>`), none when empty.
        suggest: &'static [&'static str],
        /// A narrow box.
        short: bool,
    },
    /// A choice, applied as soon as it changes; `(value, label)`, "all" first.
    Select {
        key: &'static str,
        label: M,
        choices: Vec<(&'static str, AttrValue)>,
    },
}

/// A master resource's list page.
pub struct ListSpec<T: 'static> {
    pub route: Route,
    /// The API's collection (`/customers`); the export is at `{api}/export`.
    pub api: &'static str,
    /// The prefix of the page's test ids and element ids (`customers`).
    pub name: &'static str,
    pub title: M,
    /// The "new" button, when the user may create one.
    pub create: Option<(Route, M)>,
    pub filters: Vec<Filter>,
    pub table: Table<T>,
    pub row_code: Option<fn(&T) -> String>,
    pub empty_filtered: Option<M>,
    /// The API's parameters of a URL filter (`status=active` is `active=true`).
    pub param: fn(&str, &str) -> Option<(&'static str, String)>,
}

/// The Edit buttons of a list whose user may edit; `to` is a row's edit page.
pub fn edit_column<T: 'static>(to: fn(&T) -> Route) -> Column<T> {
    Column::new("", move |i18n, row| {
        let children = html! { <>{ i18n.t(Label::Edit) }</> };
        let classes = "btn btn-small";
        app_link(&yew::props!(AppLinkProps {
            to: to(row),
            classes,
            children
        }))
    })
    .class("actions")
}

/// A URL filter passed to the API as it is.
pub fn same_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    let key = match key {
        "q" => "q",
        "province" => "province",
        "kind" => "kind",
        "category" => "category",
        "status" => "status",
        "warranty" => "warranty",
        "skill" => "skill",
        _ => return None,
    };
    Some((key, value.to_owned()))
}

/// `status=active|inactive` in the URL is the API's `active=true|false`.
pub fn active_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match (key, value) {
        ("status", "active") => Some(("active", "true".into())),
        ("status", "inactive") => Some(("active", "false".into())),
        ("status", _) => None,
        _ => same_param(key, value),
    }
}

/// The active/inactive choice every master list offers.
pub fn status_filter(i18n: &I18n) -> Filter {
    Filter::Select {
        key: "status",
        label: M::Status,
        choices: vec![
            ("", i18n.m(M::All).into()),
            ("active", i18n.m(M::Active).into()),
            ("inactive", i18n.m(M::Inactive).into()),
        ],
    }
}

/// The API parameters of a list query: its filters and its order.
fn api_params(
    query: &ListQuery,
    param: fn(&str, &str) -> Option<(&'static str, String)>,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<_> = query.filters().filter_map(|(k, v)| param(k, v)).collect();
    if let Some((column, desc)) = query.sort() {
        out.push(("sort", column.to_owned()));
        out.push(("dir", if desc { "desc" } else { "asc" }.to_owned()));
    }
    out
}

fn call(path: String, params: &[(&'static str, String)]) -> Call {
    params
        .iter()
        .fold(Call::get(path), |c, (k, v)| c.query(k, v))
}

/// Hands `bytes` to the browser as the file `name`.
pub fn save_file(name: &str, bytes: &[u8]) -> Result<(), ()> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let a: HtmlElement = doc
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    let body = doc.body().ok_or(())?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The list page of `spec`. Only reading and showing the rows depend on
/// the row type ([`Rows`]); the page itself is one non-generic hook
/// ([`use_list_page`]) for every master list.
#[hook]
pub fn use_master_list<R: DeserializeOwned + 'static>(spec: ListSpec<R>) -> Html {
    let ListSpec {
        route,
        api,
        name,
        title,
        create,
        filters,
        table,
        row_code,
        empty_filtered,
        param,
    } = spec;
    let page = ListPage {
        route,
        api,
        name,
        title,
        create,
        filters,
        empty_filtered,
        param,
    };
    use_list_page(page, Rc::new(Typed { table, row_code }))
}

/// A [`ListSpec`] without its row type.
struct ListPage {
    route: Route,
    api: &'static str,
    name: &'static str,
    title: M,
    create: Option<(Route, M)>,
    filters: Vec<Filter>,
    empty_filtered: Option<M>,
    param: fn(&str, &str) -> Option<(&'static str, String)>,
}

/// A page of rows of the list's own type, which only its [`Rows`] knows.
#[derive(Clone)]
struct Loaded {
    rows: Rc<dyn Any>,
    next: Option<String>,
    total: Option<u64>,
}

/// What a list page does with its row type: read a page of rows, show them.
trait Rows {
    /// A page of rows from `call`.
    fn fetch(&self, call: Call) -> LocalBoxFuture<'static, Result<Loaded, ApiError>>;
    /// The table of `rows` (what [`Rows::fetch`] read); `empty_filtered` is
    /// what it says when the filters leave nothing.
    fn show(
        &self,
        i18n: &I18n,
        rows: &dyn Any,
        query: &ListQuery,
        empty_filtered: Option<AttrValue>,
    ) -> Html;
}

/// The rows of `R`: its table and the code each row carries.
struct Typed<R: 'static> {
    table: Table<R>,
    row_code: Option<fn(&R) -> String>,
}

impl<R: DeserializeOwned + 'static> Rows for Typed<R> {
    fn fetch(&self, call: Call) -> LocalBoxFuture<'static, Result<Loaded, ApiError>> {
        Box::pin(async move {
            let page = call.fetch::<Page<R>>().await?;
            Ok(Loaded {
                rows: Rc::new(page.items),
                next: page.next_cursor,
                total: page.total,
            })
        })
    }

    fn show(
        &self,
        i18n: &I18n,
        rows: &dyn Any,
        query: &ListQuery,
        empty_filtered: Option<AttrValue>,
    ) -> Html {
        let items = rows.downcast_ref::<Vec<R>>().map_or(&[][..], Vec::as_slice);
        let listed = Listed {
            query,
            row_code: self.row_code,
            empty_filtered,
        };
        rows_table(i18n, items, &self.table, Some(&listed))
    }
}

/// The list page of `spec`, whatever its rows.
#[hook]
fn use_list_page(spec: ListPage, rows: Rc<dyn Rows>) -> Html {
    let i18n = use_i18n();
    let query = use_list_query(spec.route.clone());
    let paging = use_paging(&query);
    let reload = use_state(|| 0u32);
    let params = api_params(&query, spec.param);
    let data = {
        let (api, rows) = (spec.api, rows.clone());
        use_api(
            (params.clone(), paging.cursor(), *reload),
            move |(params, cursor, _)| {
                let mut c = call(api.to_owned(), &params)
                    .query("limit", PAGE_SIZE)
                    .query("total", "true");
                if let Some(cursor) = cursor {
                    c = c.query("cursor", cursor);
                }
                rows.fetch(c)
            },
        )
    };
    // What is typed in the text filters, applied on submit.
    let typed = use_state(BTreeMap::<&'static str, String>::new);
    let text_keys: Vec<&'static str> = spec
        .filters
        .iter()
        .filter_map(|f| match f {
            Filter::Text { key, .. } => Some(*key),
            Filter::Select { .. } => None,
        })
        .collect();
    {
        // Back/forward changes the URL: show its filters in the boxes.
        let typed = typed.clone();
        let shown: BTreeMap<&'static str, String> = text_keys
            .iter()
            .map(|k| (*k, query.get(k).unwrap_or_default().to_owned()))
            .collect();
        use_effect_with(shown, move |shown| typed.set(shown.clone()));
    }
    let exporting = use_state(|| None::<Result<(), ApiError>>);
    let onsubmit = {
        let (query, typed, keys) = (query.clone(), typed.clone(), text_keys.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let changes: Vec<_> = keys
                .iter()
                .map(|k| (*k, typed.get(k).and_then(|v| non_empty(v))))
                .collect();
            query.set(&changes);
        })
    };
    let export = |format: &'static str| {
        let (api, name, lang) = (spec.api, spec.name, i18n.lang.tag());
        let (params, exporting) = (params.clone(), exporting.clone());
        Callback::from(move |_: MouseEvent| {
            let c = call(format!("{api}/export"), &params)
                .query("format", format)
                .header("Accept-Language", lang);
            let exporting = exporting.clone();
            exporting.set(Some(Ok(())));
            spawn_local(async move {
                match c.bytes().await {
                    Ok(bytes) => {
                        let _ = save_file(&format!("{name}.{format}"), &bytes);
                        exporting.set(None);
                    }
                    Err(e) => exporting.set(Some(Err(e))),
                }
            });
        })
    };
    let name = spec.name;
    let toolbar_filters = spec.filters.iter().map(|f| match f {
        Filter::Text { key, label, placeholder, suggest, short } => {
            let id = format!("{name}-{key}");
            let list = format!("{id}-suggest");
            let oninput = {
                let (typed, key) = (typed.clone(), *key);
                Callback::from(move |e: InputEvent| {
                    if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                        let mut next = (*typed).clone();
                        next.insert(key, i.value());
                        typed.set(next);
                    }
                })
            };
            html! {
                <>
                    <label class="sr-only" for={id.clone()}>{ i18n.m(*label) }</label>
                    <input id={id.clone()} type="search" data-testid={id.clone()}
                           class={classes!(short.then_some("input-short"))}
                           list={(!suggest.is_empty()).then(|| list.clone())}
                           value={typed.get(key).cloned().unwrap_or_default()}
                           placeholder={i18n.m(*placeholder)} {oninput} />
                    if !suggest.is_empty() {
                        <datalist id={list}>{ for suggest.iter().map(|p| html! { <option value={*p} /> }) }</datalist>
                    }
                </>
            }
        }
        Filter::Select { key, label, choices } => {
            let id = format!("{name}-{key}");
            let current = query.get(key).unwrap_or_default().to_owned();
            let onchange = {
                let (query, key) = (query.clone(), *key);
                Callback::from(move |e: Event| {
                    if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                        query.set(&[(key, non_empty(&s.value()))]);
                    }
                })
            };
            html! {
                <>
                    <label for={id.clone()}>{ i18n.m(*label) }</label>
                    <select id={id.clone()} data-testid={id} {onchange}>
                        { for choices.iter().map(|(v, l)| html! {
                            <option value={*v} selected={current == *v}>{ l.clone() }</option>
                        }) }
                    </select>
                </>
            }
        }
    });
    let toolbar_filters: Html = toolbar_filters.collect();
    let on_clear = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.clear())
    };
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let (table, next, total) = match &*data {
        Remote::Loading => (loading(&i18n), None, None),
        Remote::Failed(e) => (failed(&i18n, e, Some(&retry)), None, None),
        Remote::Ready(loaded) => {
            let empty_filtered = spec.empty_filtered.map(|m| i18n.m(m).into());
            let table = rows.show(&i18n, &*loaded.rows, &query, empty_filtered);
            (table, loaded.next.clone(), loaded.total)
        }
    };
    let busy = matches!(*exporting, Some(Ok(())));
    html! {
        <div class="page" data-testid={format!("{name}-page")}>
            <header class="page-header">
                <h1>{ i18n.m(spec.title) }</h1>
                <div class="header-actions">
                    <button type="button" class="btn" disabled={busy} data-testid={format!("{name}-export-csv")}
                            onclick={export("csv")}>{ i18n.m(M::ExportCsv) }</button>
                    <button type="button" class="btn" disabled={busy} data-testid={format!("{name}-export-xlsx")}
                            onclick={export("xlsx")}>{ i18n.m(M::ExportXlsx) }</button>
                    if let Some((to, label)) = spec.create.clone() {
                        { app_link(&yew::props!(AppLinkProps { to, classes: "btn btn-primary", testid: format!("{name}-new"), children: html! { <>{ i18n.m(label) }</> } })) }
                    }
                </div>
            </header>
            if let Some(Err(e)) = &*exporting {
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) }
            }
            if !spec.filters.is_empty() {
                <form class="toolbar" role="search" {onsubmit}>
                    { toolbar_filters }
                    if !text_keys.is_empty() {
                        <button type="submit" class="btn" data-testid={format!("{name}-search")}>{ i18n.t(Label::Search) }</button>
                    }
                    if query.is_filtered() {
                        <button type="button" class="btn btn-ghost" onclick={on_clear} data-testid={format!("{name}-clear")}>
                            { i18n.t(Label::Clear) }
                        </button>
                    }
                </form>
            }
            { table }
            { paging.pager(&i18n, next, total, matches!(*data, Remote::Loading)) }
        </div>
    }
}
