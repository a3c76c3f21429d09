//! Users: what the API shows of them and how new and changed users are validated.

use crate::roles::{Permission, Role};
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// A user as the API shows them (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: Uuid,
    /// Login name, lower case.
    pub username: String,
    /// Name shown to other users.
    pub display_name: String,
    /// The user's roles.
    pub roles: Vec<Role>,
    /// What the roles allow, for the SPA to show or hide actions.
    pub permissions: Vec<Permission>,
    /// For dealer users: the dealer they act for.
    pub dealer_id: Option<Uuid>,
    /// Department (售后服务部, 配件部...).
    pub department: Option<String>,
    /// Preferred language (`zh-CN` or `en`).
    pub locale: Option<String>,
    /// A deactivated user cannot sign in and their tokens stop working.
    pub active: bool,
    /// Optimistic-concurrency version; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /users` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// 3-64 characters: lower-case letters, digits, `.`, `_`, `-`.
    #[cfg_attr(feature = "openapi", schema(example = "zhang.wei"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "张伟"))]
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    /// At least one role.
    pub roles: Vec<Role>,
    /// Required for the dealer role, refused otherwise.
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

/// `PATCH /users/{id}` body: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    #[serde(default)]
    pub dealer_id: Option<Uuid>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

/// `POST /users/{id}/password` body (an administrator sets a new password).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    pub new_password: String,
}

/// Normalises a login name (trimmed, lower case).
///
/// ASCII folding is enough: a valid name is ASCII only, and anything else is
/// refused after folding either way. It also keeps look-alikes out (the
/// Kelvin sign K would fold to an ASCII `k` under Unicode rules), and spares
/// the SPA Unicode's case tables.
pub fn normalize_username(raw: &str) -> String {
    raw.trim().to_ascii_lowercase()
}

fn check_username(v: &mut Validator, username: &str) {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    let len = username.chars().count();
    if username.is_empty() {
        v.error("username", "required", "username is required");
    } else if !(3..=64).contains(&len) || !ok_chars {
        v.error(
            "username",
            "invalid",
            "username must be 3-64 characters: lower-case letters, digits, '.', '_' or '-'",
        );
    }
}

/// Checks a new password's strength.
pub fn check_password(v: &mut Validator, field: &str, password: &str) {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        v.error(
            field,
            "too_short",
            format!("password must have at least {MIN_PASSWORD_CHARS} characters"),
        );
    } else if password.len() > 1024 {
        v.error(field, "too_long", "password must have at most 1024 bytes");
    }
}

fn check_roles(v: &mut Validator, roles: &[Role], dealer_id: Option<Uuid>) {
    if roles.is_empty() {
        v.error("roles", "required", "at least one role is required");
    }
    let is_dealer = roles.contains(&Role::Dealer);
    if is_dealer && dealer_id.is_none() {
        v.error(
            "dealer_id",
            "required",
            "a dealer user must belong to a dealer",
        );
    }
    if !is_dealer && !roles.contains(&Role::Integration) && dealer_id.is_some() {
        v.error(
            "dealer_id",
            "not_allowed",
            "only dealer and integration users belong to a dealer",
        );
    }
}

fn check_locale(v: &mut Validator, locale: Option<&str>) {
    if let Some(l) = locale
        && !matches!(l, "zh-CN" | "en")
    {
        v.error("locale", "invalid", "locale must be zh-CN or en");
    }
}

/// A department name fits its column on every engine.
fn check_department(v: &mut Validator, department: Option<&str>) {
    if let Some(d) = department {
        v.max_chars("department", d.trim(), 100);
    }
}

impl CreateUserRequest {
    /// Validates every field; the username is checked after normalising.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_username(&mut v, &normalize_username(&self.username));
        v.required("display_name", &self.display_name).max_chars(
            "display_name",
            &self.display_name,
            100,
        );
        check_password(&mut v, "password", &self.password);
        check_roles(&mut v, &self.roles, self.dealer_id);
        check_department(&mut v, self.department.as_deref());
        check_locale(&mut v, self.locale.as_deref());
        v.finish()
    }
}

