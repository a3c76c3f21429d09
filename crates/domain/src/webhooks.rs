//! Webhooks: the change feed pushed to another system's URL (issue #21).
//!
//! A subscription reads the outbox the way the change feed does, as one
//! reader: a dealer's (it gets what that dealer's system would read from
//! `GET /events`) or, made by an administrator without a dealer, the whole
//! service's. It keeps its own cursor and delivers one event at a time, in
//! commit order, moving on only once the receiver answered 2xx: so delivery
//! is at least once and in order per record (and overall). A failing
//! receiver is retried with a growing delay ([`retry_delay`]) and, after a
//! day of failures ([`GIVE_UP_AFTER`]), the subscription is disabled and the
//! administrators are told.
//!
//! Each delivery is signed the Standard Webhooks way (`webhook-id`,
//! `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 over
//! `id.timestamp.body` with the subscription's `whsec_` secret); the id is
//! the event's, the same on every retry, so a receiver drops duplicates.
//!
//! The rules here are the one home for: what a subscription must hold
//! ([`WebhookInput::validate`]), which addresses may be called
//! ([`address_allowed`]), which events a subscription wants
//! ([`wants`]), the delivery's body ([`payload`]) and the retry schedule.

use crate::access::RecordKind;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use uuid::Uuid;

/// The secret's prefix, as Standard Webhooks libraries expect it.
pub const SECRET_PREFIX: &str = "whsec_";
/// Longest target URL.
pub const MAX_URL_CHARS: usize = 2000;
/// Most event filters on one subscription.
pub const MAX_FILTERS: usize = 50;
/// A receiver's answer must start within this time.
pub const DELIVERY_TIMEOUT_SECONDS: u64 = 10;
/// After this long failing, a subscription is disabled.
pub const GIVE_UP_AFTER: Duration = Duration::hours(24);
/// First retry delay; each next one is four times longer, up to [`MAX_DELAY`].
pub const FIRST_DELAY: Duration = Duration::seconds(5);
/// Longest delay between two attempts.
pub const MAX_DELAY: Duration = Duration::hours(2);

/// `POST /webhooks` body, and `PUT /webhooks/{id}`'s.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    /// Where deliveries are POSTed (`https://…`; `http://` is accepted for
    /// systems inside the company network).
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://erp.example.com/furrow/events")
    )]
    pub url: String,
    /// Which events to deliver: a record kind (`service_request`) or a kind
    /// of event on one (`service_request.dispatched`). Empty: every event the
    /// subscription's reader may see.
    #[serde(default)]
    pub events: Vec<String>,
    /// The dealer whose records are delivered, as that dealer's own system
    /// would read them. Administrators may leave it out (every dealer's);
    /// a dealer's user or client always gets its own dealer.
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    /// What the receiver is, for the people who keep the list.
    #[serde(default)]
    pub description: Option<String>,
    /// Deliver (true, the default) or hold the deliveries (false: the
    /// cursor stays where it is and they go out once enabled again).
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

impl WebhookInput {
    /// The field errors of a subscription, or none.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if let Err(why) = target(&self.url) {
            v.error("url", "invalid", why);
        }
        if self.events.len() > MAX_FILTERS {
            v.error("events", "too_many", format!("at most {MAX_FILTERS}"));
        }
        for (i, f) in self.events.iter().enumerate() {
            if Filter::parse(f).is_none() {
                v.error(
                    &format!("events[{i}]"),
                    "invalid",
                    "a record kind (service_request) or a record kind and an event (service_request.dispatched)",
                );
            }
        }
        if self
            .description
            .as_deref()
            .is_some_and(|d| d.chars().count() > 200)
        {
            v.error("description", "too_long", "at most 200 characters");
        }
        v.finish()
    }
}

/// A target URL's host and port, or why it cannot be one: http(s) only, no
/// credentials in it (they would be logged and shown), no fragment.
pub fn target(raw: &str) -> Result<(String, u16), &'static str> {
    if raw.chars().count() > MAX_URL_CHARS {
        return Err("at most 2000 characters");
    }
    let url = url::Url::parse(raw.trim()).map_err(|_| "not a URL")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("an http:// or https:// address");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("no user name or password in the address");
    }
    if url.fragment().is_some() {
        return Err("no #fragment in the address");
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err("an address with a host"),
    };
    let port = url
        .port_or_known_default()
        .ok_or("an address with a port")?;
    Ok((host, port))
}

/// Whether a receiver at `ip` may be called: public addresses always;
/// loopback, private (RFC 1918, unique local), shared (RFC 6598),
/// link-local (cloud metadata services live there), unspecified, multicast
/// and documentation ones only when the settings allow internal targets —
/// otherwise a subscription could make the server probe its own network.
pub fn address_allowed(ip: IpAddr, allow_internal: bool) -> bool {
    allow_internal || !is_internal(ip)
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b))
                || a == 0
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// One event filter: a record kind, and optionally one kind of event on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub record: RecordKind,
    pub event: Option<String>,
}

