//! A machine (产品档案): the archive page (model and technical parameters
//! 技术参数, owner, warranty with the 三包 extension for repair days, and the
//! timeline with service requests and part replacements 配件更换记录) and the
//! form that creates or edits one. The owner is picked by searching customers
//! by name, phone or code; the warranty end may stay empty: the server
//! computes it from the sale date and the model's warranty months.

use super::certificate::Reissues;
use super::common::{
    FormPage, Head, RecordProps, active_badge, archive_actions, dealer_choices, dealer_name,
    loaded, machine_status_badge, notices, use_can, use_dealers, use_form_page, use_is_dealer,
    use_just_saved, use_record, warranty_badge,
};
use super::warranty::{breakdown, warranty_dialog};
use crate::components::active_toggle::ActiveToggleProps;
use crate::components::data_table::table_head;
use crate::components::definition_list::{facts, or_dash};
use crate::components::form::Choice;
use crate::components::record_form::{Check, Draft, Field, FieldKind, Reference, validate};
use crate::components::record_page::{RecordFrame, record_page};
use crate::components::timeline::{TimelineProps, timeline};
use crate::components::{AppLinkProps, ErrorBannerProps, Tone, app_link, badge, error_banner};
use crate::hooks::{I18n, Remote, use_api, use_i18n};
use crate::i18n::master::{M, customer_kind, machine_category, machine_status};
use crate::pages::service::repeat_fault::RepeatFaults;
use crate::route::Route;
use crate::services::product_models;
use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::Permission;
use furrow_domain::archive::MachineArchive;
use furrow_domain::dealers::DealerView;
use furrow_domain::master::{
    CustomerView, MachineInput, MachineStatus, MachineView, ProductModelView,
};
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

const API: &str = "/machines";

fn detail(id: String) -> Route {
    Route::MachineDetail { id }
}

/// `?customer=<id>`: the owner to start with (from a customer's archive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewMachineQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Uuid>,
}

/// An owner as the picker shows it.
fn owner(c: &CustomerView) -> Choice {
    Choice::new(
        c.id.to_string(),
        format!("{} {} · {} · {}", c.code, c.name, c.phone, c.province),
    )
}

/// Active customers whose name, phone or code holds `q`.
fn find_owners(q: String) -> LocalBoxFuture<'static, Result<Vec<Choice>, ApiError>> {
    let call = Call::get("/customers")
        .query("q", q)
        .query("active", true)
        .query("limit", 8);
    async move {
        call.fetch::<Page<CustomerView>>()
            .await
            .map(|p| p.items.iter().map(owner).collect())
    }
    .boxed_local()
}

/// The machine's form fields.
fn fields(
    i18n: &I18n,
    draft: &Draft,
    models: &[ProductModelView],
    dealers: Option<&[DealerView]>,
) -> Vec<Field> {
    let current = |key: &str| {
        draft
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut model_choices = vec![Choice::new("", i18n.m(M::ChooseModel))];
    let model_now = current("model_id");
    model_choices.extend(
        models
            .iter()
            .filter(|m| m.active || m.id.to_string() == model_now)
            .map(|m| {
                let months = i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()]);
                let label = format!(
                    "{} {} ({}, {months})",
                    m.code,
                    m.name,
                    i18n.m(machine_category(m.category))
                );
                Choice::new(m.id.to_string(), label)
            }),
    );
    let statuses = MachineStatus::ALL
        .iter()
        .map(|s| Choice::new(s.as_str(), i18n.m(machine_status(*s))))
        .collect();
    let picker = Reference {
        label_key: "customer_name",
        search: find_owners,
        placeholder: i18n.m(M::CustomerPickerPlaceholder).into(),
        change: i18n.m(M::ChangeCustomer).into(),
        none: i18n.m(M::CustomerPickerNone).into(),
    };
    let mut fields = vec![
        Field::text("serial_number", i18n.m(M::Serial))
            .required()
            .max(64),
        Field::select("model_id", i18n.m(M::Model), model_choices).required(),
        Field::new(
            "customer_id",
            i18n.m(M::CustomerPicker),
            FieldKind::Reference(picker),
        )
        .required(),
    ];
    if let Some(dealers) = dealers {
        let choices = dealer_choices(i18n, dealers, &current("dealer_id"));
        fields.push(
            Field::select("dealer_id", i18n.m(M::SellingDealer), choices)
                .hint(i18n.m(M::DealerDefaultHint)),
        );
    }
    fields.push(Field::select("status", i18n.m(M::Status), statuses).required());
    // Once registered, the warranty dates change only with a reason, from
    // the machine's page (`WarrantyDialog`); the server refuses a change
    // here (`needs_reason`), so the edit form leaves them out.
    if !draft.contains_key("version") {
        fields.extend([
            Field::new("sale_date", i18n.m(M::SaleDate), FieldKind::Date),
            Field::new("warranty_end", i18n.m(M::WarrantyEnd), FieldKind::Date)
                .hint(i18n.m(M::WarrantyEndHint)),
        ]);
    }
    fields.extend([
        Field::new(
            "engine_hours",
            i18n.m(M::EngineHours),
            FieldKind::Number { integer: true },
        ),
        Field::new("notes", i18n.m(M::Notes), FieldKind::TextArea),
    ]);
    fields
}

