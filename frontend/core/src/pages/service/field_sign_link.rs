//! The sign-off link on the engineer's phone (签字确认 after 审核): once the
//! supervisor has approved the report, the engineer back on the farm issues
//! its link and the customer scans the QR code from the phone
//! (`preconditions::sign_link_issuable`). The server keeps only the link's
//! hash, so showing it again means issuing a new one (the old one stops
//! working). Offered only when the report's `actions` lists `create_sign_link`.

use super::acknowledge::{sign_link_shown, site_origin};
use crate::hooks::use_record::{run_command, use_record};
use crate::hooks::{Remote, use_i18n};
use crate::i18n::service::S;
use crate::services::repair_reports as api;
use furrow_domain::service::SignLinkView;
use furrow_domain::service::commands::Command;
use uuid::Uuid;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldSignLinkProps {
    pub report_id: Uuid,
}

/// The panel with the button, and the link's QR code and address once issued.
#[function_component(FieldSignLink)]
pub fn field_sign_link(props: &FieldSignLinkProps) -> Html {
    let i18n = use_i18n();
    let rc = use_record(props.report_id, api::get);
    let link = use_state(|| None::<SignLinkView>);
    let Remote::Ready(r) = &*rc.record else {
        return Html::default();
    };
    if !r.actions.contains(&Command::CreateSignLink) {
        return Html::default();
    }
    let issue = {
        let (rc, link) = (rc.clone(), link.clone());
        let (rid, version) = (r.id, r.version);
        Callback::from(move |_: MouseEvent| {
            let link = link.clone();
            run_command(
                &rc.cmd,
                &rc.reload,
                api::sign_link(rid, version),
                move |l| link.set(Some(l)),
            );
        })
    };
    let label = if link.is_some() {
        S::ReissueSignQr
    } else {
        S::ShowSignQr
    };
    html! {
        <section class="panel step" aria-labelledby="wo-sign-h" data-testid="wo-sign-link">
            <h2 id="wo-sign-h">{ i18n.s(S::SignOffSection) }</h2>
            { rc.notices(&i18n, ("wo-sign-flash", "wo-sign-error"), false) }
            <p class="hint">{ i18n.s(S::FieldSignHint) }</p>
            if let Some(l) = &*link {
                <div class="sign-link" data-testid="sign-link" aria-label={i18n.s(S::LinkAddress)}>
                    { sign_link_shown(&i18n, l, &site_origin(), S::ScanToSign) }
                </div>
            }
            <button type="button" class="btn btn-primary btn-big" disabled={*rc.cmd.busy}
                    onclick={issue} data-testid="wo-sign-issue">
                { i18n.s(label) }
            </button>
        </section>
    }
}
