//! An archive's timeline (newest first): record changes with old → new
//! values, service requests with their number and status, and part
//! replacements (配件更换记录).

use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::I18n;
use crate::i18n::audit::action_label;
use crate::i18n::master::{M, customer_kind, machine_status, request_status};
use crate::route::Route;
use crate::time::local_minutes;
use furrow_domain::archive::TimelineEntry;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{CustomerKind, MachineStatus};
use furrow_domain::service::{PartLine, RequestStatus};
use serde_json::Value;
use uuid::Uuid;
use yew::prelude::*;

fn field_label(i18n: &I18n, field: &str) -> String {
    use crate::i18n::T;
    let m = |k: M| i18n.m(k).to_owned();
    match field {
        "code" => m(M::CustomerCode),
        "name" => m(M::CustomerName),
        "kind" => m(M::CustomerKindLabel),
        "phone" => m(M::Phone),
        "alt_phone" => m(M::AltPhone),
        "email" => m(M::Email),
        "province" => m(M::Province),
        "city" => m(M::City),
        "county" => m(M::County),
        "address" => m(M::Address),
        "lat" => m(M::Lat),
        "lon" => m(M::Lon),
        "dealer_id" => m(M::SellingDealer),
        "notes" => m(M::Notes),
        "active" => i18n.t(T::ColStatus).to_owned(),
        "serial_number" => m(M::Serial),
        "model_id" => m(M::Model),
        "customer_id" => m(M::Owner),
        "sale_date" => m(M::SaleDate),
        "warranty_end" => m(M::WarrantyEnd),
        "engine_hours" => m(M::EngineHours),
        "status" => m(M::Status),
        "source" => m(M::Source),
        other => other.to_owned(),
    }
}

fn value_text(i18n: &I18n, dealers: &[DealerView], field: &str, v: &Value) -> String {
    match (field, v) {
        (_, Value::Null) => "—".to_owned(),
        ("dealer_id", Value::String(s)) => Uuid::parse_str(s)
            .ok()
            .and_then(|id| dealers.iter().find(|d| d.id == id))
            .map(|d| d.name.clone())
            .unwrap_or_else(|| s.clone()),
        ("kind", Value::String(s)) => CustomerKind::parse(s)
            .map(|k| i18n.m(customer_kind(k)).to_owned())
            .unwrap_or_else(|| s.clone()),
        ("status", Value::String(s)) => MachineStatus::parse(s)
            .map(|k| i18n.m(machine_status(k)).to_owned())
            .unwrap_or_else(|| s.clone()),
        ("active", Value::Bool(b)) => i18n.m(if *b { M::Active } else { M::Inactive }).to_owned(),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// `field: old → new` per change; `field: value` for a creation.
fn change_lines(i18n: &I18n, dealers: &[DealerView], e: &TimelineEntry) -> Vec<String> {
    let Some(obj) = e.details.as_object() else {
        return Vec::new();
    };
    let created = e.action == "created";
    obj.iter()
        .filter(|(_, v)| !(created && v.is_null()))
        .map(|(k, v)| match v.as_array() {
            Some(pair) if pair.len() == 2 && !created => format!(
                "{}: {} → {}",
                field_label(i18n, k),
                value_text(i18n, dealers, k, &pair[0]),
                value_text(i18n, dealers, k, &pair[1])
            ),
            _ => format!(
                "{}: {}",
                field_label(i18n, k),
                value_text(i18n, dealers, k, v)
            ),
        })
        .collect()
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

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Newest first, as the archive answers.
    pub entries: Vec<TimelineEntry>,
    /// Machines of the archive by id, to name and link them (serial number).
    #[prop_or_default]
    pub machines: Vec<(Uuid, String)>,
    #[prop_or_default]
    pub dealers: Vec<DealerView>,
}

pub fn timeline(i18n: &I18n, props: &TimelineProps) -> Html {
    let TimelineProps {
        entries,
        machines,
        dealers,
    } = props;
    let body = if entries.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoTimeline) }</p> }
    } else {
        let rows = entries.iter().enumerate().map(|(i, e)| {
            let (what, details): (Html, Vec<String>) = match e.kind.as_str() {
                "service_request" => {
                    let status = RequestStatus::parse(&e.action)
                        .map(|s| i18n.m(request_status(s)).to_owned())
                        .unwrap_or_else(|| e.action.clone());
                    let symptoms = e.details.get("symptoms").and_then(Value::as_str).unwrap_or_default();
                    (
                        html! {
                            <>
                                { badge(Tone::Info, i18n.m(M::TlServiceRequest), None) }
                                { " " }<span class="mono">{ e.reference.clone().unwrap_or_default() }</span>
                                { " · " }{ status }
                            </>
                        },
                        vec![format!("{}: {symptoms}", i18n.m(M::Symptoms))],
                    )
                }
                "part_replacement" => {
                    // Read from text, as the report's own lines are: the same parser code,
                    // where `from_value` adds a second deserializer (with the one in
                    // users/detail.rs, 5 KB of wasm).
                    let line = serde_json::from_str::<PartLine>(&e.details.to_string()).ok();
                    let text = line
                        .map(|p| {
                            let number = p.part_number.map(|n| format!(" ({n})")).unwrap_or_default();
                            format!(
                                "{}{number} × {}{}",
                                p.name,
                                p.quantity.normalize(),
                                p.unit.map(|u| format!(" {u}")).unwrap_or_default()
                            )
                        })
                        .unwrap_or_default();
                    (
                        html! {
                            <>
                                { badge(Tone::Warning, i18n.m(M::TlPartReplacement), None) }
                                { " " }<span class="mono">{ e.reference.clone().unwrap_or_default() }</span>
                            </>
                        },
                        vec![text],
                    )
                }
                _ => {
                    let subject = match machines.iter().find(|(id, _)| *id == e.entity_id) {
                        Some((id, serial)) => html! {
                            <>
                                { entity_label(i18n, &e.entity_type) }{ " " }
                                { app_link(&yew::props!(AppLinkProps { to: Route::MachineDetail { id: id.to_string() }, classes: "mono", children: html! { <>{ serial.clone() }</> } })) }
                            </>
                        },
                        None => html! { { entity_label(i18n, &e.entity_type) } },
                    };
                    (
                        html! { <>{ subject }{ " · " }{ action_label(i18n, &e.entity_type, &e.action) }</> },
                        change_lines(i18n, dealers, e),
                    )
                }
            };
            html! {
                <tr key={i} data-testid="timeline-row" data-kind={e.kind.clone()}>
                    <td class="nowrap">{ local_minutes(&e.at) }</td>
                    <td class="mono">{ &e.actor_name }</td>
                    <td>{ what }</td>
                    <td class="changes">{ for details.into_iter().map(|d| html! { <div>{ d }</div> }) }</td>
                </tr>
            }
        });
        html! {
            <div class="table-wrap">
                <table class="table" data-testid="timeline">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.m(M::ColWhen) }</th>
                            <th scope="col">{ i18n.m(M::ColWho) }</th>
                            <th scope="col">{ i18n.m(M::ColWhat) }</th>
                            <th scope="col">{ i18n.m(M::ColDetails) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    };
    html! {
        <section class="panel" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{ i18n.m(M::Timeline) }</h2>
            { body }
        </section>
    }
}
