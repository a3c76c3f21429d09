//! One table for every list: the columns a page describes, the loading,
//! failed and empty states, a link on each row to its record, and the keyset
//! "more" pager below. Pages say what to show, not how to lay it out.

use crate::components::{AppLinkProps, ErrorBannerProps, app_link, error_banner, loading};
use crate::hooks::{I18n, Remote};
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
}

impl<T> Column<T> {
    pub fn new(label: &str, cell: impl Fn(&I18n, &T) -> Html + 'static) -> Self {
        Column {
            label: AttrValue::from(label.to_owned()),
            class: "",
            cell: Box::new(cell),
        }
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

/// The table of `rows` in whatever state they are; a failure offers Retry
/// when the page can load again.
pub fn data_table<T>(
    i18n: &I18n,
    rows: &Remote<Page<T>>,
    table: &Table<T>,
    on_retry: Option<&Callback<()>>,
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
        return html! { <div class="empty-state" data-testid={table.empty_testid}>{ table.empty.clone() }</div> };
    }
    html! {
        <div class="table-wrap">
            <table class="table" data-testid={table.testid}>
                <thead>
                    <tr>
                        { for table.columns.iter().map(|c| html! {
                            <th scope="col">
                                // A row's buttons need no visible header, but a screen reader says it.
                                if c.class == "actions" {
                                    <span class="sr-only">{ i18n.t(Label::ColActions) }</span>
                                } else {
                                    { c.label.clone() }
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for page.items.iter().map(|row| html! {
                        <tr key={(table.key)(row)} data-testid={(table.row_testid)(row)}
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
