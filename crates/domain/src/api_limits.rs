//! Per-client rate limits and usage (issue #21, item 1): how many requests
//! an API client may make ([`ApiLimits`], a settings document), what the
//! answer tells the client about its budget ([`RateLimitState::headers`])
//! and what an administrator sees of its use ([`ApiClientUsage`]).

use crate::validation::{ValidationErrors, Validator};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most requests per minute a limit may allow.
pub const MAX_PER_MINUTE: u32 = 100_000;

/// `GET/PUT /settings/api_limits`: the request budget of each API client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiLimits {
    /// Requests per minute each API client may make on each server
    /// instance (the budget refills evenly over the minute), 1-100,000.
    #[cfg_attr(feature = "openapi", schema(example = 600))]
    pub client_requests_per_minute: u32,
    /// How many of them may come at once, 1 up to `client_requests_per_minute`.
    #[cfg_attr(feature = "openapi", schema(example = 60))]
    pub client_burst: u32,
}

impl Default for ApiLimits {
    fn default() -> Self {
        ApiLimits {
            client_requests_per_minute: 600,
            client_burst: 60,
        }
    }
}

impl crate::settings::Setting for ApiLimits {
    const KEY: &'static str = "api_limits";

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        if !(1..=MAX_PER_MINUTE).contains(&self.client_requests_per_minute) {
            v.error(
                "client_requests_per_minute",
                "out_of_range",
                format!("client_requests_per_minute must be between 1 and {MAX_PER_MINUTE}"),
            );
        }
        if self.client_burst == 0 || self.client_burst > self.client_requests_per_minute {
            v.error(
                "client_burst",
                "out_of_range",
                "client_burst must be between 1 and client_requests_per_minute",
            );
        }
        v.finish()
    }
}

/// Where a client stands against its limit after a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitState {
    /// The burst: the most requests the client may make at once.
    pub limit: u32,
    /// Requests it may still make at once.
    pub remaining: u32,
    /// Seconds until it may make one more (0 when it may now).
    pub retry_after_secs: u64,
    /// Seconds until the whole burst is available again.
    pub reset_secs: u64,
}

impl RateLimitState {
    /// The headers every answer to a client carries (the IETF httpapi
    /// RateLimit fields, `RateLimit-Limit`, `-Remaining`, `-Reset`) and, on a
    /// refusal, `Retry-After`, which is never 0 so a client that obeys it
    /// does not ask again at once.
    pub fn headers(&self, refused: bool) -> Vec<(&'static str, String)> {
        let mut h = vec![
            ("RateLimit-Limit", self.limit.to_string()),
            ("RateLimit-Remaining", self.remaining.to_string()),
            ("RateLimit-Reset", self.reset_secs.to_string()),
        ];
        if refused {
            h.push(("Retry-After", self.retry_after_secs.max(1).to_string()));
        }
        h
    }
}

/// What an administrator sees of a client's use of the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientUsage {
    /// When it last called the API with a token.
    pub last_request_at: Option<DateTime<Utc>>,
    /// Calls made with its tokens.
    pub request_count: i64,
    /// Of those, the ones answered with an error (4xx or 5xx, 429 included).
    pub error_count: i64,
}

impl ApiClientUsage {
    /// This usage with `more` added (counts summed, the later last call).
    pub fn plus(&self, more: &ApiClientUsage) -> ApiClientUsage {
        ApiClientUsage {
            last_request_at: self.last_request_at.max(more.last_request_at),
            request_count: self.request_count + more.request_count,
            error_count: self.error_count + more.error_count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Setting;

    #[test]
    fn a_burst_above_the_minutes_budget_or_a_zero_limit_is_refused() {
        let ok = ApiLimits::default();
        assert!(ok.validate().is_ok());
        let burst = ApiLimits {
            client_requests_per_minute: 10,
            client_burst: 11,
        };
        assert_eq!(burst.validate().unwrap_err().fields(), vec!["client_burst"]);
        let zero = ApiLimits {
            client_requests_per_minute: 0,
            client_burst: 0,
        };
        assert_eq!(
            zero.validate().unwrap_err().fields(),
            vec!["client_requests_per_minute", "client_burst"]
        );
        let huge = ApiLimits {
            client_requests_per_minute: MAX_PER_MINUTE + 1,
            client_burst: 1,
        };
        assert_eq!(
            huge.validate().unwrap_err().fields(),
            vec!["client_requests_per_minute"]
        );
    }

    #[test]
    fn a_refusal_says_when_to_retry_never_at_once() {
        let s = RateLimitState {
            limit: 60,
            remaining: 0,
            retry_after_secs: 0,
            reset_secs: 6,
        };
        assert_eq!(
            s.headers(true),
            vec![
                ("RateLimit-Limit", "60".to_owned()),
                ("RateLimit-Remaining", "0".to_owned()),
                ("RateLimit-Reset", "6".to_owned()),
                ("Retry-After", "1".to_owned()),
            ]
        );
        assert_eq!(s.headers(false).len(), 3, "no Retry-After on an answer");
    }

    #[test]
    fn usage_adds_counts_and_keeps_the_later_call() {
        let t = |s| DateTime::<Utc>::from_timestamp(s, 0);
        let stored = ApiClientUsage {
            last_request_at: t(100),
            request_count: 5,
            error_count: 1,
        };
        let pending = ApiClientUsage {
            last_request_at: t(200),
            request_count: 2,
            error_count: 0,
        };
        let sum = stored.plus(&pending);
        assert_eq!(sum.request_count, 7);
        assert_eq!(sum.error_count, 1);
        assert_eq!(sum.last_request_at, t(200));
        assert_eq!(ApiClientUsage::default().plus(&stored), stored);
    }
}
