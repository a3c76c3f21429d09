//! The one timeline of the app: a service request's events, and a customer's
//! or machine's archive (record changes with old → new values, service
//! requests with their number and status, part replacements 配件更换记录).
//! Each entry says what happened, when (company time), who (display name),
//! and its details with labelled fields in a meaningful order, all from the
//! one label table in `i18n::audit`.

use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::I18n;
use crate::i18n::audit::{action_label, coded_value, field_label, labelled, ordered_fields};
use crate::i18n::master::{M, customer_kind, machine_status, request_status};
use crate::i18n::service::{self as names, S};
use crate::route::Route;
use crate::time::local_minutes;
use chrono::{DateTime, Utc};
use furrow_domain::archive::TimelineEntry;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{CustomerKind, MachineStatus};
use furrow_domain::service::{Channel, Coverage, PartLine, Priority, RequestStatus, Satisfaction};
use serde_json::Value;
use uuid::Uuid;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// In the order to show them (archives answer newest first, a request's
    /// events come oldest first).
    pub entries: Vec<TimelineEntry>,
    /// Machines of the archive by id, to name and link them (serial number).
    #[prop_or_default]
    pub machines: Vec<(Uuid, String)>,
    /// Dealers by id, to name a changed selling dealer.
    #[prop_or_default]
    pub dealers: Vec<DealerView>,
    /// The panel's heading; the archive's by default.
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

/// One value as people read it; `None` when there is nothing to say.
fn value_text(
    i18n: &I18n,
    dealers: &[DealerView],
    e: &TimelineEntry,
    field: &str,
    v: &Value,
) -> Option<String> {
    if let Some(coded) = coded_value(i18n.lang, field, v) {
        return Some(coded);
    }
    let s = match v {
        Value::Null => return None,
        Value::Bool(b) if field == "active" => {
            return Some(i18n.m(if *b { M::Active } else { M::Inactive }).to_owned());
        }
        Value::Bool(b) => return Some(i18n.s(if *b { S::Yes } else { S::No }).to_owned()),
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s,
        other => return Some(other.to_string()),
    };
    let known = match field {
        "dealer_id" => Uuid::parse_str(s)
            .ok()
            .and_then(|id| dealers.iter().find(|d| d.id == id))
            .map(|d| d.name.clone()),
        "kind" if e.entity_type == "customer" => {
            CustomerKind::parse(s).map(|k| i18n.m(customer_kind(k)).to_owned())
        }
        "status" if e.entity_type == "machine" => {
            MachineStatus::parse(s).map(|k| i18n.m(machine_status(k)).to_owned())
        }
        "priority" => Priority::parse(s).map(|p| names::priority(p, i18n.lang).to_owned()),
        "channel" => Channel::parse(s).map(|c| names::channel(c, i18n.lang).to_owned()),
        "coverage" | "proposed_coverage" => {
            Coverage::parse(s).map(|c| names::coverage(c, i18n.lang).to_owned())
        }
        "satisfaction" => {
            Satisfaction::parse(s).map(|m| names::satisfaction(m, i18n.lang).to_owned())
        }
        _ => s.parse::<DateTime<Utc>>().ok().map(|at| local_minutes(&at)),
    };
    Some(known.unwrap_or_else(|| s.clone()))
}

/// The details of an audited event as labelled fields: `old → new` for a
/// change, the value for a command's input; empty values left out.
fn details(i18n: &I18n, dealers: &[DealerView], e: &TimelineEntry) -> Html {
    let Some(obj) = e.details.as_object() else {
        return Html::default();
    };
    let changed = e.action != "created";
    let items = ordered_fields(obj).into_iter().filter_map(|(k, v)| {
        let text = match v.as_array() {
            Some(pair) if pair.len() == 2 && changed => {
                let side = |v: &Value| value_text(i18n, dealers, e, k, v).unwrap_or_else(|| "—".to_owned());
                format!("{} → {}", side(&pair[0]), side(&pair[1]))
            }
            _ => value_text(i18n, dealers, e, k, v)?,
        };
        Some(html! {
            <li data-key={k.to_owned()}><span class="muted">{ labelled(i18n.lang, &field_label(i18n, &e.entity_type, k)) }</span>{ text }</li>
        })
    });
    html! { <ul class="change-list">{ for items }</ul> }
}

