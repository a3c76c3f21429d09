//! A customer (客户档案): the archive page (fields, the machines they bought
//! and their service history and record changes, newest first) and the form
//! that creates or edits one, described by its fields.

use super::common::{
    FormPage, Head, RecordProps, active_badge, archive_actions, dealer_choices, dealer_name,
    loaded, machine_status_badge, notices, use_can, use_dealers, use_form_page, use_is_dealer,
    use_just_saved, use_record,
};
use super::machine::NewMachineQuery;
use super::warranty::warranty_summary;
use crate::components::active_toggle::ActiveToggleProps;
use crate::components::data_table::table_head;
use crate::components::definition_list::{facts, or_dash};
use crate::components::form::Choice;
use crate::components::record_form::{Check, Draft, Field, FieldKind, validate};
use crate::components::record_page::{RecordFrame, record_page};
use crate::components::timeline::{TimelineProps, timeline};
use crate::components::{AppLinkProps, Tone, app_link, badge};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, customer_kind, machine_category};
use crate::route::Route;
use furrow_domain::Permission;
use furrow_domain::archive::CustomerArchive;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{CustomerInput, CustomerKind, CustomerView};
use serde_json::Value;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

const API: &str = "/customers";

fn detail(id: String) -> Route {
    Route::CustomerDetail { id }
}

/// The customer's form fields; a dealer user's customers keep their dealer.
fn fields(i18n: &I18n, draft: &Draft, dealers: Option<&[DealerView]>) -> Vec<Field> {
    let current = |key: &str| draft.get(key).and_then(Value::as_str).unwrap_or_default();
    let creating = current("id").is_empty();
    let mut kinds = vec![Choice::new("", i18n.t(T::NotSet))];
    kinds.extend(
        CustomerKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), i18n.m(customer_kind(*k)))),
    );
    let mut code = Field::text("code", i18n.m(M::CustomerCode))
        .required_if(!creating)
        .max(32);
    if creating {
        code = code.hint(i18n.m(M::CustomerCodeHint));
    }
    let tel = FieldKind::Text("tel");
    let coordinate = FieldKind::Number { integer: false };
    let mut fields = vec![
        code,
        Field::text("name", i18n.m(M::CustomerName))
            .required()
            .max(200),
        Field::select("kind", i18n.m(M::CustomerKindLabel), kinds).required(),
        Field::new("phone", i18n.m(M::Phone), tel.clone()).required(),
        Field::new("alt_phone", i18n.m(M::AltPhone), tel),
        Field::new("email", i18n.m(M::Email), FieldKind::Text("email")),
        Field::text("province", i18n.m(M::Province))
            .required()
            .max(50),
        Field::text("city", i18n.m(M::City)),
        Field::text("county", i18n.m(M::County)),
        Field::text("address", i18n.m(M::Address)),
        Field::new("lat", i18n.m(M::Lat), coordinate.clone()).hint(i18n.m(M::CoordsHint)),
        Field::new("lon", i18n.m(M::Lon), coordinate),
    ];
    if let Some(dealers) = dealers {
        let choices = dealer_choices(i18n, dealers, current("dealer_id"));
        fields.push(Field::select(
            "dealer_id",
            i18n.m(M::SellingDealer),
            choices,
        ));
    }
    fields.push(Field::new("notes", i18n.m(M::Notes), FieldKind::TextArea));
    fields
}

/// Creating or editing a customer; the saved record opens with a notice.
#[function_component(CustomerFormPage)]
pub fn customer_form_page(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let is_dealer = use_is_dealer();
    let dealers = use_dealers();
    let spec = FormPage {
        name: "customer",
        api: API,
        list: (Route::Customers, M::CustomersTitle),
        create_title: M::CreateCustomerTitle,
        detail,
        fields: Box::new(move |d| fields(&i18n, d, (!is_dealer).then_some(&dealers[..]))),
        check: Check(|v| validate(v, CustomerInput::validate)),
        fresh: Draft::new(),
        permission: Permission::EditMasterData,
        toggle: false,
        edit_page: true,
        above: Html::default(),
    };
    use_form_page(spec, props.id, |i18n, c: &CustomerView| Head {
        title: i18n.mf(M::EditCustomerTitle, &[&c.name]),
        meta: vec![html! { <span class="mono">{ &c.code }</span> }],
        name: c.name.clone(),
        id: c.id,
        version: c.version,
        active: c.active,
    })
}

