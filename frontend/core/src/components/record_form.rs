//! One form for every master record, from a descriptor of its fields.
//!
//! The draft is the record as JSON (a `serde_json::Map` built from the view),
//! so a single non-generic component serves customers, machines, product
//! models, dealers and engineers: yew emits code per component and per state
//! type, and this one is paid for once. On submit the fields become the API's
//! input (blank text is `null`, numbers are numbers), the shared domain
//! validation runs through the resource's [`Check`], and the plumbing (busy,
//! 422 on the fields with the focus on the first, 412 reload, 409 detail) is
//! `use_form`'s.

use crate::components::form::{
    Choice, DateKind, FieldErrors, SelectFieldProps, TextFieldProps, date_field, select_field,
    text_area, text_field, ticked,
};
use crate::components::{
    AppLinkProps, ErrorBannerProps, NoticeKind, NoticeProps, app_link, error_banner, loading,
    notice,
};
use crate::hooks::{Form, I18n, Remote, use_api, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::master::M;
use crate::route::Route;
use crate::services::requests::{ApiError, Call, new_nonce};
use furrow_domain::FieldError;
use furrow_domain::validation::ValidationErrors;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A record being edited: its fields by their API names.
pub type Draft = Map<String, Value>;

/// A record read from its JSON (the API's answer, a form's input).
pub fn typed<V: DeserializeOwned>(answer: &Value) -> Option<V> {
    serde_json::from_str(&answer.to_string()).ok()
}

/// What a field holds and how it is typed.
#[derive(Clone, PartialEq)]
pub enum FieldKind {
    /// One line; the input's `type` (`text`, `tel`, `email`).
    Text(&'static str),
    /// Long free text, across the whole form.
    TextArea,
    /// One of the choices; the empty value is `null`.
    Select(Vec<Choice>),
    /// A number; `integer` refuses fractions.
    Number { integer: bool },
    /// A day (`YYYY-MM-DD`).
    Date,
    /// Yes or no.
    Check,
    /// Some of the choices, a list of their values in the choices' order.
    Checks(Vec<Choice>),
    /// Rows of key and value (`[{"key", "value"}]`); blank rows are dropped.
    Pairs,
    /// Another record, found by searching.
    Reference(Reference),
}

/// The records a typed text finds, as choices (value = id).
pub type Search = fn(String) -> LocalBoxFuture<'static, Result<Vec<Choice>, ApiError>>;

/// A picker of another record: a search box, then the chosen one.
#[derive(Clone)]
pub struct Reference {
    /// Where the draft keeps the chosen record's name (not sent).
    pub label_key: &'static str,
    pub search: Search,
    pub placeholder: AttrValue,
    /// The button that clears the choice.
    pub change: AttrValue,
    /// Nothing found.
    pub none: AttrValue,
}

impl PartialEq for Reference {
    fn eq(&self, other: &Self) -> bool {
        self.label_key == other.label_key
            && std::ptr::fn_addr_eq(self.search, other.search)
            && self.placeholder == other.placeholder
    }
}

/// One field of a record's form.
#[derive(Clone, PartialEq)]
pub struct Field {
    /// The name in the view and in the input.
    pub key: &'static str,
    pub label: AttrValue,
    pub kind: FieldKind,
    pub required: bool,
    pub hint: Option<AttrValue>,
    pub maxlength: Option<u32>,
}

impl Field {
    pub fn new(key: &'static str, label: impl Into<AttrValue>, kind: FieldKind) -> Self {
        Field {
            key,
            label: label.into(),
            kind,
            required: false,
            hint: None,
            maxlength: None,
        }
    }

    /// A one-line text field.
    pub fn text(key: &'static str, label: impl Into<AttrValue>) -> Self {
        Field::new(key, label, FieldKind::Text("text"))
    }

    /// One of `choices`.
    pub fn select(key: &'static str, label: impl Into<AttrValue>, choices: Vec<Choice>) -> Self {
        Field::new(key, label, FieldKind::Select(choices))
    }

    pub fn required(self) -> Self {
        self.required_if(true)
    }

    pub fn required_if(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    pub fn hint(mut self, hint: impl Into<AttrValue>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn max(mut self, chars: u32) -> Self {
        self.maxlength = Some(chars);
        self
    }
}

/// The shared domain validation of a resource's input.
#[derive(Clone, Copy)]
pub struct Check(pub fn(&Value) -> Vec<FieldError>);

impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

/// The errors of `validate` on the input read as `I`; none when it does not
/// even read (a missing required field, already refused by the form).
pub fn validate<I: DeserializeOwned>(
    input: &Value,
    validate: fn(&I) -> Result<(), ValidationErrors>,
) -> Vec<FieldError> {
    match typed::<I>(input).map(|i| validate(&i)) {
        Some(Err(v)) => v.0,
        _ => Vec::new(),
    }
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn refusal(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
        message: format!("{field}: {code}"),
    }
}

fn number(text: &str, integer: bool) -> Option<Value> {
    if integer {
        text.parse::<i64>().ok().map(Value::from)
    } else {
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
    }
}

/// Key/value rows, trimmed, without the blank ones.
fn pairs(v: Option<&Value>) -> Value {
    let rows = v.and_then(Value::as_array).cloned().unwrap_or_default();
    let rows = rows.iter().filter_map(|row| {
        let (key, value) = (text_of(row.get("key")), text_of(row.get("value")));
        let (key, value) = (key.trim(), value.trim());
        (!(key.is_empty() && value.is_empty()))
            .then(|| serde_json::json!({ "key": key, "value": value }))
    });
    Value::Array(rows.collect())
}

/// The API's input from the draft, or the fields refused before sending.
pub fn input_of(
    fields: &[Field],
    draft: &Draft,
    check: Option<Check>,
) -> Result<Value, FieldErrors> {
    let mut errors = Vec::new();
    let mut input = Map::new();
    for f in fields {
        let raw = draft.get(f.key);
        let text = text_of(raw);
        let t = text.trim();
        let value = match &f.kind {
            FieldKind::Check => Value::Bool(raw.and_then(Value::as_bool).unwrap_or(false)),
            FieldKind::Checks(_) => raw.cloned().unwrap_or_else(|| Value::Array(Vec::new())),
            FieldKind::Pairs => pairs(raw),
            _ if t.is_empty() => {
                if f.required {
                    errors.push(refusal(f.key, "required"));
                }
                Value::Null
            }
            FieldKind::Number { integer } => number(t, *integer).unwrap_or_else(|| {
                errors.push(refusal(f.key, "not_a_number"));
                Value::Null
            }),
            FieldKind::Date if !DateKind::Day.reads(t) => {
                errors.push(DateKind::Day.refusal(f.key));
                Value::Null
            }
            _ => Value::String(t.to_owned()),
        };
        input.insert(f.key.to_owned(), value);
    }
    if let Some(Check(check)) = check {
        // Blank text is checked as "", so a blank required name (refused
        // above) does not keep the input from reading and the other fields
        // from being checked.
        let mut probe = input.clone();
        for f in fields {
            if matches!(f.kind, FieldKind::Text(_) | FieldKind::TextArea)
                && probe.get(f.key).is_some_and(Value::is_null)
            {
                probe.insert(f.key.to_owned(), Value::String(String::new()));
            }
        }
        // A field already refused keeps its first reason.
        let domain = check(&Value::Object(probe))
            .into_iter()
            .filter(|e| !errors.iter().any(|r| r.field == e.field))
            .collect::<Vec<_>>();
        errors.extend(domain);
    }
    if errors.is_empty() {
        Ok(Value::Object(input))
    } else {
        Err(FieldErrors(errors))
    }
}

#[derive(Properties, PartialEq)]
pub struct RecordFormProps {
    /// The prefix of element ids and test ids: `customer` gives
    /// `customer-form`, `customer-name`, `customer-save`.
    pub name: &'static str,
    pub fields: Vec<Field>,
    /// The record (an edit) or the starting values (a new one).
    pub record: Draft,
    /// The API's collection (`/customers`).
    pub api: &'static str,
    /// The record's id and version when editing (`PUT {api}/{id}` with
    /// `If-Match`); `None` creates one (`POST {api}`).
    pub target: Option<(Uuid, i32)>,
    #[prop_or_default]
    pub check: Option<Check>,
    /// The saved record, as the API answered.
    pub on_saved: Callback<Value>,
    /// Loads the current version (after a 412).
    pub on_reload: Callback<()>,
    /// Where Cancel goes.
    pub cancel: Route,
    /// Shown without a way to save (the user may only look).
    #[prop_or_default]
    pub readonly: bool,
}

/// The form of a master record.
#[function_component(RecordForm)]
pub fn record_form(props: &RecordFormProps) -> Html {
    let RecordFormProps {
        name,
        fields,
        record,
        api,
        target,
        check,
        on_saved,
        on_reload,
        cancel,
        readonly,
    } = props;
    let i18n = use_i18n();
    let form = use_form(|| record.clone());
    let nonce = use_state(new_nonce);
    {
        // A reloaded version replaces the draft.
        let form = form.clone();
        use_effect_with(record.clone(), move |r| form.reset(r.clone()));
    }
    let onsubmit = {
        let (form, fields, check, on_saved, nonce) = (
            form.clone(),
            fields.clone(),
            *check,
            on_saved.clone(),
            nonce.clone(),
        );
        let (api, target) = (*api, *target);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match input_of(&fields, &form.draft, check) {
                Ok(i) => i,
                Err(errors) => return form.refuse(errors),
            };
            let call = match target {
                Some((id, version)) => Call::put(format!("{api}/{id}"))
                    .if_match(version)
                    .json(&input),
                None => Call::post(api).json(&input).idempotent(&nonce),
            };
            let done = on_saved.clone();
            let call = call.fetch::<Value>();
            form.save(target.is_some(), call, &on_saved, move |r| done.emit(r));
        })
    };
    // Errors on no field of the form are listed in the banner.
    let shown = shown_keys(fields);
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let busy = *form.busy;
    let creating = target.is_none();
    html! {
        <form class="panel form" {onsubmit} novalidate=true data-testid={format!("{name}-form")}>
            { form.failure_banner(&i18n, &shown, on_reload, "save-error") }
            if *form.saved {
                { notice(&yew::props!(NoticeProps { kind: NoticeKind::Success, text: i18n.t(T::Saved), testid: format!("{name}-saved") })) }
            }
            <div class="form-grid">{ for fields.iter().map(|f| field_view(&i18n, &form, name, f, *readonly)) }</div>
            if !readonly {
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled={busy} data-testid={format!("{name}-save")}>
                        { if busy { i18n.t(T::Saving) } else if creating { i18n.m(M::Create) } else { i18n.t(T::Save) } }
                    </button>
                    { app_link(&yew::props!(AppLinkProps { to: cancel.clone(), classes: "btn btn-ghost", children: html! { <>{ i18n.t(T::Cancel) }</> } })) }
                </div>
            }
        </form>
    }
}

/// One field of a descriptor-made form (a record's form, a dialog's), its
/// element id `{name}-{key}`, bound to `form`'s draft and its errors.
pub fn field_view(i18n: &I18n, form: &Form<Draft>, name: &str, f: &Field, readonly: bool) -> Html {
    let draft = &*form.draft;
    let id = AttrValue::from(format!("{name}-{}", f.key));
    let key = f.key;
    let (label, hint, error) = (f.label.clone(), f.hint.clone(), form.err(i18n, key));
    let (required, optional, disabled) = (f.required, !f.required, readonly);
    let value = AttrValue::from(text_of(draft.get(key)));
    let set_text = form.change(move |d: &mut Draft, v: String| {
        d.insert(key.to_owned(), Value::String(v));
    });
    let input = |kind: &'static str, date: Option<DateKind>| {
        let (maxlength, oninput) = (f.maxlength, set_text.clone());
        let props = yew::props!(TextFieldProps {
            id: id.clone(),
            label: label.clone(),
            value: value.clone(),
            oninput,
            error: error.clone(),
            hint: hint.clone(),
            kind,
            required,
            optional,
            disabled,
            maxlength,
            autocomplete: "off"
        });
        match date {
            Some(d) => date_field(i18n, &props, d),
            None => text_field(i18n, &props),
        }
    };
    match &f.kind {
        FieldKind::Text(kind) => input(kind, None),
        FieldKind::Number { .. } => input("text", None),
        FieldKind::Date => input("text", Some(DateKind::Day)),
        FieldKind::TextArea => {
            let (maxlength, wide) = (f.maxlength, true);
            let props = yew::props!(TextFieldProps {
                id,
                label,
                value,
                oninput: set_text,
                error,
                hint,
                required,
                optional,
                disabled,
                maxlength,
                wide
            });
            text_area(i18n, &props)
        }
        FieldKind::Select(choices) => {
            let choices = choices.clone();
            let props = yew::props!(SelectFieldProps {
                id,
                label,
                value,
                choices,
                onchange: set_text,
                error,
                hint,
                required,
                optional,
                disabled
            });
            select_field(i18n, &props)
        }
        FieldKind::Check => {
            let checked = draft.get(key).and_then(Value::as_bool).unwrap_or(false);
            let onchange = form.change(move |d: &mut Draft, e: Event| {
                d.insert(key.to_owned(), Value::Bool(ticked(&e)));
            });
            html! {
                <label class="check field-wide" for={id.clone()}>
                    <input type="checkbox" id={id.clone()} data-testid={id} {checked} {onchange} {disabled} />
                    <span class="check-label">{ label }</span>
                </label>
            }
        }
        FieldKind::Checks(choices) => {
            let boxes: Html = choices.iter().map(|c| {
                let id = format!("{id}-{}", c.value);
                let on_now = draft.get(key).and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(c.value.as_str())));
                let (all, this) = (choices.clone(), c.value.clone());
                let onchange = form.change(move |d: &mut Draft, e: Event| {
                    let on = ticked(&e);
                    let had = d.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
                    let kept = all.iter().filter(|c| {
                        if c.value == this { on } else { had.iter().any(|v| v.as_str() == Some(c.value.as_str())) }
                    });
                    d.insert(key.to_owned(), kept.map(|c| Value::from(c.value.as_str())).collect());
                });
                html! {
                    <label class="check" for={id.clone()} key={id.clone()}>
                        <input type="checkbox" id={id.clone()} data-testid={id} checked={on_now} {onchange} {disabled} />
                        <span class="check-label">{ c.label.clone() }</span>
                    </label>
                }
            }).collect();
            html! {
                <fieldset class="field field-wide" data-testid={id}>
                    <legend>{ label }</legend>
                    <div class="check-grid">{ boxes }</div>
                </fieldset>
            }
        }
        FieldKind::Pairs => pairs_field(i18n, form, f, &id, draft, disabled),
        FieldKind::Reference(reference) => {
            let chosen = draft
                .get(key)
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
                .map(|v| Choice::new(v.to_owned(), text_of(draft.get(reference.label_key))));
            let label_key = reference.label_key;
            let onchange = form.change(move |d: &mut Draft, c: Option<Choice>| {
                let (value, label) = c
                    .map(|c| (c.value.to_string(), c.label.to_string()))
                    .unwrap_or_default();
                d.insert(key.to_owned(), Value::String(value));
                d.insert(label_key.to_owned(), Value::String(label));
            });
            html! {
                <ReferencePicker {id} {label} reference={reference.clone()} value={chosen} {onchange} {error} {disabled} />
            }
        }
    }
}

