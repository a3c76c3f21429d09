//! Form fields with their label, hint and inline error, and the translated
//! text of field errors (the API's and the shared domain validation's alike).

use crate::hooks::I18n;
use crate::i18n::T;
use crate::i18n::master::M;
use crate::services::requests::ApiError;
use crate::time;
use furrow_domain::FieldError;
use furrow_domain::users::MIN_PASSWORD_CHARS;
use furrow_domain::validation::ValidationErrors;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A field error in the user's language; the server's words when unknown.
pub fn field_error_text(i18n: &I18n, e: &FieldError) -> String {
    let key = match (e.field.as_str(), e.code.as_str()) {
        ("username", "invalid") => T::FeUsernameInvalid,
        ("username", "taken") => T::FeUsernameTaken,
        ("password" | "new_password", "too_long") => T::FePasswordTooLong,
        (_, "too_short") => {
            return i18n.f(T::FePasswordTooShort, &[&MIN_PASSWORD_CHARS.to_string()]);
        }
        ("roles", "required") => T::FeRolesRequired,
        ("overlap_minutes", _) => T::FeOverlapNumber,
        ("dealer_id", "required") => T::FeDealerRequired,
        ("dealer_id", "not_allowed") => T::FeDealerNotAllowed,
        ("dealer_id", "unknown") => T::FeDealerUnknown,
        ("current_password", "wrong") => T::FeWrongPassword,
        (f, "invalid") if f.contains("phone") => return i18n.m(M::FePhone).to_owned(),
        (_, "incomplete") => return i18n.m(M::FeIncomplete).to_owned(),
        (_, "taken" | "duplicate") => return i18n.m(M::FeTaken).to_owned(),
        (_, "before_sale") => return i18n.m(M::FeBeforeSale).to_owned(),
        (_, "below_legal_minimum") => return i18n.m(M::FeSanbaoYear).to_owned(),
        (_, "needs_reason") => return i18n.m(M::FeWarrantyNeedsReason).to_owned(),
        (_, "already_reissued") => return i18n.m(M::FeAlreadyReissued).to_owned(),
        (_, "unknown_region") => return i18n.m(M::FeUnknownRegion).to_owned(),
        (_, "before_warranty_end" | "needs_warranty_end") => {
            return i18n.m(M::FeExtendedAfterSanbao).to_owned();
        }
        (_, "not_a_number") => return i18n.m(M::FeNumber).to_owned(),
        (_, "unknown") => return i18n.m(M::FeUnknownRef).to_owned(),
        (_, "mismatch") => T::FePasswordsDiffer,
        (_, "common") => T::FePasswordCommon,
        (_, "contains_username") => T::FePasswordHasName,
        (_, "demo_password") => T::FePasswordDemo,
        (_, "control_characters") => T::FePasswordControl,
        (_, "blank") => T::FePasswordBlank,
        (_, "same_as_current") => T::FePasswordSame,
        (_, "out_of_range") => T::FeOutOfRange,
        (_, "not_owners_dealer") => T::FeNotOwnersDealer,
        (_, "required") => T::FeRequired,
        (_, "too_long") => T::FeTooLong,
        (_, "invalid") => T::FeInvalid,
        (_, "not_a_date") => T::FeDate,
        (_, "not_a_time") => T::FeDateTime,
        _ => return e.message.clone(),
    };
    i18n.t(key).to_owned()
}

/// The field errors of a form, from local validation or the API's 422.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error on `field`, translated.
    pub fn text(&self, i18n: &I18n, field: &str) -> Option<AttrValue> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| AttrValue::from(field_error_text(i18n, e)))
    }

    /// Errors on fields other than `shown`: they have no place in the form, so
    /// the page lists them in its banner. A name ending in `[` stands for a
    /// list's rows (`params[` covers `params[0].key`).
    pub fn others(&self, shown: &[&str]) -> Vec<FieldError> {
        let shown_here = |f: &str| {
            shown
                .iter()
                .any(|s| *s == f || (s.ends_with('[') && f.starts_with(s)))
        };
        self.0
            .iter()
            .filter(|e| !shown_here(&e.field))
            .cloned()
            .collect()
    }
}

impl From<ValidationErrors> for FieldErrors {
    fn from(v: ValidationErrors) -> Self {
        FieldErrors(v.0)
    }
}