fn entity_label(i18n: &I18n, entity_type: &str) -> String {
    let key = match entity_type {
        "customer" => M::EntCustomer,
        "machine" => M::EntMachine,
        "product_model" => M::EntModel,
        "repair_report" => M::EntRepairReport,
        "service_request" => M::TlServiceRequest,
        other => return other.to_owned(),
    };
    i18n.m(key).to_owned()
}

/// A part replaced, as the report lists it: `液压泵 (HP-4LZ-08) × 1 件`.
fn part_text(details: &Value) -> String {
    // Read from text, as the report's own lines are: the same parser code,
    // where `from_value` adds a second deserializer to the wasm.
    serde_json::from_str::<PartLine>(&details.to_string())
        .map(|p| {
            let number = p.part_number.map(|n| format!(" ({n})")).unwrap_or_default();
            let unit = p.unit.map(|u| format!(" {u}")).unwrap_or_default();
            format!("{}{number} × {}{unit}", p.name, p.quantity.normalize())
        })
        .unwrap_or_default()
}

/// What happened, and its details.
fn entry_body(i18n: &I18n, props: &TimelineProps, e: &TimelineEntry) -> (Html, Html) {
    let reference = || e.reference.clone().unwrap_or_default();
    match e.kind.as_str() {
        "service_request" => {
            let status = RequestStatus::parse(&e.action)
                .map(|s| i18n.m(request_status(s)).to_owned())
                .unwrap_or_else(|| e.action.clone());
            let symptoms = e
                .details
                .get("symptoms")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let to = Route::ServiceRequestDetail {
                id: e.entity_id.to_string(),
            };
            let number = app_link(&yew::props!(AppLinkProps {
                to,
                classes: "mono",
                children: html! { <>{ reference() }</> }
            }));
            (
                html! { <>{ badge(Tone::Info, i18n.m(M::TlServiceRequest), None) }{ " " }{ number }{ " · " }{ status }</> },
                html! { <p class="change-list">{ labelled(i18n.lang, i18n.s(S::Symptoms)) }{ symptoms.to_owned() }</p> },
            )
        }
        "part_replacement" => (
            html! { <>{ badge(Tone::Warning, i18n.m(M::TlPartReplacement), None) }{ " " }<span class="mono">{ reference() }</span></> },
            html! { <p class="change-list">{ part_text(&e.details) }</p> },
        ),
        _ => {
            let subject = match props.machines.iter().find(|(id, _)| *id == e.entity_id) {
                Some((id, serial)) => {
                    let to = Route::MachineDetail { id: id.to_string() };
                    let link = app_link(&yew::props!(AppLinkProps {
                        to,
                        classes: "mono",
                        children: html! { <>{ serial.clone() }</> }
                    }));
                    html! { <>{ entity_label(i18n, &e.entity_type) }{ " " }{ link }{ " · " }</> }
                }
                // Only ever shown on their own page, which names the record.
                None if matches!(e.entity_type.as_str(), "service_request" | "user") => {
                    Html::default()
                }
                None => html! { <>{ entity_label(i18n, &e.entity_type) }{ " · " }</> },
            };
            (
                html! { <>{ subject }{ action_label(i18n, &e.entity_type, &e.action) }</> },
                details(i18n, &props.dealers, e),
            )
        }
    }
}

/// The timeline panel.
pub fn timeline(i18n: &I18n, props: &TimelineProps) -> Html {
    let title = props
        .title
        .clone()
        .unwrap_or_else(|| AttrValue::from(i18n.m(M::Timeline)));
    let body = if props.entries.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoTimeline) }</p> }
    } else {
        let rows = props.entries.iter().enumerate().map(|(i, e)| {
            let (what, more) = entry_body(i18n, props, e);
            let who = e.actor_display_name.clone().unwrap_or_else(|| i18n.s(S::System).to_owned());
            html! {
                <li key={i} data-testid="timeline-row" data-kind={e.kind.clone()} data-action={e.action.clone()}>
                    <div data-testid={format!("tl-{}", e.action)}>
                        <div class="tl-head">
                            <strong>{ what }</strong>
                            <span class="muted">{ " · " }<time data-testid="tl-when">{ local_minutes(&e.at) }</time>{ " · " }<span data-testid="tl-who">{ who }</span></span>
                        </div>
                        { more }
                    </div>
                </li>
            }
        });
        html! { <ol class="timeline" data-testid="timeline">{ for rows }</ol> }
    };
    html! {
        <section class="panel" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{ title }</h2>
            { body }
        </section>
    }
}