/// The customer archive.
#[function_component(CustomerArchiveView)]
pub fn customer_archive_view(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let can_edit = use_can(Permission::EditMasterData);
    let can_report = use_can(Permission::CreateServiceRequests);
    let (archive, on_reload) = use_record::<CustomerArchive>(API, props.id, "/archive");
    let dealers = use_dealers();
    let flags = use_just_saved();
    let a = match loaded(&i18n, &archive, &on_reload) {
        Ok(a) => a,
        Err(page) => return page,
    };
    let c = &a.customer;
    let region = [
        Some(c.province.as_str()),
        c.city.as_deref(),
        c.county.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let coords = match (c.lat, c.lon) {
        (Some(lat), Some(lon)) => Some(format!("{lat}, {lon}")),
        _ => None,
    };
    let columns = [
        M::Serial,
        M::Model,
        M::Category,
        M::SaleDate,
        M::Warranty,
        M::Status,
    ];
    let columns = columns.map(|c| i18n.m(c));
    let machines = if a.machines.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoMachinesOwned) }</p> }
    } else {
        html! {
            <div class="table-wrap">
                <table class="table" data-testid="customer-machines">
                    { table_head(&columns) }
                    <tbody>
                        { for a.machines.iter().map(|m| html! {
                            <tr key={m.id.to_string()} class={classes!((!m.active).then_some("row-muted"))}>
                                <td class="mono">
                                    { app_link(&yew::props!(AppLinkProps { to: Route::MachineDetail { id: m.id.to_string() }, children: html! { <>{ &m.serial_number }</> } })) }
                                </td>
                                <td>{ &m.model_name }</td>
                                <td>{ i18n.m(machine_category(m.category)) }</td>
                                <td class="nowrap">{ m.sale_date.map(crate::time::day_text).unwrap_or_default() }</td>
                                <td>{ warranty_summary(&i18n, &m.warranty, "customer-machine-warranty") }</td>
                                <td>{ machine_status_badge(&i18n, m.status) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };
    let add_machine = {
        let id = c.id;
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() {
                return;
            }
            e.prevent_default();
            if let Some(n) = &navigator {
                let _ =
                    n.push_with_query(&Route::NewMachine, NewMachineQuery { customer: Some(id) });
            }
        })
    };
    let machine_names: Vec<(Uuid, String)> = a
        .machines
        .iter()
        .map(|m| (m.id, m.serial_number.clone()))
        .collect();
    let toggle = yew::props!(ActiveToggleProps {
        api: API,
        id: c.id,
        version: c.version,
        active: c.active,
        name: c.name.clone(),
        on_done: on_reload.clone(),
    });
    let edit = (
        Route::EditCustomer {
            id: c.id.to_string(),
        },
        "customer-edit",
    );
    let actions = archive_actions(&i18n, (can_report, can_edit), (c.id, None), edit, toggle);
    let frame = RecordFrame {
        testid: "customer-archive".into(),
        narrow: false,
        back: (
            Route::Customers,
            i18n.mf(M::BackTo, &[i18n.m(M::CustomersTitle)]),
        ),
        title: html! { <span data-testid="customer-title">{ &c.name }</span> },
        meta: vec![
            html! { <span class="mono" data-testid="customer-code">{ &c.code }</span> },
            badge(Tone::Info, i18n.m(customer_kind(c.kind)), None),
            active_badge(&i18n, c.active),
        ],
        actions,
        notices: notices(&i18n, &flags, "customer", &c.name, c.active),
    };
    let basic = facts(
        html! { i18n.m(M::BasicInfo) },
        Some("customer-facts"),
        false,
        vec![
            (
                i18n.m(M::Phone),
                html! { <span class="mono" data-testid="fact-phone">{ &c.phone }</span> },
            ),
            (i18n.m(M::AltPhone), or_dash(c.alt_phone.as_deref())),
            (i18n.m(M::Email), or_dash(c.email.as_deref())),
            (i18n.m(M::Region), or_dash(Some(&region))),
            (i18n.m(M::Address), or_dash(c.address.as_deref())),
            (
                &format!("{} / {}", i18n.m(M::Lat), i18n.m(M::Lon)),
                or_dash(coords.as_deref()),
            ),
            (
                i18n.m(M::SellingDealer),
                or_dash(Some(&dealer_name(&dealers, c.dealer_id))),
            ),
            (i18n.m(M::Notes), or_dash(c.notes.as_deref())),
        ],
    );
    record_page(
        frame,
        html! {
            <>
                { basic }
                <section class="panel" aria-labelledby="machines-h">
                    <div class="panel-header">
                        <h2 id="machines-h">{ format!("{} ({})", i18n.m(M::MachinesOwned), a.machines.len()) }</h2>
                        if can_edit && c.active {
                            <a href={format!("{}?customer={}", Route::NewMachine.to_path(), c.id)} class="btn btn-small"
                               data-testid="customer-add-machine" onclick={add_machine}>
                                { i18n.m(M::AddMachine) }
                            </a>
                        }
                    </div>
                    { machines }
                </section>
                { timeline(&i18n, &yew::props!(TimelineProps { entries: a.timeline.clone(), machines: machine_names, dealers })) }
            </>
        },
    )
}