impl From<&ApiError> for FieldErrors {
    fn from(e: &ApiError) -> Self {
        FieldErrors(e.problem.errors.clone())
    }
}

/// Moves the keyboard focus to the first invalid field of the page, so a
/// keyboard or screen-reader user lands on what must be fixed.
pub fn focus_first_invalid() {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-invalid=\"true\"]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn label_html(
    i18n: &I18n,
    id: &AttrValue,
    label: &AttrValue,
    required: bool,
    optional: bool,
) -> Html {
    html! {
        <label for={id.clone()}>
            { label.clone() }
            if required { <span class="required" aria-hidden="true">{ " *" }</span> }
            if optional { <span class="optional">{ format!(" ({})", i18n.t(T::Optional)) }</span> }
        </label>
    }
}

fn below(id: &AttrValue, hint: &Option<AttrValue>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(h) = hint { <div class="hint" id={format!("{id}-hint")}>{ h.clone() }</div> }
            if let Some(e) = error {
                <div class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>{ e.clone() }</div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id, also its `data-testid`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The input's `type`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub required: bool,
    /// Marks the field "(optional)".
    #[prop_or_default]
    pub optional: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub maxlength: Option<u32>,
    #[prop_or_default]
    pub input_ref: NodeRef,
    /// The height of a [`text_area`] in lines.
    #[prop_or(3)]
    pub rows: u32,
    /// Spans the whole form grid (long free text).
    #[prop_or_default]
    pub wide: bool,
}

pub fn text_field(i18n: &I18n, props: &TextFieldProps) -> Html {
    input_field(i18n, props, Control::Line(None))
}

/// A long-text field with its label, hint and inline error (`rows`, `wide`
/// are its own).
pub fn text_area(i18n: &I18n, props: &TextFieldProps) -> Html {
    input_field(i18n, props, Control::Area)
}

/// The element a field is typed in.
#[derive(Clone, Copy)]
enum Control {
    /// `<input>`, for a date or time with its pattern.
    Line(Option<DateKind>),
    /// `<textarea>`.
    Area,
}

/// What a typed date or time must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM-DD HH:mm`.
    Minute,
}

impl DateKind {
    /// Whether `text` is one, in the company's time zone for a time.
    pub fn reads(self, text: &str) -> bool {
        match self {
            DateKind::Day => crate::time::parse_day(text).is_some(),
            DateKind::Minute => crate::time::from_input(text).is_some(),
        }
    }

