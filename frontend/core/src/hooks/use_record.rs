//! A record page that runs commands on its record: the record (fetched again
//! on Retry, or after a conflict shows it changed), the command in flight
//! (busy, and its failure) and what the last command that succeeded did.

use crate::components::{ErrorBannerProps, NoticeKind, NoticeProps, error_banner, notice};
use crate::hooks::{Form, I18n, Remote, use_api_reload, use_form};
use crate::services::requests::ApiError;
use std::future::Future;
use uuid::Uuid;
use yew::prelude::*;

/// The handles of a record page (cheap to clone into callbacks).
pub struct RecordCommands<T: 'static> {
    pub record: UseStateHandle<Remote<T>>,
    /// Fetches the record again.
    pub reload: Callback<()>,
    /// The command in flight: `busy`, and the `failure` of the last one.
    pub cmd: Form<()>,
    /// What the last command did, for the success notice.
    pub flash: UseStateHandle<Option<String>>,
}

impl<T> Clone for RecordCommands<T> {
    fn clone(&self) -> Self {
        RecordCommands {
            record: self.record.clone(),
            reload: self.reload.clone(),
            cmd: self.cmd.clone(),
            flash: self.flash.clone(),
        }
    }
}

/// The record `id` as `fetch` gets it, and the state of its commands.
#[hook]
pub fn use_record<T, F, Fut>(id: Uuid, fetch: F) -> RecordCommands<T>
where
    T: 'static,
    F: FnOnce(Uuid) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let (record, reload) = use_api_reload(id, fetch);
    RecordCommands {
        record,
        reload,
        cmd: use_form(|| ()),
        flash: use_state(|| None),
    }
}

impl<T: 'static> RecordCommands<T> {
    /// Runs a command whose answer is the record as it now stands: the answer
    /// replaces the record, and the text `done` makes of it is the notice.
    /// A conflict reloads the record (see [`run_command`]).
    pub fn run(
        &self,
        call: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(&T) -> String + 'static,
    ) {
        let (record, flash) = (self.record.clone(), self.flash.clone());
        run_command(&self.cmd, &self.reload, call, move |v| {
            flash.set(Some(done(&v)));
            record.set(Remote::Ready(v));
        });
    }

    /// The notice of the last command that succeeded, and the failure of the
    /// last one unless a dialog shows it (`in_dialog`), with their test ids.
    pub fn notices(
        &self,
        i18n: &I18n,
        testids: (&'static str, &'static str),
        in_dialog: bool,
    ) -> Html {
        let (flash_testid, error_testid) = testids;
        let flash = (*self.flash).clone().map(|text| {
            let kind = NoticeKind::Success;
            notice(&yew::props!(NoticeProps {
                kind,
                text,
                testid: flash_testid
            }))
        });
        let failure = (*self.cmd.failure).clone().filter(|_| !in_dialog);
        let failure = failure.map(|error| {
            error_banner(
                i18n,
                &yew::props!(ErrorBannerProps {
                    error,
                    testid: error_testid
                }),
            )
        });
        html! { <>{ for flash }{ for failure }</> }
    }
}

/// Runs a command on the record a page shows, through `form` (busy while it
/// runs, its failure kept for the page's banner): `done` gets the answer. A
/// conflict (409, 412) also calls `reload`, so the page shows where the
/// record stands now.
pub fn run_command<R: 'static>(
    form: &Form<()>,
    reload: &Callback<()>,
    call: impl Future<Output = Result<R, ApiError>> + 'static,
    done: impl FnOnce(R) + 'static,
) {
    let reload = reload.clone();
    let call = async move {
        let answer = call.await;
        if answer
            .as_ref()
            .is_err_and(|e| matches!(e.status(), 409 | 412))
        {
            reload.emit(());
        }
        answer
    };
    form.submit(call, done);
}
