//! Settings documents: one typed, validated JSON document per key, kept by the
//! store with a version and an audit trail.
//!
//! Every document the company tunes (SLA targets and the working-day calendar today; KPI weights and grade
//! bands, follow-up rules, budget categories and webhook subscriptions next)
//! implements [`Setting`], so the store keeps them, caches them and audits
//! their changes through one mechanism, and the API serves each through one
//! generic pair of handlers. Adding a document means implementing the trait and
//! adding it to [`REGISTRY`].

use crate::api_limits::ApiLimits;
use crate::kpi::AssessmentSettings;
use crate::service::calendar::WorkCalendar;
use crate::service::dispatch::DispatchSettings;
use crate::service::follow_up::FollowUpSettings;
use crate::service::sanbao::ServiceNetwork;
use crate::service::sla::SlaSettings;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// A settings document.
///
/// `Default` gives the documented defaults, in force until the document is
/// first saved (version 0).
pub trait Setting: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static {
    /// The document's key: its row in the store, its path under `/settings/`
    /// and its name in audit events and error messages.
    const KEY: &'static str;

    /// Checks every value; the whole document is refused on any error, so a
    /// stored document is always one that passed.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// Rewrites what input may still spell the old way into the stored form
    /// (run on a document that passed [`Setting::validate`] before it is kept,
    /// and on every stored document read, so documents saved before a format
    /// change read as the new form).
    fn normalize(&mut self) {}
}

/// What the registry knows of a setting without its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingKind {
    pub key: &'static str,
}

impl SettingKind {
    pub const fn of<S: Setting>() -> Self {
        SettingKind { key: S::KEY }
    }
}

/// Every settings document Furrow knows, in the order an administrator sees them.
pub const REGISTRY: &[SettingKind] = &[
    SettingKind::of::<SlaSettings>(),
    SettingKind::of::<WorkCalendar>(),
    SettingKind::of::<DispatchSettings>(),
    SettingKind::of::<ServiceNetwork>(),
    SettingKind::of::<FollowUpSettings>(),
    SettingKind::of::<AssessmentSettings>(),
    SettingKind::of::<ApiLimits>(),
];

/// One row of `GET /settings`: which document, which version, when last saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingSummary {
    pub key: String,
    /// 0 while the defaults are in force (never saved); the ETag of the document.
    pub version: i32,
    /// When the document was last saved; absent while the defaults are in force.
    pub updated_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_usable_in_a_path() {
        let mut keys: Vec<_> = REGISTRY.iter().map(|k| k.key).collect();
        assert!(keys.iter().all(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
        }));
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "two settings share a key");
    }

    #[test]
    fn every_default_is_valid_and_round_trips() {
        fn check<S: Setting + PartialEq + std::fmt::Debug>() {
            let d = S::default();
            Setting::validate(&d).unwrap_or_else(|e| panic!("{}: {e}", S::KEY));
            let back: S = serde_json::from_value(serde_json::to_value(&d).unwrap()).unwrap();
            assert_eq!(back, d, "{}", S::KEY);
        }
        check::<SlaSettings>();
        check::<WorkCalendar>();
        check::<DispatchSettings>();
        check::<ServiceNetwork>();
        check::<FollowUpSettings>();
        check::<AssessmentSettings>();
        check::<ApiLimits>();
    }
}
