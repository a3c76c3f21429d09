//! One stock-take: its count sheet (one line per part with its bin and a
//! big input, usable on a phone), the variances, and reconcile or cancel
//! after a confirmation. A count sends the line's version as `If-Match`;
//! reconcile and cancel send the stock-take's (each count moves it on, so
//! the sheet is read again after every count and a reconcile never covers
//! counts the clerk has not seen).

use super::{accuracy, qty, signed, status_badge};
use crate::components::NoticeKind;
use crate::components::form::{FieldErrors, TextFieldProps, text_field};
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::record_page::{RecordFrame, record_page};
use crate::hooks::{Ask, I18n, Remote, use_api_reload, use_confirmed, use_form, use_i18n};
use crate::i18n::T;
use crate::route::Route;
use crate::services::stocktakes as api;
use crate::time::local_minutes;
use furrow_domain::FieldError;
use furrow_domain::parts::{CountInput, StocktakeDetail, StocktakeLineView, StocktakeView};
use furrow_domain::service::commands::Command;
use rust_decimal::Decimal;
use uuid::Uuid;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StocktakeSheetProps {
    /// The stock-take's id as in the address.
    pub id: String,
}

pub fn stocktake_sheet_page(props: &StocktakeSheetProps) -> Html {
    by_id::<StocktakeSheet>(&props.id)
}

/// A count as typed: a number of 0 or more, or the field's error.
fn parse_count(text: &str) -> Result<CountInput, FieldError> {
    let refusal = |code: &str, message: &str| FieldError {
        field: "counted".into(),
        code: code.into(),
        message: message.into(),
    };
    let counted: Decimal = text
        .trim()
        .parse()
        .map_err(|_| refusal("not_a_number", "a number, 0 or more"))?;
    if counted.is_sign_negative() && !counted.is_zero() {
        return Err(refusal("out_of_range", "0 or more"));
    }
    if counted.normalize().scale() > 3 {
        return Err(refusal("too_precise", "at most 3 decimals"));
    }
    Ok(CountInput { counted })
}

#[function_component(StocktakeSheet)]
fn stocktake_sheet(props: &RecordId) -> Html {
    let i18n = use_i18n();
    let variance_only = use_state(|| false);
    let (detail, on_reload) = use_api_reload((props.id, *variance_only), |(id, v)| api::get(id, v));
    let flash = use_state(|| None::<String>);
    let on_done = {
        let (detail, flash, i18n) = (detail.clone(), flash.clone(), i18n.clone());
        let variance_only = variance_only.clone();
        Callback::from(move |d: StocktakeDetail| {
            // The answer has every line: the sheet shows them all.
            variance_only.set(false);
            let text = match d.stocktake.status {
                furrow_domain::parts::StocktakeStatus::Reconciled => {
                    Some(i18n.f(T::StReconciledNotice, &[&accuracy(&d.stocktake)]))
                }
                _ => None,
            };
            flash.set(text);
            detail.set(Remote::Ready(d));
        })
    };
    let d = match ready(&i18n, &detail, &on_reload) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let st = &d.stocktake;
    let can = |c: Command| st.actions.contains(&c);
    let mut frame = RecordFrame::new(
        "stocktake-page",
        (Route::Stocktakes, format!("← {}", i18n.t(T::StBackToList))),
        html! { <span data-testid="stocktake-number">{ st.number.clone() }</span> },
    );
    frame.narrow = false;
    frame.meta = vec![
        html! { format!("{} · {}", st.warehouse_code, st.warehouse_name) },
        status_badge(&i18n, st.status, Some("stocktake-status".into())),
        html! { <span data-testid="stocktake-progress">{ format!("{} {} / {}", i18n.t(T::StProgress), st.counted_lines, st.lines) }</span> },
        html! { <span>{ i18n.t(T::StAccuracy) }{ " " }<strong data-testid="stocktake-accuracy">{ accuracy(st) }</strong></span> },
    ];
    frame.actions = html! {
        <>
            if can(Command::ReconcileStocktake) {
                <ReconcileButton stocktake={st.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} />
            }
            if can(Command::CancelStocktake) {
                <CancelButton stocktake={st.clone()} on_done={on_done.clone()} on_reload={on_reload.clone()} />
            }
        </>
    };
    if let Some(text) = (*flash).clone() {
        frame
            .notices
            .push((NoticeKind::Success, text, Some("stocktake-flash".into())));
    }
    let limits = if st.bins.is_empty() && st.categories.is_empty() {
        i18n.t(T::StWholeWarehouse).to_owned()
    } else {
        let cats: Vec<&str> = st.categories.iter().map(|c| c.as_str()).collect();
        format!("{} {}", st.bins.join(" "), cats.join(" "))
    };
    let toggle = |only: bool, label: T, testid: &'static str| {
        let variance_only = variance_only.clone();
        let class = if *variance_only == only {
            "btn btn-small btn-primary"
        } else {
            "btn btn-small"
        };
        html! {
            <button type="button" {class} data-testid={testid} aria-pressed={(*variance_only == only).to_string()}
                    onclick={Callback::from(move |_| variance_only.set(only))}>{ i18n.t(label) }</button>
        }
    };
    let counting = can(Command::CountStocktake);
    let lines = d.lines.iter().map(|l| {
        html! { <CountLine key={l.id.to_string()} stocktake={st.id} line={l.clone()} {counting} on_counted={on_reload.clone()} /> }
    });
    let body = html! {
        <section class="panel" data-testid="count-sheet">
            <header class="panel-header">
                <h2>{ i18n.t(T::StSheet) }</h2>
                <div class="btn-group">
                    { toggle(false, T::StAllLines, "show-all-lines") }
                    { toggle(true, T::StVarianceOnly, "show-variances") }
                </div>
            </header>
            <p class="muted small">
                { format!("{}: {} · {} {} · {}", i18n.t(T::StLimits), limits, i18n.t(T::StOpenedBy), st.opened_by_name, local_minutes(&st.opened_at)) }
            </p>
            if counting {
                <p class="muted small">{ i18n.t(T::StBlindHint) }</p>
            }
            if d.lines.is_empty() {
                <p class="empty" data-testid="count-sheet-empty">{ i18n.t(T::StNoLines) }</p>
            } else {
                <ol class="count-lines">{ for lines }</ol>
            }
        </section>
    };
    record_page(frame, body)
}

