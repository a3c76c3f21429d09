//! The webhook deliverer: a task of every server that takes a due
//! subscription (`furrow_store::webhooks::claim_due`: one server at a
//! time), POSTs its next event signed the Standard Webhooks way, and logs
//! what the receiver answered. Deliveries never run inside a command: a
//! slow or broken receiver delays only its own subscription.
//!
//! The receiver's address is resolved here and every address it resolves
//! to is checked (`furrow_domain::webhooks::address_allowed`); the request
//! then goes to the checked addresses only, and redirects are not followed,
//! so a name cannot be pointed inside the network after the check.

use crate::state::AppState;
use chrono::Duration;
use furrow_domain::feed::FeedEvent;
use furrow_domain::webhooks::{
    self as rules, DELIVERY_TIMEOUT_SECONDS, DeliveryFailure as Failure,
};
use furrow_store::webhooks::{self as store, Attempt, Subscription};
use std::time::Instant;

/// How often a server looks for due subscriptions when there was nothing to
/// do, and how long an up-to-date subscription rests before it is looked at
/// again: the delay a new event may wait before it goes out.
const POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Delivers due subscriptions for as long as the server runs.
pub async fn deliver_forever(state: AppState) {
    loop {
        match deliver_one(&state).await {
            Ok(true) => {}
            Ok(false) => tokio::time::sleep(POLL).await,
            Err(e) => {
                tracing::warn!(error = %e, "webhook delivery failed");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// Takes one due subscription and delivers its next event, if any.
/// Answers whether a subscription was due.
pub async fn deliver_one(state: &AppState) -> Result<bool, furrow_store::StoreError> {
    let Some(m) = store::claim_due(&state.store).await? else {
        return Ok(false);
    };
    match store::next_event(&state.store, &m).await? {
        None => {
            let idle = Duration::from_std(POLL).unwrap_or(Duration::seconds(1));
            store::release(&state.store, &m, idle).await?;
        }
        Some(event) => {
            let attempt = send(&m, &event, state.config.webhooks_allow_internal).await;
            store::record_attempt(&state.store, &m, &event, &attempt, false).await?;
        }
    }
    Ok(true)
}

/// POSTs `event` to `m`'s URL, signed with its secret.
pub async fn send(m: &Subscription, event: &FeedEvent, allow_internal: bool) -> Attempt {
    let started = Instant::now();
    let outcome = post(m, event, allow_internal).await;
    let duration_ms = started.elapsed().as_millis() as i64;
    match outcome {
        Ok(status) => Attempt {
            status: Some(status),
            failure: None,
            duration_ms,
        },
        Err(failure) => Attempt {
            status: None,
            failure: Some(failure),
            duration_ms,
        },
    }
}

async fn post(
    m: &Subscription,
    event: &FeedEvent,
    allow_internal: bool,
) -> Result<u16, (Failure, String)> {
    let (host, port) = rules::target(&m.url).map_err(|e| (Failure::Setup, e.to_owned()))?;
    let addrs: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|e| (Failure::Unresolvable, format!("cannot resolve {host}: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err((
            Failure::Unresolvable,
            format!("{host} resolves to no address"),
        ));
    }
    if let Some(refused) = addrs
        .iter()
        .find(|a| !rules::address_allowed(a.ip(), allow_internal))
    {
        return Err((
            Failure::InternalAddress,
            format!(
                "{host} resolves to {}, inside the network: not allowed",
                refused.ip()
            ),
        ));
    }
    let body =
        serde_json::to_vec(&rules::payload(event)).map_err(|e| (Failure::Setup, e.to_string()))?;
    let timestamp = chrono::Utc::now().timestamp();
    let id = event.id.to_string();
    let signature = standardwebhooks::Webhook::new(&m.secret)
        .and_then(|w| w.sign(&id, timestamp, &body))
        .map_err(|e| (Failure::Setup, format!("cannot sign: {e}")))?;
    let client = reqwest::Client::builder()
        .resolve_to_addrs(&host, &addrs)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(DELIVERY_TIMEOUT_SECONDS))
        .user_agent(concat!("Furrow-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| (Failure::Setup, e.to_string()))?;
    let res = client
        .post(&m.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(standardwebhooks::HEADER_WEBHOOK_ID, &id)
        .header(
            standardwebhooks::HEADER_WEBHOOK_TIMESTAMP,
            timestamp.to_string(),
        )
        .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
        .body(body)
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                (
                    Failure::Timeout,
                    format!("no answer within {DELIVERY_TIMEOUT_SECONDS} s"),
                )
            } else {
                (Failure::Connect, format!("cannot connect: {e}"))
            }
        })?;
    Ok(res.status().as_u16())
}
