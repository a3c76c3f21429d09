//! One table for every list: the columns a page describes, the loading,
//! failed and empty states, a link on each row to its record, and the keyset
//! "more" pager below. Pages say what to show, not how to lay it out.

use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{I18n, ListQuery, Remote};
use crate::i18n::T as Label;
use crate::route::Route;
use crate::services::requests::ApiError;
use furrow_domain::page::Page;
use yew::prelude::*;

/// How a row of `T` fills a column's cell.
pub type Cell<T> = Box<dyn Fn(&I18n, &T) -> Html>;

/// One column: its header and how a row fills its cell.
pub struct Column<T> {
    pub label: AttrValue,
    /// Extra class of the cells (e.g. `mono`, `num`, `nowrap`).
    pub class: &'static str,
    pub cell: Cell<T>,
    /// The API's name of the column when the list can be sorted by it.
    pub sort: Option<&'static str>,
}

impl<T> Column<T> {
    pub fn new(label: &str, cell: impl Fn(&I18n, &T) -> Html + 'static) -> Self {
        Column {
            label: AttrValue::from(label.to_owned()),
            class: "",
            cell: Box::new(cell),
            sort: None,
        }
    }

    /// The same column, sortable by the API's column `key`.
    pub fn sort(mut self, key: &'static str) -> Self {
        self.sort = Some(key);
        self
    }

    /// The same column with a class on its cells.
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }
}

/// A cell that opens the row's record.
pub fn link_cell(to: Route, text: &str) -> Html {
    let children = html! { <>{ text.to_owned() }</> };
    app_link(&yew::props!(AppLinkProps { to, children }))
}

/// What a list shows besides its rows.
pub struct Table<T> {
    pub testid: &'static str,
    /// The row's test id (e.g. `dealer-row`, or one naming the record).
    pub row_testid: fn(&T) -> String,
    /// What the list says when there is nothing to show, and its test id.
    pub empty: AttrValue,
    pub empty_testid: &'static str,
    pub columns: Vec<Column<T>>,
    /// The row's stable key (its id).
    pub key: fn(&T) -> String,
    /// A row's class by its record (`row-muted` for an inactive one,
    /// `row-overdue`...).
    pub row_class: fn(&T) -> Option<&'static str>,
}

/// What a list in the URL adds to its table: sortable headers, and a
/// `data-code` on each row naming its record.
pub struct Listed<'a, T> {
    pub query: &'a ListQuery,
    pub row_code: Option<fn(&T) -> String>,
    /// The text of the empty list when filters are set.
    pub empty_filtered: Option<AttrValue>,
}

/// The table of `rows` in whatever state they are; a failure offers Retry
/// when the page can load again.
pub fn data_table<T>(
    i18n: &I18n,
    rows: &Remote<Page<T>>,
    table: &Table<T>,
    on_retry: Option<&Callback<()>>,
) -> Html {
    listed_table(i18n, rows, table, on_retry, None)
}

/// [`data_table`] with the parts a list kept in the URL adds.
pub fn listed_table<T>(
    i18n: &I18n,
    rows: &Remote<Page<T>>,
    table: &Table<T>,
    on_retry: Option<&Callback<()>>,
    listed: Option<&Listed<'_, T>>,
) -> Html {
    match rows {
        Remote::Loading => loading(i18n),
        Remote::Failed(e) => failed(i18n, e, on_retry),
        Remote::Ready(p) => rows_table(i18n, &p.items, table, listed),
    }
}

/// What a table shows instead of its rows when they could not be read.
pub fn failed(i18n: &I18n, error: &ApiError, on_retry: Option<&Callback<()>>) -> Html {
    let props = yew::props!(ErrorBannerProps {
        error: error.clone(),
        on_retry: on_retry.cloned(),
    });
    error_banner(i18n, &props)
}

