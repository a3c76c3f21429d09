//! One table for every list: the columns a page describes, the loading,
//! failed and empty states, a link on each row to its record, and the keyset
//! "more" pager below. Pages say what to show, not how to lay it out.

use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{I18n, ListQuery, Remote};
use crate::i18n::T as Label;
use crate::route::Route;
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

/// A header: a button that sorts when the column can be, with `aria-sort`.
fn header<T>(i18n: &I18n, c: &Column<T>, listed: Option<&Listed<'_, T>>) -> Html {
    // A row's buttons need no visible header, but a screen reader says it.
    if c.class == "actions" {
        return html! { <th scope="col"><span class="sr-only">{ i18n.t(Label::ColActions) }</span></th> };
    }
    let (Some(key), Some(l)) = (c.sort, listed) else {
        return html! { <th scope="col">{ c.label.clone() }</th> };
    };
    let current = l.query.sort().filter(|(k, _)| *k == key);
    let (aria, arrow) = match current {
        Some((_, true)) => ("descending", " ▼"),
        Some((_, false)) => ("ascending", " ▲"),
        None => ("none", ""),
    };
    let onclick = {
        let q = l.query.clone();
        Callback::from(move |_: MouseEvent| q.toggle_sort(key))
    };
    html! {
        <th scope="col" aria-sort={aria}>
            <button type="button" class="th-sort" data-testid={format!("sort-{key}")} {onclick}>
                { c.label.clone() }{ arrow }
            </button>
        </th>
    }
}

/// [`data_table`] with the parts a list kept in the URL adds.
pub fn listed_table<T>(
    i18n: &I18n,
    rows: &Remote<Page<T>>,
    table: &Table<T>,
    on_retry: Option<&Callback<()>>,
    listed: Option<&Listed<'_, T>>,
) -> Html {
    let page = match rows {
        Remote::Loading => return loading(i18n),
        Remote::Failed(e) => {
            let props = yew::props!(ErrorBannerProps {
                error: e.clone(),
                on_retry: on_retry.cloned(),
            });
            return error_banner(i18n, &props);
        }
        Remote::Ready(p) => p,
    };
    if page.items.is_empty() {
        let filtered = listed
            .filter(|l| l.query.is_filtered())
            .and_then(|l| l.empty_filtered.clone());
        let text = filtered.unwrap_or_else(|| table.empty.clone());
        return html! { <div class="empty-state" data-testid={table.empty_testid}>{ text }</div> };
    }
    let code = listed.and_then(|l| l.row_code);
    html! {
        <div class="table-wrap">
            <table class="table" data-testid={table.testid}>
                <thead>
                    <tr>
                        { for table.columns.iter().map(|c| header(i18n, c, listed)) }
                    </tr>
                </thead>
                <tbody>
                    { for page.items.iter().map(|row| html! {
                        <tr key={(table.key)(row)} data-testid={(table.row_testid)(row)}
                            data-code={code.map(|f| f(row))}
                            class={classes!((table.row_class)(row))}>
                            { for table.columns.iter().map(|c| html! {
                                <td class={classes!((!c.class.is_empty()).then_some(c.class))}>{ (c.cell)(i18n, row) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The next cursor of a loaded page, for the pager.
pub fn next_cursor<T>(rows: &Remote<Page<T>>) -> Option<String> {
    match rows {
        Remote::Ready(p) => p.next_cursor.clone(),
        _ => None,
    }
}
