//! Sign-in: the wire types, who is acting, and the failed-login throttle rules.

use crate::roles::{Permission, Role, any_grants};
use crate::users::UserView;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Lifetime of an access token (DESIGN §7: 15 minutes).
pub const ACCESS_TOKEN_TTL_SECONDS: i64 = 15 * 60;
/// Lifetime of a refresh token; each use rotates it.
pub const REFRESH_TOKEN_TTL_DAYS: i64 = 30;

/// `POST /auth/login` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The login name. One longer than any user can have (64 characters) is
    /// answered like a wrong password and never stored.
    #[cfg_attr(feature = "openapi", schema(example = "supervisor"))]
    pub username: String,
    /// The password.
    #[cfg_attr(feature = "openapi", schema(example = "furrow-demo"))]
    pub password: String,
}

/// Tokens issued at sign-in and on refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// JWT (HS256) to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Opaque token for `POST /auth/refresh`; single use, rotated on every refresh.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The signed-in user.
    pub user: UserView,
}

/// `POST /auth/refresh` and `POST /auth/logout` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token last issued.
    pub refresh_token: String,
}

/// `POST /me/password` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password in use now.
    pub current_password: String,
    /// The new password: 10-128 characters, not a common password, not
    /// containing the login name, and not the current one.
    pub new_password: String,
}

/// The claims of an access token. The user's roles are read from the database on
/// every request, so a role change or a deactivation takes effect at once; the
/// session is checked the same way, so signing out, a password change or reset,
/// a replayed refresh token and a deactivation end the token too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: Uuid,
    /// The session (refresh-token family) the token was issued in.
    pub sid: Uuid,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// Only in an API client's token (client credentials, `POST
    /// /oauth/token`): its granted scopes, space-separated; `sub` and `sid`
    /// are then the client's id. The client is looked up on every request
    /// like a user's session, so revoking it ends its tokens within 2 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Who is acting: the signed-in user as the store and the rules see them.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub user_id: Uuid,
    pub username: String,
    pub roles: Vec<Role>,
    /// Set for dealer users: every query is scoped to this dealer.
    pub dealer_id: Option<Uuid>,
}

impl Actor {
    /// Whether the actor's roles grant `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        any_grants(&self.roles, permission)
    }

    /// The dealer the actor's view is limited to, if any. A user holding the
    /// dealer role is always scoped, even with other roles.
    pub fn dealer_scope(&self) -> Option<Uuid> {
        if self.roles.contains(&Role::Dealer) || self.roles.contains(&Role::Integration) {
            self.dealer_id
        } else {
            None
        }
    }

    /// For a field engineer without office roles: their own id. Their view of
    /// requests and work orders is limited to what is assigned to them.
    pub fn engineer_scope(&self) -> Option<Uuid> {
        let office = [Role::Admin, Role::Agent, Role::Supervisor, Role::Manager];
        (self.roles.contains(&Role::Engineer) && !self.roles.iter().any(|r| office.contains(r)))
            .then_some(self.user_id)
    }

    /// Whether the actor is a dealer-side user (they must have a dealer).
    pub fn is_dealer_side(&self) -> bool {
        self.roles.contains(&Role::Dealer)
    }
}

/// Longest password a sign-in attempt may send, in bytes. Longer ones cannot
/// match any account (new passwords have at most
/// [`crate::users::MAX_PASSWORD_CHARS`] characters, older ones at most 1024
/// bytes), so they are refused without being hashed.
pub const MAX_PASSWORD_ATTEMPT_BYTES: usize = 1024;

/// Failed sign-ins allowed for one login name before it is slowed down.
pub const FREE_LOGIN_FAILURES: u32 = 5;
/// Failed sign-ins allowed from one client address (any login names) before it
/// is slowed down: enough for an office behind one address to mistype.
pub const FREE_ADDRESS_FAILURES: u32 = 30;
/// Failed sign-ins allowed server-wide per [`GLOBAL_WINDOW_SECONDS`] before
/// sign-ins from addresses a user never signed in from are refused until the
/// window ends (a spray from many addresses).
pub const GLOBAL_FAILURES_PER_WINDOW: u32 = 100;
/// The window of the server-wide count.
pub const GLOBAL_WINDOW_SECONDS: i64 = 60;
/// Wait after the first failure beyond the free ones; doubles with each further one.
pub const FIRST_LOCKOUT_SECONDS: i64 = 30;
/// Longest wait imposed.
pub const MAX_LOCKOUT_SECONDS: i64 = 15 * 60;
/// A login name's or address's count starts again after this long without a
/// failure; rows older than that are deleted.
pub const THROTTLE_RESET_SECONDS: i64 = 60 * 60;

/// The limits of the sign-in throttle (the constants above by default; tests
/// use smaller ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    pub free_username_failures: u32,
    pub free_address_failures: u32,
    pub global_failures_per_window: u32,
    pub global_window_seconds: i64,
    pub reset_after_seconds: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            free_username_failures: FREE_LOGIN_FAILURES,
            free_address_failures: FREE_ADDRESS_FAILURES,
            global_failures_per_window: GLOBAL_FAILURES_PER_WINDOW,
            global_window_seconds: GLOBAL_WINDOW_SECONDS,
            reset_after_seconds: THROTTLE_RESET_SECONDS,
        }
    }
}

