//! Sign-in: the wire types, who is acting, and the failed-login throttle rule.

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
    /// The login name.
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
    /// The new password (at least 10 characters).
    pub new_password: String,
}

/// The claims of an access token. The user's roles are read from the database on
/// every request, so a role change or a deactivation takes effect at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: Uuid,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
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

/// Failed sign-ins allowed before the account is slowed down.
pub const FREE_LOGIN_FAILURES: u32 = 5;
/// Wait after the first failure beyond the free ones; doubles with each further one.
pub const FIRST_LOCKOUT_SECONDS: i64 = 30;
/// Longest wait imposed.
pub const MAX_LOCKOUT_SECONDS: i64 = 15 * 60;

/// When an account with `failures` consecutive failed sign-ins, the last at
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
    if failures < FREE_LOGIN_FAILURES {
        return None;
    }
    let doublings = (failures - FREE_LOGIN_FAILURES).min(16);
    let wait = (FIRST_LOCKOUT_SECONDS << doublings).min(MAX_LOCKOUT_SECONDS);
    let until = last_failure + Duration::seconds(wait);
    (until > now).then(|| until - now)
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
