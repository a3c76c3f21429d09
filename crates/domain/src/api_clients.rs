//! API clients: other systems (a dealer's, an integration's) that call the
//! API with client credentials (RFC 6749 §4.4) instead of a person's
//! password. An administrator registers a client with a role, the scopes it
//! may ask for and, optionally, the address ranges it calls from; the server
//! generates its secret, shows it once and keeps only its hash.
//!
//! The rules here are the one home for: which scopes exist ([`ClientScope`];
//! what each reaches is a row of the permission table,
//! [`crate::access::scope_reads`]), what a registration must hold
//! ([`CreateApiClientRequest::validate`]), whether an address may ask for a
//! token ([`ip_allowed`]), whether a secret is still accepted after a
//! rotation ([`secret_accepted`]) and which scopes a token request gets
//! ([`requested_scopes`]).

use crate::roles::Role;
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Duration, Utc};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use uuid::Uuid;

wire_enum!(
    /// What a client may ask a token for. Each scope's reach is a row of the
    /// permission table (`access::scope_reads`, `access::scope_gives`).
    ClientScope {
        /// Read service requests (its dealer's, for a dealer client).
        RequestsRead => "requests_read",
        /// Report new service requests (intake).
        RequestsWrite => "requests_write",
        /// Read customers, machines, product models and dealers.
        MasterRead => "master_read",
        /// Follow the change feed (`GET /events`).
        EventsRead => "events_read",
    }
);

wire_enum!(
    /// The role a client acts in.
    ClientRole {
        /// Another system of the maker's, or a dealer's when bound to one.
        Integration => "integration",
        /// A dealer's system: bound to its dealer.
        Dealer => "dealer",
    }
);

impl ClientRole {
    /// The role of the permission table the client acts in.
    pub fn role(self) -> Role {
        match self {
            ClientRole::Integration => Role::Integration,
            ClientRole::Dealer => Role::Dealer,
        }
    }
}

/// The longest overlap a rotation may leave the old secret valid: a week.
pub const MAX_OVERLAP_MINUTES: u32 = 7 * 24 * 60;
/// At most this many address ranges per client.
pub const MAX_RANGES: usize = 20;
/// Prefix of every generated secret, so a leaked one is recognisable.
pub const SECRET_PREFIX: &str = "fcs_";

/// `POST /api-clients` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateApiClientRequest {
    /// 1-100 characters, shown to administrators and in the audit log.
    #[cfg_attr(feature = "openapi", schema(example = "丰收农机 DMS"))]
    pub name: String,
    pub role: ClientRole,
    /// The dealer a `dealer` client acts for (required there); an
    /// `integration` client with a dealer is limited to that dealer too.
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    /// At least one.
    pub scopes: Vec<ClientScope>,
    /// CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`) or single addresses the
    /// client may ask for tokens from; empty: anywhere.
    #[serde(default)]
    pub allowed_ips: Vec<String>,
}

impl CreateApiClientRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        v.required_text("name", &self.name, 100);
        if self.role == ClientRole::Dealer && self.dealer_id.is_none() {
            v.error(
                "dealer_id",
                "required",
                "a dealer client acts for one dealer",
            );
        }
        if self.scopes.is_empty() {
            v.error("scopes", "required", "give the client at least one scope");
        }
        if self.allowed_ips.len() > MAX_RANGES {
            v.error(
                "allowed_ips",
                "too_many",
                format!("at most {MAX_RANGES} ranges"),
            );
        }
        if let Err(bad) = parse_ranges(&self.allowed_ips) {
            v.error(
                "allowed_ips",
                "invalid",
                format!("not an address or CIDR range: {bad}"),
            );
        }
        v.finish()
    }

    /// The scopes without repeats, in the closed list's order.
    pub fn normalized_scopes(&self) -> Vec<ClientScope> {
        normalize(&self.scopes)
    }

    /// The ranges as they will be kept (`10.1.2.3` becomes `10.1.2.3/32`,
    /// host bits cleared).
    pub fn normalized_ranges(&self) -> Vec<String> {
        parse_ranges(&self.allowed_ips)
            .map(|r| r.iter().map(|n| n.trunc().to_string()).collect())
            .unwrap_or_default()
    }
}

/// `POST /api-clients/{id}/rotate` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RotateApiClientRequest {
    /// Minutes the old secret stays valid beside the new one (0: it stops
    /// at once); at most a week.
    #[cfg_attr(feature = "openapi", schema(example = 60))]
    pub overlap_minutes: u32,
}

