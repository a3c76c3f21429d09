//! The one definition list of the app: a record's fields as label and value.

use yew::prelude::*;

/// One row of a `<dl class="dl">`: the label and its value.
pub fn dl_row(label: &str, value: Html) -> Html {
    html! {
        <div class="dl-row"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div>
    }
}
