//! A list page from a small descriptor: its columns (with the API's sortable
//! names), its filters and how they become the API's parameters. Filters and
//! order live in the URL ([`use_list_query`]), so back and reload keep them;
//! the keyset pager starts over when they change; Export downloads the same
//! selection.

use super::data_table::{Column, Listed, Table, failed, rows_table};
use super::dom::save_file;
use super::list_toolbar::{Filter, use_list_toolbar};
use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{I18n, ListQuery, Remote, use_api, use_i18n, use_list_query, use_paging};
use crate::i18n::T;
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::{ApiError, Call};
use furrow_domain::page::Page;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::use_navigator;

/// Rows per page.
const PAGE_SIZE: u64 = 50;

/// The API's parameter of a URL filter (`status=active` is `active=true`),
/// none for a key the API does not take.
pub type Param = fn(&str, &str) -> Option<(&'static str, String)>;

/// A list page of rows of `T`.
pub struct ListSpec<T: 'static> {
    pub route: Route,
    /// The API's collection (`/customers`); the export is at `{api}/export`.
    pub api: &'static str,
    /// The prefix of the page's test ids and element ids (`customers`).
    pub name: &'static str,
    pub title: AttrValue,
    /// The "new" button, when the user may create one: its page and label.
    pub create: Option<(Route, AttrValue)>,
    pub filters: Vec<Filter>,
    pub table: Table<T>,
    pub row_code: Option<fn(&T) -> String>,
    pub empty_filtered: Option<AttrValue>,
    pub param: Param,
    /// The API counts the rows on request (`?total=true`: the record kit's
    /// lists); the pager then shows the count.
    pub counted: bool,
    /// The rows have printable labels: a "Print labels" button opens the
    /// sheet of the rows the filters select (`Route::Labels`).
    pub labels: bool,
}

/// The Edit buttons of a list whose user may edit; `to` is a row's edit page.
pub fn edit_column<R: 'static>(to: fn(&R) -> Route) -> Column<R> {
    Column::new("", move |i18n, row| {
        let children = html! { <>{ i18n.t(T::Edit) }</> };
        let classes = "btn btn-small";
        app_link(&yew::props!(AppLinkProps {
            to: to(row),
            classes,
            children
        }))
    })
    .class("actions")
}

/// The API parameters of a list query: its filters and its order.
fn api_params(query: &ListQuery, param: Param) -> Vec<(&'static str, String)> {
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

/// The list page of `spec`. Only reading and showing the rows depend on
/// the row type ([`Rows`]); the page itself is one non-generic hook
/// ([`use_rows_page`]) for every list.
#[hook]
pub fn use_list_page<R: DeserializeOwned + 'static>(spec: ListSpec<R>) -> Html {
    let page = ListPage {
        route: spec.route,
        api: spec.api,
        name: spec.name,
        title: spec.title,
        create: spec.create,
        filters: spec.filters,
        empty_filtered: spec.empty_filtered,
        param: spec.param,
        counted: spec.counted,
        labels: spec.labels,
    };
    let (table, row_code) = (spec.table, spec.row_code);
    use_rows_page(page, Rc::new(Typed { table, row_code }))
}

/// A [`ListSpec`] without its row type.
struct ListPage {
    route: Route,
    api: &'static str,
    name: &'static str,
    title: AttrValue,
    create: Option<(Route, AttrValue)>,
    filters: Vec<Filter>,
    empty_filtered: Option<AttrValue>,
    param: Param,
    counted: bool,
    labels: bool,
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
fn use_rows_page(spec: ListPage, rows: Rc<dyn Rows>) -> Html {
    let i18n = use_i18n();
    let query = use_list_query(spec.route.clone());
    let paging = use_paging(&query);
    let reload = use_state(|| 0u32);
    let params = api_params(&query, spec.param);
    let data = {
        let (api, rows, counted) = (spec.api, rows.clone(), spec.counted);
        use_api(
            (params.clone(), paging.cursor(), *reload),
            move |(params, cursor, _)| {
                let mut c = call(api.to_owned(), &params).query("limit", PAGE_SIZE);
                if counted {
                    c = c.query("total", "true");
                }
                if let Some(cursor) = cursor {
                    c = c.query("cursor", cursor);
                }
                rows.fetch(c)
            },
        )
    };
    let name = spec.name;
    let toolbar = use_list_toolbar(name, &spec.filters, &query);
    let exporting = use_state(|| None::<Result<(), ApiError>>);
    let export = |format: &'static str| {
        let (api, lang) = (spec.api, i18n.lang.tag());
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
    // The sheet of labels, with the list's filters (as the URL holds them).
    let navigator = use_navigator();
    let print_labels = {
        let mut pairs = vec![("source".to_owned(), name.to_owned())];
        pairs.extend(query.filters().map(|(k, v)| (k.to_owned(), v.to_owned())));
        Callback::from(move |_: MouseEvent| {
            if let Some(n) = &navigator {
                let _ = n.push_with_query(&Route::Labels, &pairs);
            }
        })
    };
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let (table, next, total) = match &*data {
        Remote::Loading => (loading(&i18n), None, None),
        Remote::Failed(e) => (failed(&i18n, e, Some(&retry)), None, None),
        Remote::Ready(loaded) => {
            let table = rows.show(&i18n, &*loaded.rows, &query, spec.empty_filtered);
            (table, loaded.next.clone(), loaded.total)
        }
    };
    let busy = matches!(*exporting, Some(Ok(())));
    html! {
        <div class="page" data-testid={format!("{name}-page")}>
            <header class="page-header">
                <h1>{ spec.title }</h1>
                <div class="header-actions">
                    if spec.labels {
                        <button type="button" class="btn" data-testid={format!("{name}-labels")}
                                onclick={print_labels}>{ i18n.m(M::PrintLabels) }</button>
                    }
                    <button type="button" class="btn" disabled={busy} data-testid={format!("{name}-export-csv")}
                            onclick={export("csv")}>{ i18n.m(M::ExportCsv) }</button>
                    <button type="button" class="btn" disabled={busy} data-testid={format!("{name}-export-xlsx")}
                            onclick={export("xlsx")}>{ i18n.m(M::ExportXlsx) }</button>
                    if let Some((to, label)) = spec.create {
                        { app_link(&yew::props!(AppLinkProps { to, classes: "btn btn-primary", testid: format!("{name}-new"), children: html! { <>{ label }</> } })) }
                    }
                </div>
            </header>
            if let Some(Err(e)) = &*exporting {
                { error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() })) }
            }
            { toolbar }
            { table }
            { paging.pager(&i18n, next, total, matches!(*data, Remote::Loading)) }
        </div>
    }
}