    /// The refusal of `field` when its text is not one.
    pub fn refusal(self, field: impl Into<String>) -> FieldError {
        let (code, message) = match self {
            DateKind::Day => ("not_a_date", "use YYYY-MM-DD"),
            DateKind::Minute => ("not_a_time", "use YYYY-MM-DD HH:mm"),
        };
        FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// The one field every date or time is typed in: a text input showing the
/// pattern (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm`) rather than the browser's date
/// picker, which writes the browser's locale (01/01/2026) whatever the
/// interface language. `kind`, `placeholder` and the pattern are its own; no
/// numeric keypad, which lacks the `-` and `:` on phones.
pub fn date_field(i18n: &I18n, props: &TextFieldProps, kind: DateKind) -> Html {
    input_field(i18n, props, Control::Line(Some(kind)))
}

fn input_field(i18n: &I18n, props: &TextFieldProps, control: Control) -> Html {
    let TextFieldProps {
        id,
        label,
        value,
        oninput,
        error,
        hint,
        kind,
        required,
        optional,
        autocomplete,
        placeholder,
        disabled,
        maxlength,
        input_ref,
        rows,
        wide,
    } = props;
    let oninput = {
        let cb = oninput.clone();
        Callback::from(move |e: InputEvent| {
            let text = match e.target_dyn_into::<HtmlInputElement>() {
                Some(input) => Some(input.value()),
                None => e
                    .target_dyn_into::<HtmlTextAreaElement>()
                    .map(|t| t.value()),
            };
            if let Some(text) = text {
                cb.emit(text);
            }
        })
    };
    let (invalid, maxlength) = (
        error.is_some().then_some("true"),
        maxlength.map(|m| m.to_string()),
    );
    let described = described_by(id, hint.is_some(), error.is_some());
    let control = match control {
        Control::Area => html! {
            <textarea id={id.clone()} data-testid={id.clone()} value={value.clone()} {oninput}
                      rows={rows.to_string()} required={*required} disabled={*disabled} {maxlength}
                      aria-invalid={invalid} aria-describedby={described} />
        },
        Control::Line(date) => {
            let (kind, placeholder, pattern) = match date {
                None => (kind.clone(), placeholder.clone(), None),
                Some(d) => {
                    let (shown, regex) = match d {
                        DateKind::Day => (time::DAY_PATTERN, time::DAY_REGEX),
                        DateKind::Minute => (time::MINUTE_PATTERN, time::MINUTE_REGEX),
                    };
                    ("text".into(), Some(shown.into()), Some(regex))
                }
            };
            html! {
                <input id={id.clone()} data-testid={id.clone()} type={kind} value={value.clone()}
                       {oninput} ref={input_ref.clone()} required={*required} disabled={*disabled}
                       autocomplete={autocomplete.clone()} {placeholder} {pattern}
                       {maxlength}
                       aria-invalid={invalid} aria-describedby={described} />
            }
        }
    };
    html! {
        <div class={classes!("field", wide.then_some("field-wide"), error.is_some().then_some("has-error"))}>
            { label_html(i18n, id, label, *required, *optional) }
            { control }
            { below(id, hint, error) }
        </div>
    }
}

/// A form's only action, its submit button: `label`, or "Saving…" (and
/// disabled) while the form is busy.
pub fn save_button(i18n: &I18n, busy: bool, label: &str, testid: &'static str) -> Html {
    let text = if busy { i18n.t(T::Saving) } else { label };
    html! {
        <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid={testid}>
                { text.to_owned() }
            </button>
        </div>
    }
}

/// One choice of a [`SelectField`].
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub label: AttrValue,
}

impl Choice {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub choices: Vec<Choice>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub optional: bool,
    #[prop_or_default]
    pub disabled: bool,
}

pub fn select_field(i18n: &I18n, props: &SelectFieldProps) -> Html {
    let SelectFieldProps {
        id,
        label,
        value,
        choices,
        onchange,
        error,
        hint,
        required,
        optional,
        disabled,
    } = props;
    let onchange = {
        let cb = onchange.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                cb.emit(select.value());
            }
        })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            { label_html(i18n, id, label, *required, *optional) }
            <select id={id.clone()} data-testid={id.clone()} {onchange} disabled={*disabled}
                    required={*required}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={described_by(id, hint.is_some(), error.is_some())}>
                { for choices.iter().map(|c| html! {
                    <option value={c.value.clone()} selected={c.value == *value}>{ c.label.clone() }</option>
                }) }
            </select>
            { below(id, hint, error) }
        </div>
    }
}

/// Whether the box a change event came from is ticked now.
pub fn ticked(e: &Event) -> bool {
    e.target_dyn_into::<HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

/// A checkbox with its label (a `check-label`, or a `check-text` with a
/// hint); `onchange` gets whether it is ticked now.
pub fn check_box(id: &str, label: Html, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange = onchange.reform(|e: Event| ticked(&e));
    let id = AttrValue::from(id.to_owned());
    html! {
        <label class="check" for={id.clone()} key={id.to_string()}>
            <input type="checkbox" id={id.clone()} data-testid={id} {checked} {onchange} />
            { label }
        </label>
    }
}

/// The label of a [`check_box`].
pub fn check_label(text: &str) -> Html {
    html! { <span class="check-label">{ text.to_owned() }</span> }
}

/// A grid of boxes choosing some of `all`, each `{prefix}-{name}`; `onchange`
/// gets the new choice, in `all`'s order.
pub fn check_grid<T: Copy + PartialEq + 'static>(
    prefix: &str,
    all: &'static [T],
    chosen: &[T],
    item: impl Fn(T) -> (&'static str, String),
    onchange: &Callback<Vec<T>>,
) -> Html {
    let boxes = all.iter().map(|t| {
        let (name, label) = item(*t);
        let (t, was, onchange) = (*t, chosen.to_vec(), onchange.clone());
        let on = Callback::from(move |on: bool| {
            let keep = |x: T| if x == t { on } else { was.contains(&x) };
            onchange.emit(crate::order::subset(all, keep));
        });
        let id = format!("{prefix}-{name}");
        check_box(&id, check_label(&label), chosen.contains(&t), on)
    });
    html! { <div class="check-grid">{ for boxes }</div> }
}
