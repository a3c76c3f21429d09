//! Keyset pagination controls: first page, previous (when known), next.

use crate::hooks::I18n;
use crate::i18n::T;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// 1-based number of the page shown.
    pub page: usize,
    pub has_next: bool,
    /// How many records the whole list holds, when the answer said.
    #[prop_or_default]
    pub total: Option<u64>,
    pub on_first: Callback<()>,
    pub on_prev: Callback<()>,
    pub on_next: Callback<()>,
    #[prop_or_default]
    pub disabled: bool,
}

pub fn pager(i18n: &I18n, props: &PagerProps) -> Html {
    let PagerProps {
        page,
        has_next,
        total,
        on_first,
        on_prev,
        on_next,
        disabled,
    } = props;
    let first = *page <= 1;
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <nav class="pager" aria-label={i18n.f(T::PageN, &[&page.to_string()])}>
            <button type="button" class="btn btn-small" disabled={first || *disabled}
                    data-testid="page-first" onclick={click(on_first)}>{ i18n.t(T::FirstPage) }</button>
            <button type="button" class="btn btn-small" disabled={first || *disabled}
                    data-testid="page-prev" onclick={click(on_prev)}>{ i18n.t(T::PreviousPage) }</button>
            <span class="pager-page" data-testid="page-number">{ i18n.f(T::PageN, &[&page.to_string()]) }</span>
            if let Some(total) = total {
                <span class="pager-total" data-testid="list-total">{ i18n.f(T::TotalN, &[&total.to_string()]) }</span>
            }
            <button type="button" class="btn btn-small" disabled={!*has_next || *disabled}
                    data-testid="page-next" onclick={click(on_next)}>{ i18n.t(T::NextPage) }</button>
        </nav>
    }
}