/// The table of rows already read. Only calling the page's functions on
/// each row depends on the row type; the markup is built by non-generic
/// functions, so a list adds little to the wasm for its row type.
pub fn rows_table<T>(
    i18n: &I18n,
    items: &[T],
    table: &Table<T>,
    listed: Option<&Listed<'_, T>>,
) -> Html {
    let query = listed.map(|l| l.query);
    if items.is_empty() {
        let filtered = listed
            .filter(|l| l.query.is_filtered())
            .and_then(|l| l.empty_filtered.clone());
        return empty_state(
            filtered.unwrap_or_else(|| table.empty.clone()),
            table.empty_testid,
        );
    }
    let headers: Html = table
        .columns
        .iter()
        .map(|c| header(i18n, &c.label, c.class, c.sort, query))
        .collect();
    let code = listed.and_then(|l| l.row_code);
    let rows: Html = items
        .iter()
        .map(|row| {
            let cells = table.columns.iter().map(|c| (c.class, (c.cell)(i18n, row)));
            row_html(
                RowAttrs {
                    key: (table.key)(row),
                    testid: (table.row_testid)(row),
                    code: code.map(|f| f(row)),
                    class: (table.row_class)(row),
                },
                cells.collect(),
            )
        })
        .collect();
    html! {
        <div class="table-wrap">
            <table class="table" data-testid={table.testid}>
                <thead><tr>{ headers }</tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}

fn empty_state(text: AttrValue, testid: &'static str) -> Html {
    html! { <div class="empty-state" data-testid={testid}>{ text }</div> }
}

/// A header: a button that sorts when the column can be and the list is in
/// the URL, with `aria-sort`.
fn header(
    i18n: &I18n,
    label: &AttrValue,
    class: &'static str,
    sort: Option<&'static str>,
    query: Option<&ListQuery>,
) -> Html {
    // A row's buttons need no visible header, but a screen reader says it.
    if class == "actions" {
        return html! { <th scope="col"><span class="sr-only">{ i18n.t(Label::ColActions) }</span></th> };
    }
    let (Some(key), Some(query)) = (sort, query) else {
        return html! { <th scope="col">{ label.clone() }</th> };
    };
    let current = query.sort().filter(|(k, _)| *k == key);
    let (aria, arrow) = match current {
        Some((_, true)) => ("descending", " ▼"),
        Some((_, false)) => ("ascending", " ▲"),
        None => ("none", ""),
    };
    let onclick = {
        let q = query.clone();
        Callback::from(move |_: MouseEvent| q.toggle_sort(key))
    };
    html! {
        <th scope="col" aria-sort={aria}>
            <button type="button" class="th-sort" data-testid={format!("sort-{key}")} {onclick}>
                { label.clone() }{ arrow }
            </button>
        </th>
    }
}

/// A row's own attributes, from the page's functions.
struct RowAttrs {
    key: String,
    testid: String,
    code: Option<String>,
    class: Option<&'static str>,
}

/// A row of cells, each with its column's class.
fn row_html(row: RowAttrs, cells: Vec<(&'static str, Html)>) -> Html {
    let cells = cells.into_iter().map(|(class, cell)| {
        html! { <td class={classes!((!class.is_empty()).then_some(class))}>{ cell }</td> }
    });
    html! {
        <tr key={row.key} data-testid={row.testid} data-code={row.code} class={classes!(row.class)}>
            { for cells }
        </tr>
    }
}

/// The next cursor of a loaded page, for the pager.
pub fn next_cursor<T>(rows: &Remote<Page<T>>) -> Option<String> {
    match rows {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    }
}

/// The whole list's count of a loaded page, when it has one, for the pager.
pub fn list_total<T>(rows: &Remote<Page<T>>) -> Option<u64> {
    match rows {
        Remote::Ready(p) => p.total,
        _ => None,
    }
}

/// The header row of a table built by hand, one column per label.
pub fn table_head(labels: &[&str]) -> Html {
    html! {
        <thead>
            <tr>{ for labels.iter().map(|l| html! { <th scope="col">{ *l }</th> }) }</tr>
        </thead>
    }
}
