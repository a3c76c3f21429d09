//! A form's state in one place: the draft, busy while saving, the field
//! errors (local validation or the server's 422) with the focus on the first,
//! the failure (a 412 "changed by someone else" offers Reload, a 409 shows
//! the server's detail) and "saved". Pages describe fields and the call; the
//! plumbing is written once here.

use crate::components::form::{FieldErrors, field_error_text, focus_first_invalid};
use crate::components::{ErrorBannerProps, NoticeKind, NoticeProps, error_banner, notice};
use crate::hooks::I18n;
use crate::i18n::T;
use crate::services::requests::ApiError;
use std::future::Future;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The handles of one form (cheap to clone into callbacks).
pub struct Form<D: 'static> {
    pub draft: UseStateHandle<D>,
    pub errors: UseStateHandle<FieldErrors>,
    pub failure: UseStateHandle<Option<ApiError>>,
    pub busy: UseStateHandle<bool>,
    pub saved: UseStateHandle<bool>,
    attempts: UseStateHandle<u32>,
}

impl<D> Clone for Form<D> {
    fn clone(&self) -> Self {
        Form {
            draft: self.draft.clone(),
            errors: self.errors.clone(),
            failure: self.failure.clone(),
            busy: self.busy.clone(),
            saved: self.saved.clone(),
            attempts: self.attempts.clone(),
        }
    }
}

/// A form whose draft starts as `init()`.
#[hook]
pub fn use_form<D: Clone + 'static>(init: impl FnOnce() -> D) -> Form<D> {
    let form = Form {
        draft: use_state(init),
        errors: use_state(FieldErrors::default),
        failure: use_state(|| None::<ApiError>),
        busy: use_state(|| false),
        saved: use_state(|| false),
        attempts: use_state(|| 0u32),
    };
    // After each refused attempt the focus goes to the first invalid field.
    use_effect_with(*form.attempts, |_| focus_first_invalid());
    form
}

impl<D: Clone + 'static> Form<D> {
    /// An input's `oninput`: `set` writes the typed text into the draft.
    pub fn edit(&self, set: fn(&mut D, String)) -> Callback<String> {
        self.change(set)
    }

    /// Any event that changes the draft (a checkbox, a choice).
    pub fn change<E: 'static>(&self, set: impl Fn(&mut D, E) + 'static) -> Callback<E> {
        let (draft, saved) = (self.draft.clone(), self.saved.clone());
        Callback::from(move |v: E| {
            let mut d = (*draft).clone();
            set(&mut d, v);
            draft.set(d);
            saved.set(false);
        })
    }

    /// Starts over from `draft` (e.g. the record was saved or reloaded).
    pub fn reset(&self, draft: D) {
        self.draft.set(draft);
        self.errors.set(FieldErrors::default());
    }

    /// Refuses the attempt with these field errors (local validation).
    pub fn refuse(&self, errors: FieldErrors) {
        self.outcome().refuse(errors);
    }

    /// The handles a save updates, which do not depend on the draft's type.
    fn outcome(&self) -> Outcome {
        Outcome {
            errors: self.errors.clone(),
            failure: self.failure.clone(),
            busy: self.busy.clone(),
            saved: self.saved.clone(),
            attempts: self.attempts.clone(),
        }
    }

    /// Sends `call` unless a save is running; `done` gets the answer. A 422
    /// puts the server's field errors on their fields; any failure shows in
    /// [`Form::failure_banner`].
    pub fn submit<R: 'static>(
        &self,
        call: impl Future<Output = Result<R, ApiError>> + 'static,
        done: impl FnOnce(R) + 'static,
    ) {
        let outcome = self.outcome();
        if !outcome.start() {
            return;
        }
        spawn_local(async move {
            let result = call.await;
            outcome.busy.set(false);
            match result {
                Ok(r) => done(r),
                Err(e) => outcome.fail(e),
            }
        });
    }

    /// Sends a record's save: an edit shows "saved" and hands the record to
    /// `on_saved`; a new record goes to `on_created` (which opens it).
    pub fn save<R: 'static>(
        &self,
        editing: bool,
        call: impl Future<Output = Result<R, ApiError>> + 'static,
        on_saved: &Callback<R>,
        on_created: impl FnOnce(R) + 'static,
    ) {
        let (saved, on_saved) = (self.saved.clone(), on_saved.clone());
        self.submit(call, move |r| {
            if editing {
                saved.set(true);
                on_saved.emit(r);
            } else {
                on_created(r);
            }
        });
    }

    /// The error on `field`, translated, for the field's `error` prop.
    pub fn err(&self, i18n: &I18n, field: &str) -> Option<AttrValue> {
        self.errors
            .0
            .iter()
            .find(|e| e.field == field)
            .map(|e| AttrValue::from(field_error_text(i18n, e)))
    }

    /// The failure of the last save, if any, and field errors that have no
    /// field in the form (`shown` are the fields it has). A stale version
    /// (412) gets a Reload button that calls `on_reload`.
    pub fn failure_banner(
        &self,
        i18n: &I18n,
        shown: &[&str],
        on_reload: &Callback<()>,
        testid: &'static str,
    ) -> Html {
        let others = self.errors.others(shown);
        let others = (!others.is_empty()).then(|| {
            let text = others
                .iter()
                .map(|e| field_error_text(i18n, e))
                .collect::<Vec<_>>()
                .join(" ");
            let kind = NoticeKind::Warning;
            notice(&yew::props!(NoticeProps { kind, text }))
        });
        let failure = (*self.failure).clone().map(|error| {
            let stale = error.status() == 412;
            let on_reload = {
                let (failure, on_reload) = (self.failure.clone(), on_reload.clone());
                Callback::from(move |_: ()| {
                    failure.set(None);
                    on_reload.emit(());
                })
            };
            let props = yew::props!(ErrorBannerProps {
                error,
                testid,
                on_retry: stale.then_some(on_reload),
                retry_label: stale.then(|| AttrValue::from(i18n.t(T::Reload))),
            });
            error_banner(i18n, &props)
        });
        html! { <>{ for failure }{ for others }</> }
    }

    /// "Saved" after a successful save, with the page's test id.
    pub fn saved_notice(&self, i18n: &I18n, testid: &'static str) -> Html {
        if !*self.saved {
            return Html::default();
        }
        let (kind, text) = (NoticeKind::Success, i18n.t(T::Saved));
        notice(&yew::props!(NoticeProps { kind, text, testid }))
    }
}

/// What a save changes besides the draft. Kept apart from [`Form`] so this
/// bookkeeping is compiled once rather than once per draft type.
struct Outcome {
    errors: UseStateHandle<FieldErrors>,
    failure: UseStateHandle<Option<ApiError>>,
    busy: UseStateHandle<bool>,
    saved: UseStateHandle<bool>,
    attempts: UseStateHandle<u32>,
}

impl Outcome {
    /// Clears the last attempt's marks and sets busy; `false` while a save
    /// is already running.
    fn start(&self) -> bool {
        if *self.busy {
            return false;
        }
        self.failure.set(None);
        self.saved.set(false);
        self.errors.set(FieldErrors::default());
        self.busy.set(true);
        true
    }

    fn refuse(&self, errors: FieldErrors) {
        self.errors.set(errors);
        self.attempts.set(*self.attempts + 1);
    }

    /// A refused save: a 422's field errors go on their fields, and the
    /// failure shows in the banner.
    fn fail(&self, e: ApiError) {
        let fe = FieldErrors::from(&e);
        if e.status() == 422 && !fe.is_empty() {
            self.refuse(fe);
        }
        self.failure.set(Some(e));
    }
}
