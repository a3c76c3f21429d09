//! Product models (产品型号): the list by category, and one model's form with
//! its technical parameters (技术参数, key/value rows) and warranty months.

use super::common::{ActiveToggle, ToggleRun, active_badge, use_can};
use super::list::{Filter, ListSpec, same_param, use_master_list};
use crate::components::data_table::{Column, Table, link_cell};
use crate::components::form::{
    Choice, FieldErrors, SelectFieldProps, TextFieldProps, select_field, text_field,
};
use crate::components::record::ready;
use crate::components::{AppLinkProps, NoticeKind, NoticeProps, app_link, notice};
use crate::hooks::{Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::{M, machine_category};
use crate::route::Route;
use crate::services::product_models;
use furrow_domain::master::{MachineCategory, ModelParam, ProductModelInput, ProductModelView};
use furrow_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Flags {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<u8>,
}

#[function_component(ModelListPage)]
pub fn model_list_page() -> Html {
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    type Col = Column<ProductModelView>;
    let columns = vec![
        Col::new(i18n.m(M::ModelCode), |_, m| {
            link_cell(
                Route::ProductModelDetail {
                    id: m.id.to_string(),
                },
                &m.code,
            )
        })
        .class("mono")
        .sort("code"),
        Col::new(i18n.m(M::ModelName), |_, m| html! { &m.name }).sort("name"),
        Col::new(
            i18n.m(M::Category),
            |i18n, m| html! { i18n.m(machine_category(m.category)) },
        )
        .sort("category"),
        Col::new(i18n.m(M::WarrantyMonths), |i18n, m| {
            html! { i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()]) }
        })
        .class("nowrap"),
        Col::new(i18n.m(M::TechParams), |_, m| {
            let params = m.params.iter().take(3);
            let params = params.map(|p| format!("{} {}", p.key, p.value));
            let more = m.params.len().saturating_sub(3);
            html! {
                <>
                    { params.collect::<Vec<_>>().join(" · ") }
                    if more > 0 { <span class="muted">{ format!(" +{more}") }</span> }
                </>
            }
        })
        .class("params-cell"),
        Col::new(i18n.m(M::Status), |i18n, m| active_badge(i18n, m.active)),
    ];
    let categories = MachineCategory::ALL
        .iter()
        .map(|c| (c.as_str(), i18n.m(machine_category(*c)).into()));
    use_master_list(ListSpec {
        route: Route::ProductModels,
        api: "/product-models",
        name: "models",
        title: M::ModelsTitle,
        create: can_manage.then_some((Route::NewProductModel, M::NewModel)),
        filters: vec![
            Filter::Text {
                key: "q",
                label: M::ModelSearchPlaceholder,
                placeholder: M::ModelSearchPlaceholder,
                suggest: &[],
                short: false,
            },
            Filter::Select {
                key: "category",
                label: M::Category,
                choices: std::iter::once(("", i18n.m(M::All).into()))
                    .chain(categories)
                    .collect(),
            },
        ],
        table: Table {
            testid: "models-table",
            row_testid: |_| "model-row".into(),
            empty: i18n.m(M::NoModels).into(),
            empty_testid: "models-empty",
            columns,
            key: |m| m.id.to_string(),
            row_class: |m| (!m.active).then_some("row-muted"),
        },
        row_code: Some(|m| m.code.clone()),
        empty_filtered: Some(M::NoModelsMatch),
        param: same_param,
    })
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[function_component(ModelDetail)]
pub fn model_detail(props: &DetailProps) -> Html {
    let DetailProps { id } = props;
    let i18n = use_i18n();
    let can_manage = use_can(Permission::ManageCatalog);
    let created = use_location()
        .and_then(|l| l.query::<Flags>().ok())
        .and_then(|f| f.created)
        .is_some();
    let reload = use_state(|| 0u32);
    let model = use_api((*id, *reload), |(id, _)| product_models::get(id));
    let on_reload = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let on_saved = {
        let model = model.clone();
        Callback::from(move |m: ProductModelView| model.set(Remote::Ready(m)))
    };
    let m = match ready(&i18n, &model, &on_reload) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let run: ToggleRun = {
        let (m, on_saved) = (m.clone(), on_saved.clone());
        Callback::from(move |active: bool| {
            let on_saved = on_saved.clone();
            let (id, version) = (m.id, m.version);
            Box::pin(async move {
                on_saved.emit(product_models::set_active(id, version, active).await?);
                Ok(())
            }) as _
        })
    };
    let body = if can_manage {
        html! { <ModelForm model={Some(m.clone())} {on_saved} on_reload={on_reload.clone()} /> }
    } else {
        html! {
            <section class="panel">
                <h2>{ i18n.m(M::TechParams) }</h2>
                <table class="table kv-table" data-testid="model-params">
                    <tbody>
                        { for m.params.iter().map(|p| html! { <tr><th scope="row">{ &p.key }</th><td>{ &p.value }</td></tr> }) }
                    </tbody>
                </table>
            </section>
        }
    };
    html! {
        <div class="page narrow" data-testid="model-detail-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ProductModels, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::ModelsTitle)]) }</> } })) }
                    <h1>{ i18n.mf(M::EditModelTitle, &[&m.code]) }</h1>
                    <p class="muted">
                        { format!("{} · {} · ", m.name, i18n.m(machine_category(m.category))) }
                        { i18n.mf(M::WarrantyMonthsN, &[&m.warranty_months.to_string()]) }
                        { " · " }{ active_badge(&i18n, m.active) }
                        { format!(" · {} {}", i18n.t(T::Version), m.version) }
                    </p>
                </div>
                if can_manage {
                    <div class="header-actions">
                        <ActiveToggle active={m.active} name={m.code.clone()} {run} on_stale={on_reload} />
                    </div>
                }
            </header>
            if created {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.mf(M::Created, &[&m.code]), testid: "model-created" })) }
            }
            { body }
        </div>
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    code: String,
    name: String,
    category: String,
    warranty_months: String,
    params: Vec<ModelParam>,
}

