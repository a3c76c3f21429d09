//! Users: what the API shows of them and how new and changed users are validated.

use crate::roles::{Permission, Role};
use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted (NIST SP 800-63B asks for at least 64).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Longest login name a user can have.
pub const MAX_USERNAME_CHARS: usize = 64;
/// The password of the demo accounts, published in the README: never a real
/// user's password.
pub const PUBLISHED_DEMO_PASSWORD: &str = "furrow-demo";

/// Common and breached-style passwords, one a line, lower case: the well-known
/// top lists, common words with the digits and years people append, runs,
/// repeats and keyboard walks, and Furrow's own demo password. Only passwords
/// of 8 characters or more are listed (shorter ones fail the length rule).
/// The shipped list of common passwords, in the server's build only (feature
/// `password-list`, which the store turns on): the web app leaves this one
/// check to the server rather than download the list with every page.
#[cfg(feature = "password-list")]
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// Filters of `GET /users`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct UserFilters {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only active (`true`) or deactivated (`false`) users.
    pub active: Option<bool>,
}

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

/// `GET /me`: the signed-in user and what every page needs to show times
/// the company's way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeView {
    #[serde(flatten)]
    pub user: UserView,
    /// The company's time zone as minutes east of UTC (the SLA settings'
    /// `utc_offset_minutes`): dates and times are shown and entered in it,
    /// wherever the browser is.
    pub utc_offset_minutes: i32,
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
    /// 10-128 characters, not a common password, not containing the login name.
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
    /// 10-128 characters, not a common password, not containing the login
    /// name, and not the current one.
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
    } else if !(3..=MAX_USERNAME_CHARS).contains(&len) || !ok_chars {
        v.error(
            "username",
            "invalid",
            "username must be 3-64 characters: lower-case letters, digits, '.', '_' or '-'",
        );
    }
}

/// Why a new password is refused (NIST SP 800-63B, section 5.1.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejection {
    #[error("password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("password must have at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("password must not contain control characters (tabs, line breaks, NUL...)")]
    ControlCharacters,
    #[error("password must not be only spaces")]
    Blank,
    #[error("this password is too common; choose one that is hard to guess")]
    Common,
    #[error("this is the published demo password; choose another")]
    DemoPassword,
    #[error("password must not contain the login name")]
    ContainsUsername,
    #[error("the new password must differ from the current one")]
    SameAsCurrent,
}

impl PasswordRejection {
    /// The field error code.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
            Self::ControlCharacters => "control_characters",
            Self::Blank => "blank",
            Self::Common => "common",
            Self::DemoPassword => "demo_password",
            Self::ContainsUsername => "contains_username",
            Self::SameAsCurrent => "same_as_current",
        }
    }
}

/// Whether `password` is on the shipped common-password list (case-insensitive);
/// always false without the list (the web app's build).
#[cfg(not(feature = "password-list"))]
pub fn is_common_password(_password: &str) -> bool {
    false
}

/// Whether `password` is on the shipped common-password list (case-insensitive).
#[cfg(feature = "password-list")]
pub fn is_common_password(password: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let list = LIST.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    });
    list.contains(password.to_lowercase().as_str())
}

/// The password policy for a new password (user creation, password change,
/// admin reset). `username` is the account's login name when known.
///
/// Following NIST SP 800-63B: 10-128 characters, any printable character
/// (spaces and any script included), no composition rules; refused are
/// control characters, only-spaces, the shipped list of common passwords, the
/// published demo password, and passwords containing the login name. That the
/// new password differs from the current one is checked where the current hash
/// is ([`PasswordRejection::SameAsCurrent`]).
pub fn password_policy(password: &str, username: Option<&str>) -> Result<(), PasswordRejection> {
    let chars = password.chars().count();
    if password.chars().any(char::is_control) {
        return Err(PasswordRejection::ControlCharacters);
    }
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordRejection::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordRejection::TooLong);
    }
    if password.chars().all(char::is_whitespace) {
        return Err(PasswordRejection::Blank);
    }
    // The demo password and login names are ASCII, so ASCII case folding
    // finds them exactly (and keeps Unicode's case tables out of the web app).
    let lower = password.to_ascii_lowercase();
    if lower.contains(PUBLISHED_DEMO_PASSWORD) {
        return Err(PasswordRejection::DemoPassword);
    }
    if is_common_password(password) || is_common_password(password.trim()) {
        return Err(PasswordRejection::Common);
    }
    if let Some(name) = username.map(normalize_username)
        && name.len() >= 3
        && lower.contains(&name)
    {
        return Err(PasswordRejection::ContainsUsername);
    }
    Ok(())
}

