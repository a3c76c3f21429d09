//! The frame of a master record's page: back to the list, the record's name
//! with its code and status badges, its actions, the notices of what just
//! happened (saved, created, deactivated), then its definition lists,
//! related tables and timeline. Customers, machines, product models, dealers
//! and engineers describe only what goes in it.

use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::route::Route;
use yew::prelude::*;

/// What a record page shows around its sections.
pub struct RecordFrame {
    /// The page's test id.
    pub testid: String,
    /// A form page: one narrow column.
    pub narrow: bool,
    /// Back to the list, with its title.
    pub back: (Route, String),
    pub title: Html,
    /// Under the title (code, kind, status badges), joined by " · ".
    pub meta: Vec<Html>,
    /// The buttons the user may use.
    pub actions: Html,
    /// Success and information notices, with their test ids.
    pub notices: Vec<(NoticeKind, String, Option<String>)>,
}

impl RecordFrame {
    /// A narrow page with a title and nothing else yet (a form's page).
    pub fn new(testid: impl Into<String>, back: (Route, String), title: Html) -> Self {
        RecordFrame {
            testid: testid.into(),
            narrow: true,
            back,
            title,
            meta: Vec::new(),
            actions: Html::default(),
            notices: Vec::new(),
        }
    }
}

/// The page of a record: the frame around `body`.
pub fn record_page(frame: RecordFrame, body: Html) -> Html {
    let RecordFrame {
        testid,
        narrow,
        back: (to, back_label),
        title,
        meta,
        actions,
        notices,
    } = frame;
    let meta = meta.into_iter().enumerate().map(|(i, m)| {
        html! { <>if i > 0 { { " · " } }{ m }</> }
    });
    let notices = notices
        .into_iter()
        .map(|(kind, text, testid)| notice(&yew::props!(NoticeProps { kind, text, testid })));
    html! {
        <div class={classes!("page", narrow.then_some("narrow"))} data-testid={testid}>
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to, classes: "back-link", children: html! { <>{ back_label }</> } })) }
                    <h1>{ title }</h1>
                    <p class="muted">{ for meta }</p>
                </div>
                <div class="header-actions">{ actions }</div>
            </header>
            { for notices }
            { body }
        </div>
    }
}