/// The field names a form shows: errors on others go to its banner.
pub fn shown_keys(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| match f.kind {
            FieldKind::Pairs => format!("{}[", f.key),
            _ => f.key.to_owned(),
        })
        .collect()
}

/// Key/value rows with add and remove (a model's technical parameters).
fn pairs_field(
    i18n: &I18n,
    form: &Form<Draft>,
    f: &Field,
    id: &AttrValue,
    draft: &Draft,
    disabled: bool,
) -> Html {
    let key = f.key;
    let rows = draft
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let set = |i: usize, side: &'static str| {
        form.change(move |d: &mut Draft, e: InputEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(row) = d
                .get_mut(key)
                .and_then(|v| v.get_mut(i))
                .and_then(Value::as_object_mut)
            {
                row.insert(side.to_owned(), Value::String(input.value()));
            }
        })
    };
    let remove = |i: usize| {
        form.change(move |d: &mut Draft, _: MouseEvent| {
            if let Some(rows) = d
                .get_mut(key)
                .and_then(Value::as_array_mut)
                .filter(|r| i < r.len())
            {
                rows.remove(i);
            }
        })
    };
    let add = form.change(move |d: &mut Draft, _: MouseEvent| {
        let row = serde_json::json!({ "key": "", "value": "" });
        match d.get_mut(key).and_then(Value::as_array_mut) {
            Some(rows) => rows.push(row),
            None => {
                d.insert(key.to_owned(), Value::Array(vec![row]));
            }
        }
    });
    let cell = |i: usize, side: &'static str, label: &str, error: Option<AttrValue>| {
        let cell_id = format!("{id}-{side}-{i}");
        html! {
            <td>
                <label class="sr-only" for={cell_id.clone()}>{ label.to_owned() }</label>
                <input id={cell_id.clone()} data-testid={cell_id} type="text" value={text_of(rows[i].get(side))}
                       oninput={set(i, side)} placeholder={label.to_owned()} {disabled}
                       aria-invalid={error.is_some().then_some("true")} />
                if let Some(e) = error { <div class="field-error">{ e }</div> }
            </td>
        }
    };
    let body = (0..rows.len()).map(|i| {
        html! {
            <tr key={i} data-testid="param-row">
                { cell(i, "key", i18n.m(M::ParamKey), form.err(i18n, &format!("{key}[{i}].key"))) }
                { cell(i, "value", i18n.m(M::ParamValue), None) }
                if !disabled {
                    <td class="actions">
                        <button type="button" class="btn btn-small btn-danger-ghost" onclick={remove(i)}
                                aria-label={i18n.mf(M::RemoveParamN, &[&(i + 1).to_string()])}
                                data-testid={format!("{id}-remove-{i}")}>
                            { i18n.m(M::RemoveParam) }
                        </button>
                    </td>
                }
            </tr>
        }
    });
    html! {
        <fieldset class="field field-wide">
            <legend>{ f.label.clone() }</legend>
            <table class="table param-table" data-testid={id.clone()}>
                <thead>
                    <tr>
                        <th scope="col">{ i18n.m(M::ParamKey) }</th>
                        <th scope="col">{ i18n.m(M::ParamValue) }</th>
                        if !disabled { <th scope="col"><span class="sr-only">{ i18n.t(T::ColActions) }</span></th> }
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
            if !disabled {
                <div>
                    <button type="button" class="btn btn-small" onclick={add} data-testid={format!("{id}-add")}>
                        { format!("+ {}", i18n.m(M::AddParam)) }
                    </button>
                </div>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct PickerProps {
    id: AttrValue,
    label: AttrValue,
    reference: Reference,
    /// The chosen record (id, name).
    value: Option<Choice>,
    onchange: Callback<Option<Choice>>,
    error: Option<AttrValue>,
    disabled: bool,
}

/// The chosen record, or a search box with the matches.
#[function_component(ReferencePicker)]
fn reference_picker(props: &PickerProps) -> Html {
    let PickerProps {
        id,
        label,
        reference,
        value,
        onchange,
        error,
        disabled,
    } = props;
    let i18n = use_i18n();
    let text = use_state(String::new);
    let search = reference.search;
    let results = use_api((*text).clone(), move |q| async move {
        if q.trim().is_empty() {
            return Ok(Vec::new());
        }
        search(q).await
    });
    let label = html! {
        <label for={id.clone()}>{ label.clone() }<span class="required" aria-hidden="true">{ " *" }</span></label>
    };
    let error_html = html! {
        if let Some(e) = error {
            <div class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>{ e.clone() }</div>
        }
    };
    if let Some(chosen) = value {
        let clear = {
            let (onchange, text) = (onchange.clone(), text.clone());
            Callback::from(move |_: MouseEvent| {
                text.set(String::new());
                onchange.emit(None);
            })
        };
        return html! {
            <div class="field picker field-wide">
                { label }
                <div class="picker-chosen">
                    <input id={id.clone()} type="text" readonly=true value={chosen.label.clone()} data-testid={format!("{id}-chosen")} />
                    if !disabled {
                        <button type="button" class="btn" onclick={clear} data-testid={format!("{id}-change")}>
                            { reference.change.clone() }
                        </button>
                    }
                </div>
                { error_html }
            </div>
        };
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                text.set(i.value());
            }
        })
    };
    let list = match &*results {
        _ if text.trim().is_empty() => Html::default(),
        Remote::Loading => html! { <div class="picker-results">{ loading(&i18n) }</div> },
        Remote::Failed(e) => {
            error_banner(&i18n, &yew::props!(ErrorBannerProps { error: e.clone() }))
        }
        Remote::Ready(items) if items.is_empty() => html! {
            <div class="picker-results muted">{ reference.none.clone() }</div>
        },
        Remote::Ready(items) => html! {
            <ul class="picker-results" data-testid={format!("{id}-results")}>
                { for items.iter().map(|c| {
                    let pick = {
                        let (onchange, c) = (onchange.clone(), c.clone());
                        Callback::from(move |_: MouseEvent| onchange.emit(Some(c.clone())))
                    };
                    html! {
                        <li key={c.value.to_string()}>
                            <button type="button" class="picker-option" onclick={pick}>{ c.label.clone() }</button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div class={classes!("field", "picker", "field-wide", error.is_some().then_some("has-error"))}>
            { label }
            <input id={id.clone()} type="search" data-testid={format!("{id}-q")} value={(*text).clone()} {oninput}
                   placeholder={reference.placeholder.clone()} autocomplete="off" disabled={*disabled}
                   aria-invalid={error.is_some().then_some("true")}
                   aria-describedby={error.is_some().then(|| format!("{id}-error"))} />
            { list }
            { error_html }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use furrow_domain::dealers::DealerInput;
    use serde_json::json;

    fn draft(v: Value) -> Draft {
        v.as_object().cloned().unwrap_or_default()
    }

    fn fields_of(errors: &FieldErrors) -> Vec<(&str, &str)> {
        errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn blank_text_is_null_and_a_blank_required_field_is_refused() {
        let fields = [
            Field::text("name", "Name").required(),
            Field::text("city", "City"),
        ];
        let refused = input_of(&fields, &draft(json!({ "name": "  ", "city": "" })), None);
        assert_eq!(fields_of(&refused.unwrap_err()), [("name", "required")]);

        let input = input_of(
            &fields,
            &draft(json!({ "name": " 张三 ", "city": "" })),
            None,
        );
        assert_eq!(input.unwrap(), json!({ "name": "张三", "city": null }));
    }

    #[test]
    fn numbers_and_days_are_typed_or_refused_on_their_field() {
        let fields = [
            Field::new("lat", "Lat", FieldKind::Number { integer: false }),
            Field::new("hours", "Hours", FieldKind::Number { integer: true }),
            Field::new("sold", "Sold", FieldKind::Date),
        ];
        let good = json!({ "lat": "45.5", "hours": 120, "sold": "2024-02-29" });
        let input = input_of(&fields, &draft(good), None).unwrap();
        assert_eq!(
            input,
            json!({ "lat": 45.5, "hours": 120, "sold": "2024-02-29" })
        );

        let bad = json!({ "lat": "north", "hours": "1.5", "sold": "2023-02-29" });
        let refused = input_of(&fields, &draft(bad), None).unwrap_err();
        assert_eq!(
            fields_of(&refused),
            [
                ("lat", "not_a_number"),
                ("hours", "not_a_number"),
                ("sold", "not_a_date")
            ]
        );
        // The browser's locale order is no day: the field says YYYY-MM-DD.
        let local = json!({ "lat": "1", "hours": "1", "sold": "02/29/2024" });
        let refused = input_of(&fields, &draft(local), None).unwrap_err();
        assert_eq!(fields_of(&refused), [("sold", "not_a_date")]);
    }

    #[test]
    fn blank_pair_rows_are_dropped_and_the_others_trimmed() {
        let fields = [Field::new("params", "Params", FieldKind::Pairs)];
        let rows = json!({ "params": [
            { "key": " 功率 ", "value": "140 马力 " },
            { "key": "", "value": "  " },
        ] });
        let input = input_of(&fields, &draft(rows), None).unwrap();
        assert_eq!(
            input,
            json!({ "params": [{ "key": "功率", "value": "140 马力" }] })
        );
    }

    #[test]
    fn the_domain_check_adds_its_errors_but_not_a_second_one_on_a_refused_field() {
        let fields = [
            Field::text("code", "Code"),
            Field::text("name", "Name").required(),
            Field::text("region", "Region"),
            Field::new("contact_phone", "Phone", FieldKind::Text("tel")),
        ];
        let check = Check(|v| validate(v, DealerInput::validate));
        let d = json!({ "code": "D-1", "name": "", "region": "吉林", "contact_phone": "call me" });
        let refused = input_of(&fields, &draft(d), Some(check)).unwrap_err();
        assert_eq!(
            fields_of(&refused),
            [("name", "required"), ("contact_phone", "invalid")]
        );
    }
}