#[derive(Properties, PartialEq)]
struct CountLineProps {
    stocktake: Uuid,
    line: StocktakeLineView,
    /// The user may count and the stock-take is open.
    counting: bool,
    on_counted: Callback<()>,
}

/// One part: its number, name and bin, the count input, and once counted
/// the book it was compared with and the variance.
#[function_component(CountLine)]
fn count_line(props: &CountLineProps) -> Html {
    let i18n = use_i18n();
    let l = &props.line;
    let form = use_form(|| l.counted.map(qty).unwrap_or_default());
    let onsubmit = {
        let (form, stocktake, part, version, on_counted) = (
            form.clone(),
            props.stocktake,
            l.part_id,
            l.version,
            props.on_counted.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match parse_count(&form.draft) {
                Ok(i) => i,
                Err(e) => return form.refuse(FieldErrors(vec![e])),
            };
            let on_counted = on_counted.clone();
            form.submit(api::count(stocktake, part, version, &input), move |_| {
                on_counted.emit(())
            });
        })
    };
    let busy = *form.busy;
    let field_id = format!("count-{}", l.part_number);
    let error = form.err(&i18n, "counted");
    let result = counted_facts(&i18n, l);
    let tone = match l.variance {
        Some(v) if !v.is_zero() => "count-line has-variance",
        Some(_) => "count-line counted",
        None => "count-line",
    };
    html! {
        <li class={tone} data-testid={format!("line-{}", l.part_number)}>
            <div class="count-part">
                <span class="mono strong">{ &l.part_number }</span>
                <span>{ &l.part_name }</span>
                <span class="muted">{ l.spec.clone().unwrap_or_default() }</span>
                <span class="count-bin mono" data-testid="line-bin">{ l.bin.clone().unwrap_or_else(|| "—".into()) }</span>
            </div>
            if props.counting {
                <form class="count-form" {onsubmit} novalidate=true>
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id.clone(), label: format!("{} ({})", i18n.t(T::StCounted), l.unit), kind: "number", required: true, autocomplete: "off", value: (*form.draft).clone(), oninput: form.edit(|d, v| *d = v), error: error.clone() })) }
                    <button type="submit" class="btn btn-primary count-save" disabled={busy} data-testid="count-save">
                        { if l.counted.is_some() { i18n.t(T::StRecount) } else { i18n.t(T::StSaveCount) } }
                    </button>
                    { form.failure_banner(&i18n, &["counted"], &props.on_counted, "count-failure") }
                </form>
            }
            { result }
        </li>
    }
}

