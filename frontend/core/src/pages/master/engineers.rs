//! Service engineers (售后服务工程师): skills by machine category as badges,
//! home base and availability; their profile is edited with `If-Match`.

use super::absences::EngineerAbsences;
use super::common::{FormPage, Head, RecordProps, use_can, use_form_page};
use super::list::{choose, same_param};
use crate::components::data_table::{Column, Table};
use crate::components::form::Choice;
use crate::components::list_page::{ListSpec, edit_column, use_list_page};
use crate::components::list_toolbar::Filter;
use crate::components::record_form::{Check, Draft, Field, FieldKind, validate};
use crate::components::{Tone, badge};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category};
use crate::route::Route;
use crate::time::local_minutes;
use furrow_domain::Permission;
use furrow_domain::master::{EngineerProfileInput, EngineerView, MachineCategory};
use yew::prelude::*;

const API: &str = "/engineers";

/// `status=available|unavailable` in the URL is the API's `active`.
fn engineer_param(key: &str, value: &str) -> Option<(&'static str, String)> {
    match (key, value) {
        ("status", "available") => Some(("active", "true".into())),
        ("status", "unavailable") => Some(("active", "false".into())),
        ("status", _) => None,
        _ => same_param(key, value),
    }
}

fn skill_badges(i18n: &I18n, skills: &[MachineCategory]) -> Html {
    if skills.is_empty() {
        return html! { <span class="muted">{ i18n.m(M::NoSkills) }</span> };
    }
    html! {
        <span class="chip-row" data-testid="engineer-skills">
            { for skills.iter().map(|s| html! { { badge(Tone::Info, i18n.m(machine_category(*s)), None) } }) }
        </span>
    }
}

fn availability(i18n: &I18n, active: bool) -> Html {
    if active {
        html! { { badge(Tone::Success, i18n.m(M::Dispatchable), None) } }
    } else {
        html! { { badge(Tone::Neutral, i18n.m(M::NotDispatchable), None) } }
    }
}

#[function_component(EngineerListPage)]
pub fn engineer_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<EngineerView>;
    let mut columns = vec![
        Col::new(i18n.m(M::EngineerName), |_, e| html! { &e.display_name }),
        Col::new(i18n.t(T::Username), |_, e| html! { &e.username }).class("mono"),
        Col::new(i18n.m(M::SkillsShort), |i18n, e| {
            skill_badges(i18n, &e.skills)
        }),
        Col::new(
            i18n.m(M::HomeBase),
            |_, e| html! { e.home_base.as_deref().unwrap_or_default() },
        ),
        Col::new(
            i18n.m(M::Phone),
            |_, e| html! { e.phone.as_deref().unwrap_or_default() },
        )
        .class("mono"),
        Col::new(i18n.m(M::Status), |i18n, e| availability(i18n, e.active)),
    ];
    if can_manage {
        columns.push(edit_column(|e: &EngineerView| Route::EngineerDetail {
            id: e.user_id.to_string(),
        }));
    }
    let skills = MachineCategory::ALL.iter();
    let skills = skills.map(|c| (c.as_str(), machine_category(*c))).collect();
    let availability = vec![
        ("available", M::Dispatchable),
        ("unavailable", M::NotDispatchable),
    ];
    use_list_page(ListSpec {
        route: Route::Engineers,
        api: API,
        counted: false,
        labels: false,
        name: "engineers",
        title: i18n.m(M::EngineersTitle).into(),
        create: None,
        filters: vec![
            Filter::search(
                i18n.m(M::EngineerSearchPlaceholder),
                i18n.m(M::EngineerSearchPlaceholder),
            ),
            choose(&i18n, "skill", M::SkillsShort, skills),
            choose(&i18n, "status", M::Status, availability),
        ],
        table: Table {
            testid: "engineers-table",
            row_testid: |_| "engineer-row".into(),
            empty: i18n.m(M::NoEngineers).into(),
            empty_testid: "engineers-empty",
            columns,
            key: |e| e.user_id.to_string(),
            row_class: |e| (!e.active).then_some("row-muted"),
        },
        row_code: Some(|e| e.username.clone()),
        empty_filtered: None,
        param: engineer_param,
    })
}

/// The profile's form fields.
fn fields(i18n: &I18n) -> Vec<Field> {
    let skills = MachineCategory::ALL
        .iter()
        .map(|c| Choice::new(c.as_str(), i18n.m(machine_category(*c))))
        .collect();
    let coordinate = FieldKind::Number { integer: false };
    vec![
        Field::new("skills", i18n.m(M::Skills), FieldKind::Checks(skills)),
        Field::text("home_base", i18n.m(M::HomeBase)).hint(i18n.m(M::HomeBaseHint)),
        Field::new("phone", i18n.m(M::Phone), FieldKind::Text("tel")),
        Field::new("lat", i18n.m(M::Lat), coordinate.clone()).hint(i18n.m(M::CoordsHint)),
        Field::new("lon", i18n.m(M::Lon), coordinate),
        Field::new("active", i18n.m(M::DispatchableLabel), FieldKind::Check),
    ]
}

/// An engineer's profile; manage_catalog edits it.
#[function_component(EngineerDetail)]
pub fn engineer_detail(props: &RecordProps) -> Html {
    let i18n = use_i18n();
    let can_keep = use_can(Permission::ManageCatalog);
    let spec = FormPage {
        name: "engineer",
        api: API,
        list: (Route::Engineers, M::EngineersTitle),
        create_title: M::EngineersTitle,
        detail: |id| Route::EngineerDetail { id },
        fields: Box::new(move |_| fields(&i18n)),
        check: Check(|v| validate(v, EngineerProfileInput::validate)),
        fresh: Draft::new(),
        permission: Permission::ManageCatalog,
        toggle: false,
        edit_page: false,
        above: match props.id {
            Some(engineer) => html! { <EngineerAbsences {engineer} can_edit={can_keep} /> },
            None => Html::default(),
        },
    };
    use_form_page(spec, props.id, |i18n, e: &EngineerView| Head {
        title: i18n.mf(M::EditEngineerTitle, &[&e.display_name]),
        meta: vec![
            html! { <span class="mono">{ &e.username }</span> },
            availability(i18n, e.active),
            html! { local_minutes(&e.updated_at) },
        ],
        name: e.display_name.clone(),
        id: e.user_id,
        version: e.version,
        // Not dispatchable is not deactivated: the profile stays editable.
        active: true,
    })
}