impl UpdateUserRequest {
    /// Validates the change against the user's current roles and dealer.
    pub fn validate(
        &self,
        current_roles: &[Role],
        current_dealer: Option<Uuid>,
    ) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if let Some(name) = &self.display_name {
            v.required("display_name", name)
                .max_chars("display_name", name, 100);
        }
        let roles = self.roles.as_deref().unwrap_or(current_roles);
        // A staff role drops the user's dealer (the store clears it), so only a
        // dealer given in this very change can be refused for a staff user.
        let keeps_dealer = roles.contains(&Role::Dealer) || roles.contains(&Role::Integration);
        let dealer = if keeps_dealer {
            self.dealer_id.or(current_dealer)
        } else {
            self.dealer_id
        };
        check_roles(&mut v, roles, dealer);
        check_department(&mut v, self.department.as_deref());
        check_locale(&mut v, self.locale.as_deref());
        v.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CreateUserRequest {
        CreateUserRequest {
            username: "Zhang.Wei".into(),
            display_name: "张伟".into(),
            password: "long-enough-pw".into(),
            roles: vec![Role::Agent],
            dealer_id: None,
            department: None,
            locale: None,
        }
    }

    #[test]
    fn valid_user_passes_and_username_is_normalised() {
        assert!(valid().validate().is_ok());
        assert_eq!(normalize_username(" Zhang.Wei "), "zhang.wei");
    }

    #[test]
    fn a_look_alike_of_an_ascii_letter_is_refused_not_folded() {
        let mut r = valid();
        r.username = "\u{212A}ing".into(); // KELVIN SIGN, then "ing"
        let errors = r.validate().unwrap_err();
        assert!(errors.0.iter().any(|e| e.field == "username"), "{errors:?}");
    }

    #[test]
    fn short_password_empty_roles_and_bad_username_are_all_reported() {
        let mut r = valid();
        r.username = "a b".into();
        r.password = "short".into();
        r.roles.clear();
        let fields: Vec<String> = r
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["username", "password", "roles"]);
    }

    #[test]
    fn dealer_role_requires_a_dealer_and_staff_refuse_one() {
        let mut r = valid();
        r.roles = vec![Role::Dealer];
        assert_eq!(r.validate().unwrap_err().0[0].code, "required");
        r.dealer_id = Some(Uuid::nil());
        assert!(r.validate().is_ok());
        r.roles = vec![Role::Agent];
        assert_eq!(r.validate().unwrap_err().0[0].code, "not_allowed");
    }

    #[test]
    fn update_checks_roles_against_current_dealer() {
        let change = UpdateUserRequest {
            roles: Some(vec![Role::Dealer]),
            ..Default::default()
        };
        assert!(change.validate(&[Role::Agent], None).is_err());
        assert!(change.validate(&[Role::Agent], Some(Uuid::nil())).is_ok());
        let empty = UpdateUserRequest {
            roles: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(
            empty.validate(&[Role::Agent], None).unwrap_err().0[0].field,
            "roles"
        );
    }

    #[test]
    fn a_dealer_user_can_become_staff_and_loses_the_dealer() {
        let to_staff = UpdateUserRequest {
            roles: Some(vec![Role::Agent]),
            ..Default::default()
        };
        assert!(
            to_staff
                .validate(&[Role::Dealer], Some(Uuid::nil()))
                .is_ok()
        );
        let with_dealer = UpdateUserRequest {
            roles: Some(vec![Role::Agent]),
            dealer_id: Some(Uuid::nil()),
            ..Default::default()
        };
        assert_eq!(
            with_dealer
                .validate(&[Role::Dealer], Some(Uuid::nil()))
                .unwrap_err()
                .0[0]
                .code,
            "not_allowed"
        );
    }

    #[test]
    fn unknown_locale_is_refused() {
        let mut r = valid();
        r.locale = Some("fr".into());
        assert_eq!(r.validate().unwrap_err().0[0].field, "locale");
    }
}