/// Creating or editing a machine; the saved record opens with a notice.
#[function_component(MachineFormPage)]
pub fn machine_form_page(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let is_dealer = use_is_dealer();
    let query = use_location()
        .and_then(|l| l.query::<NewMachineQuery>().ok())
        .unwrap_or_default();
    let (first_owner, _) = use_record::<CustomerView>("/customers", query.customer, "");
    let dealers = use_dealers();
    let model_list = use_api((), |_| product_models::list_all());
    let mut fresh = Draft::new();
    fresh.insert("status".into(), MachineStatus::Operational.as_str().into());
    // An unknown owner in the address just leaves the picker empty.
    if let Remote::Ready(Some(c)) = &*first_owner {
        let Choice { value, label } = owner(c);
        fresh.insert("customer_id".into(), value.to_string().into());
        fresh.insert("customer_name".into(), label.to_string().into());
    }
    let (models, above) = match &*model_list {
        Remote::Ready(list) => (list.clone(), Html::default()),
        Remote::Failed(error) => {
            let error = error.clone();
            (
                Vec::new(),
                error_banner(&i18n, &yew::props!(ErrorBannerProps { error })),
            )
        }
        Remote::Loading => (Vec::new(), Html::default()),
    };
    let spec = FormPage {
        name: "machine",
        api: API,
        list: (Route::Machines, M::MachinesTitle),
        create_title: M::CreateMachineTitle,
        detail,
        fields: Box::new(move |d| fields(&i18n, d, &models, (!is_dealer).then_some(&dealers[..]))),
        check: Check(|v| validate(v, MachineInput::validate)),
        fresh,
        permission: Permission::EditMasterData,
        toggle: false,
        edit_page: true,
        above,
    };
    use_form_page(spec, props.id, |i18n, m: &MachineView| Head {
        title: i18n.mf(M::EditMachineTitle, &[&m.serial_number]),
        meta: Vec::new(),
        name: m.serial_number.clone(),
        id: m.id,
        version: m.version,
        active: m.active,
    })
}

/// `name`, or `code name` when the name does not already say the code.
fn model_label(code: &str, name: &str) -> String {
    if name.contains(code) {
        name.to_owned()
    } else {
        format!("{code} {name}")
    }
}

