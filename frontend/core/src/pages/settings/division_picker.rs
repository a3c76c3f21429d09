//! Picking a station's divisions by name (province → prefecture → county,
//! each with its GB/T 2260 code), from the domain's table of names, instead
//! of typing codes; the codes already chosen are named beside the field.

use crate::components::form::{Choice, SelectFieldProps, select_field};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::home::H;
use furrow_domain::division::Division;
use furrow_domain::division_names::{children, name_of};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DivisionPickerProps {
    /// The id prefix of the three selects and the add button.
    pub id: AttrValue,
    /// The codes as typed in the station's field, to name them.
    pub codes: AttrValue,
    /// Adds the division picked.
    pub on_pick: Callback<Division>,
}

/// A level's select: "—" then each division as `name code`.
fn level(
    i18n: &I18n,
    (id, label): (String, &str),
    parent: Option<Division>,
    set: &UseStateHandle<Option<Division>>,
    reset: Vec<UseStateHandle<Option<Division>>>,
) -> Html {
    let value = **set;
    let mut choices = vec![Choice::new("", "—")];
    choices.extend(
        children(parent)
            .into_iter()
            .map(|p| Choice::new(p.code.to_string(), format!("{} {}", p.name, p.code))),
    );
    let set = set.clone();
    let onchange = Callback::from(move |v: String| {
        set.set(Division::from_code(&v));
        for r in &reset {
            r.set(None);
        }
    });
    select_field(
        i18n,
        &yew::props!(SelectFieldProps {
            id,
            label: AttrValue::from(label.to_owned()),
            value: value.map(|d| d.to_string()).unwrap_or_default(),
            choices,
            onchange,
            optional: true,
        }),
    )
}

#[function_component(DivisionPicker)]
pub fn division_picker(props: &DivisionPickerProps) -> Html {
    let i18n = use_i18n();
    let province = use_state(|| None::<Division>);
    let prefecture = use_state(|| None::<Division>);
    let county = use_state(|| None::<Division>);
    let id = |s: &str| format!("{}-{s}", props.id);
    let picked = (*county).or(*prefecture).or(*province);
    let add = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = picked {
                on_pick.emit(d);
            }
        })
    };
    let named = props
        .codes
        .split([' ', ',', '，', '、'])
        .filter_map(Division::from_code)
        .map(|d| match name_of(d) {
            Some(n) => format!("{n} {d}"),
            None => d.to_string(),
        })
        .collect::<Vec<_>>();
    html! {
        <div class="division-picker field-wide" data-testid={props.id.clone()}>
            if !named.is_empty() {
                <p class="muted small" data-testid={id("named")}>{ named.join("、") }</p>
            }
            <div class="form-grid">
                { level(&i18n, (id("province"), i18n.h(H::NetProvince)), None, &province, vec![prefecture.clone(), county.clone()]) }
                if let Some(p) = *province {
                    { level(&i18n, (id("prefecture"), i18n.h(H::NetPrefecture)), Some(p), &prefecture, vec![county.clone()]) }
                }
                if let Some(p) = *prefecture {
                    { level(&i18n, (id("county"), i18n.h(H::NetCounty)), Some(p), &county, vec![]) }
                }
            </div>
            <button type="button" class="btn btn-small" disabled={picked.is_none()} onclick={add}
                    data-testid={id("add")}>
                { i18n.h(H::NetAddDivision) }
            </button>
        </div>
    }
}