/// Checks a new password against [`password_policy`] without a login name
/// (the SPA's check before sending).
pub fn check_password(v: &mut Validator, field: &str, password: &str) {
    check_new_password(v, field, password, None);
}

/// Checks a new password against [`password_policy`], reporting a field error.
pub fn check_new_password(v: &mut Validator, field: &str, password: &str, username: Option<&str>) {
    if let Err(why) = password_policy(password, username) {
        v.error(field, why.code(), why.to_string());
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
    /// Validates every field, the password against [`password_policy`]; the
    /// username is checked after normalising.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        self.validate_fields(true)
    }

    /// Validates every field except the password. Only for the demo accounts,
    /// whose published password is exactly what the policy refuses.
    pub fn validate_without_password_policy(&self) -> Result<(), ValidationErrors> {
        self.validate_fields(false)
    }

    fn validate_fields(&self, password_policy: bool) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        check_username(&mut v, &normalize_username(&self.username));
        v.required_text("display_name", &self.display_name, 100);
        if password_policy {
            check_new_password(&mut v, "password", &self.password, Some(&self.username));
        }
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
            v.required_text("display_name", name, 100);
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
        assert_eq!(
            r.validate().unwrap_err().fields(),
            vec!["username", "password", "roles"]
        );
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

    fn rejection(password: &str, username: Option<&str>) -> Option<&'static str> {
        password_policy(password, username)
            .err()
            .map(PasswordRejection::code)
    }

    #[test]
    fn a_long_uncommon_password_passes_in_any_script_and_with_spaces() {
        assert_eq!(rejection("correct pony staple 9", Some("zhang.wei")), None);
        assert_eq!(rejection("春眠不觉晓处处闻啼鸟", None), None);
        assert_eq!(rejection(&"y".repeat(MAX_PASSWORD_CHARS), None), None);
    }

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert_eq!(rejection("short-pw", None), Some("too_short"));
        assert_eq!(
            rejection(&"y".repeat(MAX_PASSWORD_CHARS + 1), None),
            Some("too_long")
        );
    }

    #[test]
    fn only_spaces_and_control_characters_are_refused() {
        assert_eq!(rejection(&" ".repeat(12), None), Some("blank"));
        assert_eq!(
            rejection(&"\0".repeat(12), None),
            Some("control_characters")
        );
        assert_eq!(
            rejection("tab\tinside-the-password", None),
            Some("control_characters")
        );
    }

    #[test]
    #[cfg(feature = "password-list")]
    fn common_passwords_are_refused_whatever_their_case() {
        for p in [
            "password1234",
            "PASSWORD1234",
            "qwertyuiop",
            "1234567890",
            "iloveyou123",
        ] {
            assert_eq!(rejection(p, None), Some("common"), "{p}");
        }
        assert!(is_common_password("Password123"));
        assert!(!is_common_password("orchard-lantern-42"));
    }

    #[test]
    fn the_demo_password_and_the_login_name_are_refused() {
        assert_eq!(rejection("furrow-demo", None), Some("demo_password"));
        assert_eq!(rejection("FURROW-DEMO-2", None), Some("demo_password"));
        assert_eq!(
            rejection("zhang.wei.2026", Some("Zhang.Wei")),
            Some("contains_username")
        );
        assert_eq!(rejection("zhang.wei.2026", Some("li.na")), None);
    }

    #[test]
    fn a_new_user_whose_password_contains_their_name_is_refused() {
        let mut r = valid();
        r.password = "my-zhang.wei-password".into();
        assert_eq!(r.validate().unwrap_err().0[0].code, "contains_username");
        assert!(r.validate_without_password_policy().is_ok());
    }

    #[test]
    #[cfg(feature = "password-list")]
    fn the_shipped_list_is_lower_case_and_has_thousands_of_entries() {
        let n = COMMON_PASSWORDS.lines().count();
        assert!(n > 3000, "{n} entries");
        assert!(COMMON_PASSWORDS.lines().all(|l| l == l.to_lowercase()));
    }

    #[test]
    fn unknown_locale_is_refused() {
        let mut r = valid();
        r.locale = Some("fr".into());
        assert_eq!(r.validate().unwrap_err().0[0].field, "locale");
    }
}