/// The machine archive.
#[function_component(MachineArchiveView)]
pub fn machine_archive_view(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let can_edit = use_can(Permission::EditMasterData);
    let can_report = use_can(Permission::CreateServiceRequests);
    let can_change_warranty = use_can(Permission::ChangeWarranty);
    let can_request_reissue = use_can(Permission::RequestCertificateReissue);
    let can_reissue = use_can(Permission::ReissueCertificate);
    let changing = use_state(|| false);
    let flags = use_just_saved();
    let (archive, on_reload) = use_record::<MachineArchive>(API, props.id, "/archive");
    let dealers = use_dealers();
    let a = match loaded(&i18n, &archive, &on_reload) {
        Ok(a) => a,
        Err(page) => return page,
    };
    let m = &a.machine;
    let w = &a.warranty;
    let day = |d: Option<chrono::NaiveDate>| or_dash(d.map(crate::time::day_text).as_deref());
    let days_left = match w.days_left {
        Some(d) if d >= 0 => html! { i18n.mf(M::DaysLeftN, &[&d.to_string()]) },
        Some(d) => html! { i18n.mf(M::ExpiredDaysAgo, &[&(-d).to_string()]) },
        None => or_dash(None),
    };
    let params = if a.model.params.is_empty() {
        html! { <p class="empty-state">{ i18n.m(M::NoParams) }</p> }
    } else {
        html! {
            <table class="table kv-table" data-testid="machine-params">
                { table_head(&[i18n.m(M::ParamKey), i18n.m(M::ParamValue)]) }
                <tbody>
                    { for a.model.params.iter().map(|p| html! {
                        <tr><th scope="row">{ &p.key }</th><td>{ &p.value }</td></tr>
                    }) }
                </tbody>
            </table>
        }
    };
    let owner = &a.owner;
    let link = |to: Route, testid: Option<&'static str>, text: String| {
        app_link(&yew::props!(AppLinkProps {
            to,
            testid,
            children: html! { <>{ text }</> }
        }))
    };
    let toggle = yew::props!(ActiveToggleProps {
        api: API,
        id: m.id,
        version: m.version,
        active: m.active,
        name: m.serial_number.clone(),
        on_done: on_reload.clone(),
    });
    let edit = (
        Route::EditMachine {
            id: m.id.to_string(),
        },
        "machine-edit",
    );
    let report = (m.customer_id, Some(m.id));
    let open_change = {
        let changing = changing.clone();
        Callback::from(move |_: MouseEvent| changing.set(true))
    };
    let actions = html! {
        <>
            { archive_actions(&i18n, (can_report, can_edit), report, edit, toggle) }
            if can_change_warranty {
                <button type="button" class="btn" onclick={open_change} data-testid="warranty-change-open">
                    { i18n.m(M::ChangeWarranty) }
                </button>
            }
        </>
    };
    let dialog = if *changing {
        let close = {
            let changing = changing.clone();
            Callback::from(move |_| changing.set(false))
        };
        let done = {
            let (changing, on_reload) = (changing.clone(), on_reload.clone());
            Callback::from(move |_| {
                changing.set(false);
                on_reload.emit(());
            })
        };
        warranty_dialog(&i18n, m, done, close)
    } else {
        Html::default()
    };
    let frame = RecordFrame {
        testid: "machine-archive".into(),
        narrow: false,
        back: (
            Route::Machines,
            i18n.mf(M::BackTo, &[i18n.m(M::MachinesTitle)]),
        ),
        title: html! { <span class="mono" data-testid="machine-title">{ &m.serial_number }</span> },
        meta: vec![
            html! { m.model_name.clone() },
            badge(Tone::Info, i18n.m(machine_category(m.category)), None),
            machine_status_badge(&i18n, m.status),
            active_badge(&i18n, m.active),
        ],
        actions,
        notices: notices(&i18n, &flags, "machine", &m.serial_number, m.active),
    };
    let model = link(
        Route::ProductModelDetail {
            id: a.model.id.to_string(),
        },
        None,
        model_label(&a.model.code, &a.model.name),
    );
    let mut basic = vec![
        (i18n.m(M::Model), model),
        (i18n.m(M::SaleDate), day(m.sale_date)),
        (
            i18n.m(M::EngineHours),
            or_dash(m.engine_hours.map(|h| h.to_string()).as_deref()),
        ),
        (
            i18n.m(M::SellingDealer),
            or_dash(Some(&dealer_name(&dealers, m.dealer_id))),
        ),
        (i18n.m(M::Notes), or_dash(m.notes.as_deref())),
    ];
    if m.replaced_on.is_some() {
        let on = html! { <span data-testid="machine-replaced-on">{ day(m.replaced_on) }</span> };
        basic.insert(2, (i18n.m(M::MachineReplacedOn), on));
    }
    let warranty = vec![
        (i18n.m(M::WarrantyAsSold), day(w.warranty_end)),
        (
            i18n.m(M::ExtensionDays),
            html! { <>{ i18n.mf(M::ExtensionDaysN, &[&w.extension_days.to_string()]) }{ breakdown(&i18n, w, "archive-warranty") }</> },
        ),
        (
            i18n.m(M::EffectiveEnd),
            html! { <strong data-testid="warranty-effective-end">{ day(w.effective_end) }</strong> },
        ),
        (i18n.m(M::ExtendedWarrantyEnd), day(w.extended_warranty_end)),
        (i18n.m(M::DaysLeft), days_left),
    ];
    let region = [
        Some(owner.province.as_str()),
        owner.city.as_deref(),
        owner.county.as_deref(),
    ];
    let region = region.into_iter().flatten().collect::<Vec<_>>().join(" ");
    let owner_facts = vec![
        (
            i18n.m(M::Owner),
            link(
                detail_of_customer(owner.id),
                Some("machine-owner"),
                owner.name.clone(),
            ),
        ),
        (
            i18n.m(M::CustomerKindLabel),
            html! { i18n.m(customer_kind(owner.kind)) },
        ),
        (
            i18n.m(M::Phone),
            html! { <span class="mono">{ &owner.phone }</span> },
        ),
        (i18n.m(M::Region), or_dash(Some(&region))),
    ];
    let warranty_heading =
        html! { <>{ i18n.m(M::WarrantySection) }{ " " }{ warranty_badge(&i18n, w.status) }</> };
    record_page(
        frame,
        html! {
            <>
                <div class="columns">
                    <div class="column-main">
                        { facts(html! { i18n.m(M::BasicInfo) }, None, false, basic) }
                        <section class="panel" aria-labelledby="params-h">
                            <h2 id="params-h">{ i18n.m(M::TechParams) }</h2>
                            { params }
                        </section>
                    </div>
                    <div class="column-side">
                        { facts(warranty_heading, Some("machine-warranty"), true, warranty) }
                        { facts(html! { i18n.m(M::OwnerSection) }, None, true, owner_facts) }
                    </div>
                </div>
                <RepeatFaults machine_id={m.id} />
                <Reissues machine_id={m.id} reissues={a.certificate_reissues.clone()}
                          can_request={can_request_reissue} can_reissue={can_reissue}
                          on_done={on_reload.clone()} />
                { parts_issued(&i18n, &a.parts_issued) }
                { timeline(&i18n, &yew::props!(TimelineProps { entries: a.timeline.clone(), machines: vec![(m.id, m.serial_number.clone())], dealers })) }
                { dialog }
            </>
        },
    )
}