impl Draft {
    fn of(m: &ProductModelView) -> Self {
        Draft {
            code: m.code.clone(),
            name: m.name.clone(),
            category: m.category.as_str().to_owned(),
            warranty_months: m.warranty_months.to_string(),
            params: m.params.clone(),
        }
    }

    fn input(&self) -> Result<ProductModelInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = MachineCategory::parse(&self.category);
        if category.is_none() {
            errors.push(FieldError {
                field: "category".into(),
                code: "required".into(),
                message: "category is required".into(),
            });
        }
        let months = match self.warranty_months.trim().parse::<i32>() {
            Ok(n) => n,
            Err(_) => {
                errors.push(FieldError {
                    field: "warranty_months".into(),
                    code: if self.warranty_months.trim().is_empty() {
                        "required"
                    } else {
                        "not_a_number"
                    }
                    .into(),
                    message: "warranty_months must be a number".into(),
                });
                0
            }
        };
        let input = ProductModelInput {
            code: self.code.trim().to_owned(),
            name: self.name.trim().to_owned(),
            category: category.unwrap_or(MachineCategory::Other),
            // Rows left completely empty are dropped, not refused.
            params: self
                .params
                .iter()
                .filter(|p| !(p.key.trim().is_empty() && p.value.trim().is_empty()))
                .map(|p| ModelParam {
                    key: p.key.trim().to_owned(),
                    value: p.value.trim().to_owned(),
                })
                .collect(),
            warranty_months: months,
        };
        if let Err(v) = input.validate() {
            // A months field that is not a number is already reported.
            let months_reported = errors.iter().any(|e| e.field == "warranty_months");
            errors.extend(
                v.0.into_iter()
                    .filter(|e| !(months_reported && e.field == "warranty_months")),
            );
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub model: Option<ProductModelView>,
    #[prop_or_default]
    pub on_saved: Callback<ProductModelView>,
    #[prop_or_default]
    pub on_reload: Callback<()>,
}

#[function_component(ModelForm)]
pub fn model_form(props: &FormProps) -> Html {
    let FormProps {
        model,
        on_saved,
        on_reload,
    } = props;
    let i18n = use_i18n();
    let navigator = use_navigator();
    let form = use_form(|| match model {
        Some(m) => Draft::of(m),
        None => Draft {
            warranty_months: "12".into(),
            params: vec![ModelParam {
                key: String::new(),
                value: String::new(),
            }],
            ..Draft::default()
        },
    });
    {
        let form = form.clone();
        use_effect_with(model.clone(), move |m| {
            if let Some(m) = m {
                form.reset(Draft::of(m));
            }
        });
    }
    let edit = |f: fn(&mut Draft, String)| form.edit(f);
    let draft = form.draft.clone();
    let saved = form.saved.clone();
    let edit_param = |i: usize, is_key: bool| {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut d = (*draft).clone();
                if let Some(p) = d.params.get_mut(i) {
                    if is_key {
                        p.key = input.value();
                    } else {
                        p.value = input.value();
                    }
                }
                draft.set(d);
                saved.set(false);
            }
        })
    };
    let remove_param = |i: usize| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut d = (*draft).clone();
            if i < d.params.len() {
                d.params.remove(i);
            }
            draft.set(d);
        })
    };
    let add_param = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut d = (*draft).clone();
            d.params.push(ModelParam {
                key: String::new(),
                value: String::new(),
            });
            draft.set(d);
        })
    };
    let onsubmit = {
        let form = form.clone();
        let (model, on_saved) = (model.clone(), on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match form.draft.input() {
                Ok(i) => i,
                Err(errs) => return form.refuse(FieldErrors(errs)),
            };
            let navigator = navigator.clone();
            let open = move |m: ProductModelView| {
                if let Some(n) = navigator {
                    let to = Route::ProductModelDetail {
                        id: m.id.to_string(),
                    };
                    let _ = n.push_with_query(&to, Flags { created: Some(1) });
                }
            };
            match model.as_ref().map(|m| (m.id, m.version)) {
                Some((id, version)) => {
                    let call = async move { product_models::update(id, version, &input).await };
                    form.save(true, call, &on_saved, open)
                }
                None => form.save(
                    false,
                    async move { product_models::create(&input).await },
                    &on_saved,
                    open,
                ),
            }
        })
    };
    let mut categories = vec![Choice::new("", i18n.t(T::NotSet))];
    categories.extend(
        MachineCategory::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), i18n.m(machine_category(*c)))),
    );
    let param_rows = draft.params.iter().enumerate().map(|(i, p)| {
        let key_err = form.err(&i18n, &format!("params[{i}].key"));
        let key_id = format!("param-key-{i}");
        html! {
            <tr key={i} data-testid="param-row">
                <td>
                    <label class="sr-only" for={key_id.clone()}>{ i18n.m(M::ParamKey) }</label>
                    <input id={key_id.clone()} data-testid={key_id} type="text" value={p.key.clone()}
                           oninput={edit_param(i, true)} placeholder={i18n.m(M::ParamKey)}
                           aria-invalid={key_err.is_some().then_some("true")} />
                    if let Some(e) = key_err { <div class="field-error">{ e }</div> }
                </td>
                <td>
                    <label class="sr-only" for={format!("param-value-{i}")}>{ i18n.m(M::ParamValue) }</label>
                    <input id={format!("param-value-{i}")} data-testid={format!("param-value-{i}")} type="text"
                           value={p.value.clone()} oninput={edit_param(i, false)} placeholder={i18n.m(M::ParamValue)} />
                </td>
                <td class="actions">
                    <button type="button" class="btn btn-small btn-danger-ghost" onclick={remove_param(i)}
                            aria-label={i18n.mf(M::RemoveParamN, &[&(i + 1).to_string()])}
                            data-testid={format!("param-remove-{i}")}>
                        { i18n.m(M::RemoveParam) }
                    </button>
                </td>
            </tr>
        }
    });
    let err = |f: &str| form.err(&i18n, f);
    let busy = *form.busy;
    let creating = model.is_none();
    let body = html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid="model-form">
            { form.failure_banner(&i18n, &["code", "name", "category", "warranty_months", "params["], on_reload, "save-error") }
            { form.saved_notice(&i18n, "model-saved") }
            <div class="form-grid">
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "model-code", label: i18n.m(M::ModelCode), required: true, value: draft.code.clone(), oninput: edit(|d, v| d.code = v), error: err("code"), maxlength: 40, autocomplete: "off" })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "model-name", label: i18n.m(M::ModelName), required: true, value: draft.name.clone(), oninput: edit(|d, v| d.name = v), error: err("name"), maxlength: 200, autocomplete: "off" })) }
                { select_field(&i18n, &yew::props!(SelectFieldProps { id: "model-category", label: i18n.m(M::Category), required: true, value: draft.category.clone(), choices: categories, onchange: edit(|d, v| d.category = v), error: err("category") })) }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "model-warranty_months", label: i18n.m(M::WarrantyMonths), required: true, value: draft.warranty_months.clone(), oninput: edit(|d, v| d.warranty_months = v), hint: i18n.m(M::WarrantyMonthsHint), error: err("warranty_months") })) }
            </div>
            <fieldset class="field">
                <legend>{ i18n.m(M::TechParams) }</legend>
                <table class="table param-table" data-testid="param-table">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.m(M::ParamKey) }</th>
                            <th scope="col">{ i18n.m(M::ParamValue) }</th>
                            <th scope="col"><span class="sr-only">{ i18n.t(T::ColActions) }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for param_rows }</tbody>
                </table>
                <div>
                    <button type="button" class="btn btn-small" onclick={add_param} data-testid="param-add">
                        { format!("+ {}", i18n.m(M::AddParam)) }
                    </button>
                </div>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled={busy} data-testid="model-save">
                    { if busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                </button>
                { app_link(&yew::props!(AppLinkProps { to: Route::ProductModels, classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
            </div>
        </form>
    };
    if !creating {
        return body;
    }
    // Creating: the form is the whole page.
    html! {
        <div class="page narrow" data-testid="model-create-page">
            <header class="page-header">
                <div>
                    { app_link(&yew::props!(AppLinkProps { to: Route::ProductModels, classes: "back-link", children: html! { <>{ i18n.mf(M::BackTo, &[i18n.m(M::ModelsTitle)]) }</> } })) }
                    <h1>{ i18n.m(M::CreateModelTitle) }</h1>
                </div>
            </header>
            { body }
        </div>
    }
}