impl Filter {
    pub fn parse(s: &str) -> Option<Self> {
        let (record, event) = match s.split_once('.') {
            Some((r, e)) => (r, Some(e)),
            None => (s, None),
        };
        let record = RecordKind::parse(record).filter(|r| *r != RecordKind::Webhook)?;
        if let Some(e) = event
            && (e.is_empty() || !e.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        {
            return None;
        }
        Some(Self {
            record,
            event: event.map(str::to_owned),
        })
    }
}

/// Who a subscription reads the event feed as, so that it is sent exactly
/// what that reader may see: the dealer's system (the integration role,
/// bound to the dealer) for a dealer's subscription, the administrators'
/// view of the whole service for the maker's own.
pub fn reader(webhook_id: Uuid, dealer_id: Option<Uuid>) -> crate::auth::Actor {
    crate::auth::Actor {
        user_id: webhook_id,
        username: format!("webhook:{webhook_id}"),
        roles: vec![if dealer_id.is_some() {
            crate::roles::Role::Integration
        } else {
            crate::roles::Role::Admin
        }],
        dealer_id,
    }
}

/// Whether a subscription with `filters` wants an event of `kind` on a
/// `record_kind` record (no filters: every event). The subscriptions' own
/// events are never delivered: they would tell one receiver another's URL.
pub fn wants(filters: &[String], record_kind: &str, kind: &str) -> bool {
    if record_kind == RecordKind::Webhook.as_str() {
        return false;
    }
    filters.is_empty()
        || filters.iter().filter_map(|f| Filter::parse(f)).any(|f| {
            f.record.as_str() == record_kind && f.event.as_deref().is_none_or(|e| e == kind)
        })
}

/// The delivery's type: `service_request.dispatched`.
pub fn event_type(record_kind: &str, kind: &str) -> String {
    format!("{record_kind}.{kind}")
}

/// The body POSTed for one event, in the Standard Webhooks shape (`type`,
/// `timestamp`, `data`); `data` is the change feed's event as the
/// subscription's reader sees it.
pub fn payload(event: &crate::feed::FeedEvent) -> serde_json::Value {
    serde_json::json!({
        "type": event_type(&event.record_kind, &event.kind),
        "timestamp": event.at,
        "data": event,
    })
}

/// The wait before the next attempt after `failures` failed ones in a row
/// (1, 2, ...): 5 s, 20 s, 80 s, 5 min 20 s, ... four times longer each
/// time, at most 2 h: 18 attempts in the day before [`GIVE_UP_AFTER`].
pub fn retry_delay(failures: u32) -> Duration {
    let mut delay = FIRST_DELAY;
    for _ in 1..failures.min(16) {
        delay = (delay * 4).min(MAX_DELAY);
    }
    delay.min(MAX_DELAY)
}

/// Whether a subscription failing since `since` is given up at `now`.
pub fn gives_up(since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - since >= GIVE_UP_AFTER
}

/// Whether a receiver's status means "received".
pub fn accepted(status: u16) -> bool {
    (200..300).contains(&status)
}

/// A subscription as the API shows it (never its secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookView {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub dealer_id: Option<Uuid>,
    pub description: Option<String>,
    pub enabled: bool,
    /// Why the server disabled it (a day of failed deliveries), when it did.
    pub disabled_reason: Option<String>,
    /// The position in the change feed delivered up to.
    pub cursor: String,
    /// Failed attempts in a row at the event it is on.
    pub failures: i32,
    /// Since when deliveries fail, while they do.
    pub failing_since: Option<DateTime<Utc>>,
    /// When the next attempt is due.
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /webhooks` answer: the subscription and its secret, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookCreated {
    pub webhook: WebhookView,
    /// Verifies the deliveries' signatures (`whsec_…`); shown in this
    /// answer only.
    pub secret: String,
}

/// A subscription disabled after a day of failed deliveries, in the bell of
/// whoever manages it (issue #21 item 4: "a notice to the admin"). Like the
/// deadline alerts it is a state, not a stored message: it is there while
/// the subscription stays disabled, and its key names the failure streak, so
/// a later streak is unread again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAlert {
    pub webhook_id: Uuid,
    pub url: String,
    /// When the failures that disabled it began.
    pub failing_since: DateTime<Utc>,
    /// What identifies the alert for read marks ([`alert_key`]).
    pub key: String,
    /// Whether the caller has marked this alert read.
    pub read: bool,
}

/// The read-mark key of a disabled subscription's alert.
pub fn alert_key(webhook_id: Uuid, failing_since: DateTime<Utc>) -> String {
    format!("webhook|{webhook_id}|{}", failing_since.timestamp())
}

wire_enum!(
    /// Why an attempt got no answer from the receiver, so the delivery log
    /// can say it in the reader's language; the technical detail (the
    /// resolver's or the connection's own words) stays in `error`.
    DeliveryFailure {
        /// The subscription cannot be sent as it stands: its URL is no
        /// valid target, or its secret cannot sign.
        Setup => "setup",
        /// The host name resolves to no address.
        Unresolvable => "unresolvable",
        /// The host name resolves to an address inside the network.
        InternalAddress => "internal_address",
        /// No answer within the delivery timeout.
        Timeout => "timeout",
        /// The connection failed (refused, reset, TLS).
        Connect => "connect",
    }
);

/// One attempt to deliver one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryView {
    pub id: Uuid,
    pub webhook_id: Uuid,
    /// The event's id: the delivery's `webhook-id`.
    pub event_id: Uuid,
    /// The event's position in the change feed.
    pub cursor: String,
    /// `service_request.dispatched`.
    pub event_type: String,
    /// 1 for the first attempt at this event; a redelivery by hand counts on.
    pub attempt: i32,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<i32>,
    /// Why the attempt got no answer, when it got none.
    pub failure: Option<DeliveryFailure>,
    /// The failure's technical detail, in English, for the integrator.
    pub error: Option<String>,
    pub succeeded: bool,
    /// How long the receiver took to answer.
    pub duration_ms: i64,
    /// Whether a person asked for it (`POST …/redeliver`).
    pub manual: bool,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dealers_subscription_reads_as_that_dealers_system_and_the_makers_as_admin() {
        let (w, d) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let dealer = reader(w, Some(d));
        assert_eq!(dealer.roles, vec![crate::roles::Role::Integration]);
        assert_eq!(dealer.dealer_scope(), Some(d));
        let maker = reader(w, None);
        assert_eq!(maker.roles, vec![crate::roles::Role::Admin]);
        assert_eq!(maker.dealer_scope(), None);
    }

    fn input(url: &str, events: &[&str]) -> WebhookInput {
        WebhookInput {
            url: url.into(),
            events: events.iter().map(|s| (*s).to_owned()).collect(),
            enabled: true,
            ..Default::default()
        }
    }

    #[test]
    fn subscriptions_need_a_plain_http_address_and_known_filters() {
        assert!(
            input("https://erp.example.com/hook", &[])
                .validate()
                .is_ok()
        );
        assert!(
            input(
                "http://10.0.0.5:8080/x",
                &["service_request.dispatched", "machine"]
            )
            .validate()
            .is_ok()
        );
        for bad in [
            "ftp://example.com/x",
            "https://user:pw@example.com/x",
            "https://example.com/x#frag",
            "not a url",
            "",
        ] {
            assert_eq!(
                input(bad, &[]).validate().unwrap_err().fields(),
                vec!["url"],
                "{bad}"
            );
        }
        for bad in [
            "requests",
            "service_request.",
            "service_request.Dispatched",
            "x.y",
        ] {
            assert_eq!(
                input("https://e.com", &[bad])
                    .validate()
                    .unwrap_err()
                    .fields(),
                vec!["events[0]"],
                "{bad}"
            );
        }
    }

    #[test]
    fn internal_addresses_are_refused_unless_allowed() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            let ip: IpAddr = internal.parse().unwrap();
            assert!(!address_allowed(ip, false), "{internal}");
            assert!(address_allowed(ip, true), "{internal}");
        }
        for public in ["8.8.8.8", "203.119.1.1", "2400:3200::1"] {
            assert!(address_allowed(public.parse().unwrap(), false), "{public}");
        }
    }

    #[test]
    fn filters_pick_record_kinds_or_single_events() {
        assert!(wants(&[], "machine", "updated"));
        let f = vec![
            "service_request.dispatched".to_owned(),
            "machine".to_owned(),
        ];
        assert!(wants(&f, "service_request", "dispatched"));
        assert!(!wants(&f, "service_request", "created"));
        assert!(wants(&f, "machine", "updated"));
        assert!(!wants(&f, "customer", "updated"));
        assert!(!wants(&[], "webhook", "created"));
        assert!(!wants(&["webhook".to_owned()], "webhook", "created"));
    }

    #[test]
    fn retries_wait_four_times_longer_each_time_up_to_two_hours() {
        assert_eq!(retry_delay(1), Duration::seconds(5));
        assert_eq!(retry_delay(2), Duration::seconds(20));
        assert_eq!(retry_delay(3), Duration::seconds(80));
        assert_eq!(retry_delay(8), Duration::hours(2));
        assert_eq!(retry_delay(1000), Duration::hours(2));
        // A receiver down for good is tried 18 times before the day ends.
        let (mut t, mut n) = (Duration::zero(), 0);
        while t < GIVE_UP_AFTER {
            n += 1;
            t += retry_delay(n);
        }
        assert_eq!(n, 18);
        let now = Utc::now();
        assert!(!gives_up(now - Duration::hours(23), now));
        assert!(gives_up(now - Duration::hours(24), now));
    }

    #[test]
    fn only_2xx_is_received() {
        assert!(accepted(200) && accepted(204));
        assert!(!accepted(301) && !accepted(410) && !accepted(500));
    }
}