fn detail_of_customer(id: Uuid) -> Route {
    Route::CustomerDetail { id: id.to_string() }
}

/// The parts issued on the machine through requisitions (领用发料), with the
/// work order each went into.
fn parts_issued(i18n: &crate::hooks::I18n, parts: &[furrow_domain::parts::IssuedPart]) -> Html {
    use crate::i18n::T;
    html! {
        <section class="panel" data-testid="machine-parts-issued">
            <h2>{ i18n.t(T::PartsIssuedTitle) }</h2>
            if parts.is_empty() {
                <p class="empty-state">{ i18n.t(T::PartsIssuedNone) }</p>
            } else {
                <table class="table">
                    { table_head(&[i18n.t(T::RqPart), "", i18n.t(T::PartsIssuedQuantity), i18n.t(T::RqWorkOrder), i18n.t(T::RqNumber)]) }
                    <tbody>
                        { for parts.iter().map(|p| html! {
                            <tr data-testid={format!("issued-part-{}", p.part_number)}>
                                <td class="mono">{ &p.part_number }</td>
                                <td>{ &p.name }</td>
                                <td class="num" data-testid="issued-part-quantity">{ p.quantity.normalize().to_string() }{ " " }{ p.unit.clone().unwrap_or_default() }</td>
                                <td class="mono" data-testid="issued-part-work-order">{ &p.work_order_number }</td>
                                <td class="mono">{ &p.requisition_number }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