/// The count, the book it was compared with and the variance (blind until
/// counted).
fn counted_facts(i18n: &I18n, l: &StocktakeLineView) -> Html {
    let Some(counted) = l.counted else {
        return html! { <div class="count-result muted" data-testid="line-uncounted">{ i18n.t(T::StNotCounted) }</div> };
    };
    let book = l.book_at_count.map(qty).unwrap_or_default();
    let variance = l.variance.map(signed).unwrap_or_default();
    html! {
        <div class="count-result">
            <span>{ i18n.t(T::StCounted) }{ " " }<strong data-testid="line-counted">{ qty(counted) }</strong></span>
            <span>{ i18n.t(T::StBook) }{ " " }<span data-testid="line-book">{ book }</span></span>
            <span>{ i18n.t(T::StVariance) }{ " " }<strong data-testid="line-variance">{ variance }</strong></span>
            <span class="muted small">{ format!("{} {}", l.counted_by_name.clone().unwrap_or_default(), l.counted_at.as_ref().map(local_minutes).unwrap_or_default()) }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CommandProps {
    stocktake: StocktakeView,
    on_done: Callback<StocktakeDetail>,
    on_reload: Callback<()>,
}

/// The accuracy the reconcile will record: lines without variance / lines.
fn expected_accuracy(st: &StocktakeView) -> String {
    if st.lines == 0 {
        return "—".into();
    }
    let matched = st.lines.saturating_sub(st.variance_lines);
    format!("{:.2}%", f64::from(matched) * 100.0 / f64::from(st.lines))
}

#[function_component(ReconcileButton)]
fn reconcile_button(props: &CommandProps) -> Html {
    let i18n = use_i18n();
    let confirmed = use_confirmed();
    let st = &props.stocktake;
    let uncounted = st.lines.saturating_sub(st.counted_lines);
    let (id, version) = (st.id, st.version);
    let on_confirm =
        confirmed.on_confirm(move || api::reconcile(id, version), props.on_done.clone());
    let body = if uncounted > 0 {
        i18n.f(T::StUncounted, &[&uncounted.to_string()])
    } else {
        i18n.f(
            T::StReconcileBody,
            &[&st.variance_lines.to_string(), &expected_accuracy(st)],
        )
    };
    let ask = Ask {
        title: i18n.t(T::StReconcileTitle).into(),
        body: body.into(),
        confirm: i18n.t(T::StReconcile).into(),
        danger: false,
        blocked: uncounted > 0,
        error_testid: "reconcile-error",
    };
    html! {
        <>
            <button type="button" class="btn btn-primary" onclick={confirmed.open()} data-testid="reconcile">{ i18n.t(T::StReconcile) }</button>
            { confirmed.dialog(&i18n, ask, on_confirm, &props.on_reload) }
        </>
    }
}

#[function_component(CancelButton)]
fn cancel_button(props: &CommandProps) -> Html {
    let i18n = use_i18n();
    let confirmed = use_confirmed();
    let (id, version) = (props.stocktake.id, props.stocktake.version);
    let on_confirm = confirmed.on_confirm(move || api::cancel(id, version), props.on_done.clone());
    let ask = Ask {
        title: i18n.t(T::StCancelTitle).into(),
        body: i18n.t(T::StCancelBody).into(),
        confirm: i18n.t(T::StCancel).into(),
        danger: true,
        blocked: false,
        error_testid: "cancel-error",
    };
    html! {
        <>
            <button type="button" class="btn btn-danger-ghost" onclick={confirmed.open()} data-testid="cancel-stocktake">{ i18n.t(T::StCancel) }</button>
            { confirmed.dialog(&i18n, ask, on_confirm, &props.on_reload) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_a_number_of_zero_or_more_with_three_decimals() {
        assert_eq!(parse_count(" 12 ").unwrap().counted, Decimal::from(12));
        assert_eq!(parse_count("2.5").unwrap().counted.to_string(), "2.5");
        for (bad, code) in [
            ("", "not_a_number"),
            ("x", "not_a_number"),
            ("-1", "out_of_range"),
            ("0.0001", "too_precise"),
        ] {
            assert_eq!(parse_count(bad).unwrap_err().code, code, "{bad}");
        }
    }
}
