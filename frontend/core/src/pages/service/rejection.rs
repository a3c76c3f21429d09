//! The last rejection (驳回) of a report on the review page: the comment,
//! whether the engineer has answered it by resubmitting, and what changed
//! since (from the server's comparison, `resubmission::changes_since_rejection`).

use super::common::when;
use super::review::parts_table;
use crate::components::status_badge::{Tone, badge};
use crate::hooks::I18n;
use crate::i18n::audit::labelled;
use crate::i18n::service::S;
use furrow_domain::service::resubmission::{FieldChange, ReportChanges, ReportRejection};
use yew::prelude::*;

/// The label of a compared report field.
fn field_label(i18n: &I18n, field: &str) -> String {
    let s = match field {
        "process" => S::Process,
        "cause" => S::Cause,
        "measures" => S::Measures,
        "further_problems" => S::FurtherProblems,
        "proposals" => S::Proposals,
        "labour_hours" => S::LabourHours,
        other => return other.to_owned(),
    };
    i18n.s(s).to_owned()
}

fn field_row(i18n: &I18n, c: &FieldChange) -> Html {
    let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    html! {
        <li data-key={c.field.clone()}>
            <span class="muted">{ labelled(i18n.lang, &field_label(i18n, &c.field)) }</span>
            <del>{ side(&c.before) }</del>{ " → " }<ins>{ side(&c.after) }</ins>
        </li>
    }
}

fn changes_list(i18n: &I18n, c: &ReportChanges) -> Html {
    if c.is_empty() {
        return html! { <p class="muted" data-testid="rejection-no-changes">{ i18n.s(S::NoChangesSinceRejection) }</p> };
    }
    html! {
        <div data-testid="rejection-changes">
            <h3>{ i18n.s(S::ChangesSinceRejection) }</h3>
            if !c.fields.is_empty() {
                <ul class="change-list">{ for c.fields.iter().map(|f| field_row(i18n, f)) }</ul>
            }
            if !c.parts_added.is_empty() {
                <h4>{ i18n.s(S::PartsAdded) }</h4>
                { parts_table(i18n, &c.parts_added) }
            }
            if !c.parts_removed.is_empty() {
                <h4>{ i18n.s(S::PartsRemoved) }</h4>
                { parts_table(i18n, &c.parts_removed) }
            }
        </div>
    }
}

/// The panel; nothing when the report was never rejected.
pub fn rejection_panel(i18n: &I18n, rejection: Option<&ReportRejection>) -> Html {
    let Some(x) = rejection else {
        return Html::default();
    };
    let by = x.rejected_by.clone().unwrap_or_default();
    html! {
        <section class="panel" aria-labelledby="rejection-h" data-testid="review-last-rejection">
            <h2 id="rejection-h">{ i18n.s(S::LastRejection) }</h2>
            <p class="muted">{ format!("{}{by} · {}", labelled(i18n.lang, i18n.s(S::ReviewedBy)), when(&Some(x.rejected_at))) }</p>
            if let Some(c) = &x.comment {
                <p class="pre" data-testid="rejection-comment">{ labelled(i18n.lang, i18n.s(S::RejectReason)) }{ c.clone() }</p>
            }
            if x.answered_at.is_some() {
                <p>{ badge(Tone::Success, &i18n.sf(S::RejectionAnswered, &[&when(&x.answered_at)]), Some("rejection-answered".into())) }</p>
            } else {
                <p>{ badge(Tone::Warning, i18n.s(S::RejectionOpen), Some("rejection-open".into())) }</p>
            }
            if let Some(c) = &x.changes { { changes_list(i18n, c) } }
        </section>
    }
}