impl RotateApiClientRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if self.overlap_minutes > MAX_OVERLAP_MINUTES {
            v.error(
                "overlap_minutes",
                "too_long",
                format!("at most {MAX_OVERLAP_MINUTES} minutes (a week)"),
            );
        }
        v.finish()
    }

    /// Until when the old secret is accepted, rotating at `now`.
    pub fn previous_valid_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (self.overlap_minutes > 0).then(|| now + Duration::minutes(self.overlap_minutes.into()))
    }
}

/// A client as administrators see it (never its secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientView {
    /// The `client_id` of the token request.
    pub id: Uuid,
    pub name: String,
    pub role: ClientRole,
    pub dealer_id: Option<Uuid>,
    pub scopes: Vec<ClientScope>,
    pub allowed_ips: Vec<String>,
    /// Rotating and revoking send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the secret was last rotated.
    pub rotated_at: Option<DateTime<Utc>>,
    /// Until when the secret before the last rotation is still accepted.
    pub previous_secret_valid_until: Option<DateTime<Utc>>,
    /// Set once revoked: no token is issued and its tokens stop working.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it last got a token.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Its calls with its tokens: when last, how many, how many failed.
    pub usage: crate::api_limits::ApiClientUsage,
}

/// A client with its new secret: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientSecret {
    pub client: ApiClientView,
    /// Shown once; only its hash is kept.
    pub client_secret: String,
}

/// `POST /oauth/token` body (`application/x-www-form-urlencoded`, RFC 6749
/// §4.4.2). The client authenticates by HTTP Basic (`client_id:client_secret`)
/// or by the two form fields, never both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientCredentialsForm {
    /// Always `client_credentials`.
    #[cfg_attr(feature = "openapi", schema(example = "client_credentials"))]
    pub grant_type: String,
    /// Space-separated scopes, each the client's; absent: all of them.
    pub scope: Option<String>,
    /// The client's id, when not sent by HTTP Basic.
    pub client_id: Option<String>,
    /// The client's secret, when not sent by HTTP Basic.
    pub client_secret: Option<String>,
}

/// `POST /oauth/token` answer (RFC 6749 §5.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientTokenResponse {
    /// JWT (HS256) to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The granted scopes, space-separated.
    #[cfg_attr(feature = "openapi", schema(example = "requests_read events_read"))]
    pub scope: String,
}

/// An error of the token endpoint (RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `invalid_grant`,
    /// `unauthorized_client`, `unsupported_grant_type` or `invalid_scope`.
    pub error: String,
    pub error_description: String,
}

/// The ranges, or the first entry that is not an address or a CIDR range.
pub fn parse_ranges(ranges: &[String]) -> Result<Vec<IpNet>, String> {
    ranges
        .iter()
        .map(|r| {
            let r = r.trim();
            r.parse::<IpNet>()
                .or_else(|_| r.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| r.to_owned())
        })
        .collect()
}

/// Whether a token may be issued to a caller at `ip`: anywhere when the
/// client has no ranges, else only inside one of them. An IPv4 address
/// mapped into IPv6 (`::ffff:10.0.0.1`) is matched as the IPv4 address.
/// Unparseable ranges (never stored) match nothing.
pub fn ip_allowed(ranges: &[String], ip: IpAddr) -> bool {
    if ranges.is_empty() {
        return true;
    }
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    parse_ranges(ranges).is_ok_and(|nets| nets.iter().any(|n| n.contains(&ip)))
}

/// Whether a presented secret is accepted: the current one always (until
/// revoked), the one before the last rotation only before its overlap ends.
pub fn secret_accepted(
    matches_current: bool,
    matches_previous: bool,
    previous_valid_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    matches_current || (matches_previous && previous_valid_until.is_some_and(|until| now < until))
}

/// Why a token request's `scope` is refused (`invalid_scope`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRefused(pub String);

/// The scopes a token gets: all the client's when `requested` is absent or
/// blank, else the requested ones (space-separated, RFC 6749 §3.3), each of
/// which must be the client's.
pub fn requested_scopes(
    requested: Option<&str>,
    granted: &[ClientScope],
) -> Result<Vec<ClientScope>, ScopeRefused> {
    let Some(requested) = requested.filter(|s| !s.trim().is_empty()) else {
        return Ok(normalize(granted));
    };
    let mut out = Vec::new();
    for word in requested.split(' ').filter(|w| !w.is_empty()) {
        match ClientScope::parse(word) {
            Some(s) if granted.contains(&s) => out.push(s),
            Some(_) => return Err(ScopeRefused(format!("the client may not ask for {word}"))),
            None => return Err(ScopeRefused(format!("no such scope: {word}"))),
        }
    }
    Ok(normalize(&out))
}

