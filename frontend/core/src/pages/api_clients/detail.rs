//! One API client: what it is, its use, rotating its secret (the new one
//! shown once, the old one kept for the overlap) and revoking it after a
//! confirmation. Both send the version read as `If-Match`; a 412 offers a
//! reload.

use super::secret::SecretOnce;
use super::{scope_names, status_badge, when};
use crate::components::NoticeKind;
use crate::components::definition_list::{facts, or_dash};
use crate::components::form::{FieldErrors, TextFieldProps, text_field};
use crate::components::record::ready;
use crate::components::record_id::{RecordId, by_id};
use crate::components::record_page::{RecordFrame, record_page};
use crate::hooks::{Ask, Remote, use_api_reload, use_confirmed, use_dealers, use_form, use_i18n};
use crate::i18n::T;
use crate::i18n::api_clients::client_role;
use crate::pages::users::dealer_label;
use crate::route::Route;
use crate::services::api_clients as api;
use crate::time::local_minutes;
use furrow_domain::FieldError;
use furrow_domain::api_clients::{ApiClientSecret, ApiClientView, RotateApiClientRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ApiClientDetailProps {
    /// The client's id as in the address.
    pub id: String,
}

pub fn api_client_detail_page(props: &ApiClientDetailProps) -> Html {
    by_id::<ApiClientDetail>(&props.id)
}

#[function_component(ApiClientDetail)]
fn api_client_detail(props: &RecordId) -> Html {
    let i18n = use_i18n();
    let (client, on_reload) = use_api_reload(props.id, api::get);
    let dealers = use_dealers();
    let rotated = use_state(|| None::<ApiClientSecret>);
    let flash = use_state(|| None::<String>);

    let on_rotated = {
        let (client, rotated, flash) = (client.clone(), rotated.clone(), flash.clone());
        Callback::from(move |made: ApiClientSecret| {
            flash.set(None);
            client.set(Remote::Ready(made.client.clone()));
            rotated.set(Some(made));
        })
    };
    let on_revoked = {
        let (client, rotated, flash, i18n) =
            (client.clone(), rotated.clone(), flash.clone(), i18n.clone());
        Callback::from(move |c: ApiClientView| {
            rotated.set(None);
            flash.set(Some(i18n.f(T::ClientRevokedNotice, &[&c.name])));
            client.set(Remote::Ready(c));
        })
    };
    let on_secret_done = {
        let rotated = rotated.clone();
        Callback::from(move |_| rotated.set(None))
    };

    let c = match ready(&i18n, &client, &on_reload) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let lang = i18n.lang;
    let ips = if c.allowed_ips.is_empty() {
        i18n.t(T::Anywhere).to_owned()
    } else {
        c.allowed_ips.join(", ")
    };
    let opt_time = |at: Option<&chrono::DateTime<chrono::Utc>>| {
        html! { at.map(local_minutes).unwrap_or_else(|| "—".to_owned()) }
    };
    let about = facts(
        html! { i18n.t(T::ClientSection) },
        Some("client-facts"),
        false,
        vec![
            (
                i18n.t(T::ClientId),
                html! { <span class="mono" data-testid="client-id">{ c.id.to_string() }</span> },
            ),
            (
                i18n.t(T::ClientRoleLabel),
                html! { client_role(c.role, lang) },
            ),
            (
                i18n.t(T::ColDealer),
                or_dash(Some(&dealer_label(&dealers, c.dealer_id))),
            ),
            (
                i18n.t(T::ClientScopes),
                html! { scope_names(&i18n, &c.scopes) },
            ),
            (i18n.t(T::ClientIps), html! { ips }),
            (
                i18n.t(T::ClientCreated),
                html! { local_minutes(&c.created_at) },
            ),
            (i18n.t(T::ClientRotated), opt_time(c.rotated_at.as_ref())),
            (
                i18n.t(T::PreviousValidUntil),
                opt_time(c.previous_secret_valid_until.as_ref()),
            ),
            (i18n.t(T::RevokedAt), opt_time(c.revoked_at.as_ref())),
        ],
    );
    let usage = facts(
        html! { i18n.t(T::UsageSection) },
        Some("client-usage"),
        false,
        vec![
            (
                i18n.t(T::UsageCalls),
                html! { <span data-testid="usage-calls">{ c.usage.request_count }</span> },
            ),
            (
                i18n.t(T::UsageErrors),
                html! { <span data-testid="usage-errors">{ c.usage.error_count }</span> },
            ),
            (
                i18n.t(T::UsageLastCall),
                html! { when(&i18n, c.usage.last_request_at.as_ref()) },
            ),
            (
                i18n.t(T::UsageLastToken),
                html! { when(&i18n, c.last_used_at.as_ref()) },
            ),
        ],
    );
    let mut frame = RecordFrame::new(
        "api-client-page",
        (
            Route::ApiClients,
            format!("← {}", i18n.t(T::ApiClientsTitle)),
        ),
        html! { c.name.clone() },
    );
    frame.narrow = false;
    frame.meta = vec![
        html! { client_role(c.role, lang) },
        status_badge(&i18n, &c, Some("client-status".into())),
    ];
    if let Some(text) = (*flash).clone() {
        frame
            .notices
            .push((NoticeKind::Success, text, Some("client-flash".into())));
    }
    let secret = (*rotated).clone().map(|m| {
        let heading = match m.client.previous_secret_valid_until {
            Some(until) => i18n.f(T::Rotated, &[&local_minutes(&until)]),
            None => i18n.t(T::RotatedNoOverlap).to_owned(),
        };
        html! { <SecretOnce client_id={m.client.id} secret={m.client_secret} {heading} on_done={on_secret_done.clone()} /> }
    });
    let revoked = c.revoked_at.is_some();
    let body = html! {
        <>
            { for secret }
            <div class="columns">
                <div class="column-main">
                    { about }
                    { usage }
                    <p class="muted small">{ i18n.t(T::UsageNote) }</p>
                </div>
                if !revoked {
                    <div class="column-side">
                        <RotatePanel client={c.clone()} on_rotated={on_rotated} on_reload={on_reload.clone()} />
                        <RevokePanel client={c.clone()} on_revoked={on_revoked} on_reload={on_reload.clone()} />
                    </div>
                }
            </div>
        </>
    };
    record_page(frame, body)
}

#[derive(Properties, PartialEq)]
struct RotatePanelProps {
    client: ApiClientView,
    on_rotated: Callback<ApiClientSecret>,
    on_reload: Callback<()>,
}

/// The overlap typed as text: a whole number of minutes, or the field's error.
fn overlap(text: &str) -> Result<RotateApiClientRequest, FieldErrors> {
    let refusal = || {
        FieldErrors(vec![FieldError {
            field: "overlap_minutes".into(),
            code: "not_a_number".into(),
            message: "a whole number of minutes".into(),
        }])
    };
    let minutes = text.trim().parse::<u32>().map_err(|_| refusal())?;
    let req = RotateApiClientRequest {
        overlap_minutes: minutes,
    };
    req.validate().map_err(FieldErrors::from)?;
    Ok(req)
}

#[function_component(RotatePanel)]
fn rotate_panel(props: &RotatePanelProps) -> Html {
    let i18n = use_i18n();
    let form = use_form(|| "60".to_owned());
    let onsubmit = {
        let (form, client, on_rotated) =
            (form.clone(), props.client.clone(), props.on_rotated.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = match overlap(&form.draft) {
                Ok(r) => r,
                Err(errors) => return form.refuse(errors),
            };
            let on_rotated = on_rotated.clone();
            let call = api::rotate(client.id, client.version, &req);
            form.submit(call, move |made| on_rotated.emit(made));
        })
    };
    let busy = *form.busy;
    html! {
        <section class="panel" aria-labelledby="rotate-h">
            <h2 id="rotate-h">{ i18n.t(T::RotateSection) }</h2>
            <p class="muted">{ i18n.t(T::RotateIntro) }</p>
            <form class="form" {onsubmit} novalidate=true data-testid="rotate-form">
                { form.failure_banner(&i18n, &["overlap_minutes"], &props.on_reload, "rotate-error") }
                { text_field(&i18n, &yew::props!(TextFieldProps { id: "client-overlap_minutes", label: i18n.t(T::OverlapMinutes), kind: "number", required: true, value: (*form.draft).clone(), oninput: form.edit(|d, v| *d = v), hint: i18n.t(T::OverlapHint), error: form.err(&i18n, "overlap_minutes") })) }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={busy} data-testid="rotate-submit">
                        { if busy { i18n.t(T::Rotating) } else { i18n.t(T::Rotate) } }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RevokePanelProps {
    client: ApiClientView,
    on_revoked: Callback<ApiClientView>,
    on_reload: Callback<()>,
}

#[function_component(RevokePanel)]
fn revoke_panel(props: &RevokePanelProps) -> Html {
    let i18n = use_i18n();
    let confirmed = use_confirmed();
    let (id, version) = (props.client.id, props.client.version);
    let on_confirm =
        confirmed.on_confirm(move || api::revoke(id, version), props.on_revoked.clone());
    let ask = Ask {
        title: i18n.t(T::ConfirmRevokeTitle).into(),
        body: i18n.f(T::ConfirmRevokeBody, &[&props.client.name]).into(),
        confirm: i18n.t(T::Revoke).into(),
        danger: true,
        blocked: false,
        error_testid: "revoke-error",
    };
    html! {
        <section class="panel" aria-labelledby="revoke-h">
            <h2 id="revoke-h">{ i18n.t(T::RevokeSection) }</h2>
            <p class="muted">{ i18n.t(T::RevokeIntro) }</p>
            <div class="form-actions">
                <button type="button" class="btn btn-danger-ghost" onclick={confirmed.open()} data-testid="revoke">{ i18n.t(T::Revoke) }</button>
            </div>
            { confirmed.dialog(&i18n, ask, on_confirm, &props.on_reload) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::overlap;

    #[test]
    fn the_overlap_is_whole_minutes_up_to_a_week() {
        assert_eq!(overlap(" 60 ").map(|r| r.overlap_minutes), Ok(60));
        assert_eq!(overlap("0").map(|r| r.overlap_minutes), Ok(0));
        for bad in ["", "1.5", "-1", "abc", "10081"] {
            let errors = overlap(bad).unwrap_err();
            assert_eq!(errors.0[0].field, "overlap_minutes", "{bad}");
        }
    }
}