/// When a login name with `failures` consecutive failed sign-ins, the last at
/// `last_failure`, may try again; `None` when it may try now.
///
/// Five failures are free (typos happen); then 30 s, 60 s, 120 s... up to
/// 15 minutes. This slows guessing to a few hundred tries a day without locking
/// the real user out for long.
pub fn login_retry_after(
    failures: u32,
    last_failure: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    backoff_retry_after(FREE_LOGIN_FAILURES, failures, last_failure, now)
}

/// Refusals a dealer may meet for keys (customer codes, serial numbers)
/// that are taken before it is slowed down by [`backoff_retry_after`], like a
/// login name (see `furrow_store::sessions::taken_probe_wait`).
pub const FREE_TAKEN_REFUSALS: u32 = 10;

/// The doubling back-off of [`login_retry_after`] after `free` failures.
pub fn backoff_retry_after(
    free: u32,
    failures: u32,
    last_failure: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = (failures - free).min(16);
    let wait = (FIRST_LOCKOUT_SECONDS << doublings).min(MAX_LOCKOUT_SECONDS);
    let until = last_failure + Duration::seconds(wait);
    (until > now).then(|| until - now)
}

/// When the server-wide window that started at `window_start` with `failures`
/// failures lets strangers try again; `None` when it is under its ceiling or over.
pub fn global_retry_after(
    limits: &LoginLimits,
    failures: u32,
    window_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    let until = window_start + Duration::seconds(limits.global_window_seconds);
    (failures >= limits.global_failures_per_window && until > now).then(|| until - now)
}

/// The throttle bucket of a client address: an IPv4 address, or the /64 an
/// IPv6 address is in (one host usually holds a whole /64).
pub fn address_bucket(ip: std::net::IpAddr) -> String {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap()
    }

    #[test]
    fn first_failures_are_not_slowed_down() {
        for f in 0..FREE_LOGIN_FAILURES {
            assert_eq!(login_retry_after(f, t0(), t0()), None);
        }
    }

    #[test]
    fn fifth_failure_waits_thirty_seconds_then_doubles() {
        assert_eq!(
            login_retry_after(5, t0(), t0()),
            Some(Duration::seconds(30))
        );
        assert_eq!(
            login_retry_after(6, t0(), t0()),
            Some(Duration::seconds(60))
        );
        assert_eq!(
            login_retry_after(7, t0(), t0() + Duration::seconds(20)),
            Some(Duration::seconds(100))
        );
    }

    #[test]
    fn wait_is_capped_at_fifteen_minutes_even_after_many_failures() {
        assert_eq!(
            login_retry_after(1000, t0(), t0()),
            Some(Duration::seconds(MAX_LOCKOUT_SECONDS))
        );
    }

    #[test]
    fn wait_ends_exactly_at_its_deadline() {
        assert_eq!(
            login_retry_after(5, t0(), t0() + Duration::seconds(30)),
            None
        );
        assert!(login_retry_after(5, t0(), t0() + Duration::seconds(29)).is_some());
    }

    #[test]
    fn an_address_gets_more_free_failures_than_a_login_name() {
        assert_eq!(
            backoff_retry_after(FREE_ADDRESS_FAILURES, 29, t0(), t0()),
            None
        );
        assert_eq!(
            backoff_retry_after(FREE_ADDRESS_FAILURES, 30, t0(), t0()),
            Some(Duration::seconds(30))
        );
    }

    #[test]
    fn the_server_wide_ceiling_holds_until_its_window_ends() {
        let limits = LoginLimits::default();
        let max = limits.global_failures_per_window;
        assert_eq!(global_retry_after(&limits, max - 1, t0(), t0()), None);
        assert_eq!(
            global_retry_after(&limits, max, t0(), t0() + Duration::seconds(20)),
            Some(Duration::seconds(40))
        );
        assert_eq!(
            global_retry_after(&limits, max, t0(), t0() + Duration::seconds(60)),
            None
        );
    }

    #[test]
    fn ipv6_clients_are_bucketed_by_their_64_and_mapped_ipv4_by_address() {
        let a: std::net::IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: std::net::IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(address_bucket(a), address_bucket(b));
        assert_eq!(address_bucket(a), "2001:db8:1:2::/64");
        let mapped: std::net::IpAddr = "::ffff:10.0.0.7".parse().unwrap();
        assert_eq!(address_bucket(mapped), "10.0.0.7");
    }

    #[test]
    fn engineers_alone_are_scoped_to_their_own_work_and_office_roles_lift_it() {
        let mut a = Actor {
            user_id: Uuid::nil(),
            username: "e".into(),
            roles: vec![Role::Engineer],
            dealer_id: None,
        };
        assert_eq!(a.engineer_scope(), Some(Uuid::nil()));
        a.roles.push(Role::Supervisor);
        assert_eq!(a.engineer_scope(), None);
    }

    #[test]
    fn dealer_users_are_scoped_to_their_dealer_and_staff_are_not() {
        let dealer = Uuid::nil();
        let mut a = Actor {
            user_id: Uuid::nil(),
            username: "d".into(),
            roles: vec![Role::Dealer],
            dealer_id: Some(dealer),
        };
        assert_eq!(a.dealer_scope(), Some(dealer));
        a.roles = vec![Role::Agent];
        assert_eq!(a.dealer_scope(), None);
    }
}
