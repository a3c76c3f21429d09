//! The one definition list of the app: a record's fields as label and value,
//! either one field a line (`<dl class="dl">`, a request's details) or a
//! grid of fields in a panel ([`facts`], a master record's archive).

use yew::prelude::*;

/// One row of a definition list: the label and its value.
pub fn dl_row(label: &str, value: Html) -> Html {
    html! {
        <div class="dl-row"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div>
    }
}

/// A record's fields as a grid (`<dl class="facts">`) in a panel under
/// `heading`; `one_column` puts one field a line.
pub fn facts(
    heading: Html,
    testid: Option<&'static str>,
    one_column: bool,
    rows: Vec<(&str, Html)>,
) -> Html {
    let rows = rows.into_iter().map(|(label, value)| dl_row(label, value));
    html! {
        <section class="panel">
            <h2>{ heading }</h2>
            <dl class={classes!("facts", one_column.then_some("facts-1"))} data-testid={testid}>{ for rows }</dl>
        </section>
    }
}

/// An optional text for a definition list: a dash when absent or blank.
pub fn or_dash(v: Option<&str>) -> Html {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => html! { s.to_owned() },
        None => html! { "—" },
    }
}