/// Scopes as a token's `scope` claim: space-separated.
pub fn scope_string(scopes: &[ClientScope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token's `scope` claim read back; unknown words are dropped.
pub fn parse_scope_string(s: &str) -> Vec<ClientScope> {
    normalize(
        &s.split(' ')
            .filter_map(ClientScope::parse)
            .collect::<Vec<_>>(),
    )
}

fn normalize(scopes: &[ClientScope]) -> Vec<ClientScope> {
    ClientScope::ALL
        .iter()
        .copied()
        .filter(|s| scopes.contains(s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    fn request() -> CreateApiClientRequest {
        CreateApiClientRequest {
            name: "DMS".into(),
            role: ClientRole::Dealer,
            dealer_id: Some(Uuid::from_u128(1)),
            scopes: vec![ClientScope::EventsRead, ClientScope::RequestsRead],
            allowed_ips: vec![],
        }
    }

    #[test]
    fn cidr_ranges_match_inside_and_refuse_outside() {
        let r = ranges(&["10.1.0.0/16", "192.168.5.7", "2001:db8::/32"]);
        assert!(ip_allowed(&r, "10.1.200.3".parse().unwrap()));
        assert!(!ip_allowed(&r, "10.2.0.1".parse().unwrap()));
        assert!(ip_allowed(&r, "192.168.5.7".parse().unwrap()));
        assert!(!ip_allowed(&r, "192.168.5.8".parse().unwrap()));
        assert!(ip_allowed(&r, "2001:db8:1::9".parse().unwrap()));
        assert!(!ip_allowed(&r, "2001:db9::1".parse().unwrap()));
        // An IPv4 peer seen through a dual-stack socket.
        assert!(ip_allowed(&r, "::ffff:10.1.0.9".parse().unwrap()));
        // No ranges: anywhere.
        assert!(ip_allowed(&[], "203.0.113.1".parse().unwrap()));
    }

    #[test]
    fn a_registration_needs_a_name_scopes_a_dealer_for_dealers_and_valid_ranges() {
        assert!(request().validate().is_ok());
        let mut r = request();
        r.dealer_id = None;
        r.scopes.clear();
        r.allowed_ips = ranges(&["10.0.0.0/33"]);
        r.name = " ".into();
        let e = r.validate().unwrap_err();
        assert_eq!(
            e.fields(),
            vec!["name", "dealer_id", "scopes", "allowed_ips"]
        );
        let mut i = request();
        i.role = ClientRole::Integration;
        i.dealer_id = None;
        assert!(i.validate().is_ok());
    }

    #[test]
    fn ranges_are_kept_normalised_and_scopes_without_repeats() {
        let mut r = request();
        r.allowed_ips = ranges(&["10.1.2.3/16", " 192.168.0.1 "]);
        r.scopes = vec![
            ClientScope::EventsRead,
            ClientScope::RequestsRead,
            ClientScope::EventsRead,
        ];
        assert_eq!(
            r.normalized_ranges(),
            ranges(&["10.1.0.0/16", "192.168.0.1/32"])
        );
        assert_eq!(
            r.normalized_scopes(),
            vec![ClientScope::RequestsRead, ClientScope::EventsRead]
        );
    }

    #[test]
    fn the_old_secret_works_only_inside_the_overlap() {
        let now = "2026-12-07T06:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let rotate = RotateApiClientRequest {
            overlap_minutes: 60,
        };
        let until = rotate.previous_valid_until(now);
        assert_eq!(until, Some(now + Duration::hours(1)));
        assert!(secret_accepted(true, false, until, now));
        assert!(secret_accepted(
            false,
            true,
            until,
            now + Duration::minutes(59)
        ));
        assert!(!secret_accepted(
            false,
            true,
            until,
            now + Duration::minutes(60)
        ));
        assert!(!secret_accepted(false, false, until, now));
        // No overlap: the old secret stops at once.
        let at_once = RotateApiClientRequest { overlap_minutes: 0 }.previous_valid_until(now);
        assert!(!secret_accepted(false, true, at_once, now));
        assert!(
            RotateApiClientRequest {
                overlap_minutes: MAX_OVERLAP_MINUTES + 1
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn a_token_gets_the_scopes_asked_for_if_the_client_has_them() {
        let granted = [ClientScope::RequestsRead, ClientScope::EventsRead];
        assert_eq!(requested_scopes(None, &granted).unwrap(), granted.to_vec());
        assert_eq!(
            requested_scopes(Some(" "), &granted).unwrap(),
            granted.to_vec()
        );
        assert_eq!(
            requested_scopes(Some("events_read"), &granted).unwrap(),
            vec![ClientScope::EventsRead]
        );
        assert!(requested_scopes(Some("master_read"), &granted).is_err());
        assert!(requested_scopes(Some("everything"), &granted).is_err());
        let s = scope_string(&granted);
        assert_eq!(s, "requests_read events_read");
        assert_eq!(parse_scope_string(&s), granted.to_vec());
    }
}
