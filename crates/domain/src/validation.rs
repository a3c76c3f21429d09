//! Collecting every field error of a request at once, so a form can show them all.

use crate::problem::FieldError;
use chrono::{DateTime, NaiveDate, Utc};

/// The first day any date in Furrow may name: no machine in service was sold
/// before it, so an earlier date is a typing error.
pub fn earliest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1950, 1, 1).expect("a valid date")
}

/// The last day any date in Furrow may name. Every date up to it is stored
/// alike by SQLite and PostgreSQL and written as RFC 3339 (four-digit years).
pub fn latest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2199, 12, 31).expect("a valid date")
}

/// `t` moved into the span of [`earliest_day`] to [`latest_day`]: a list
/// filter's bound beyond it selects exactly what the span's edge selects.
pub fn clamp_to_span(t: DateTime<Utc>) -> DateTime<Utc> {
    let first = earliest_day().and_time(chrono::NaiveTime::MIN).and_utc();
    let last = latest_day()
        .and_hms_opt(23, 59, 59)
        .expect("a valid time")
        .and_utc();
    t.clamp(first, last)
}

/// Accumulates field errors; `finish` turns them into a result.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

/// The field errors of an invalid request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// The fields in error, in the order they were found.
    pub fn fields(&self) -> Vec<&str> {
        self.0.iter().map(|e| e.field.as_str()).collect()
    }
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error on `field`.
    pub fn error(&mut self, field: &str, code: &str, message: impl Into<String>) -> &mut Self {
        self.errors.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
        self
    }

    /// Records `required` when the trimmed value is empty.
    pub fn required(&mut self, field: &str, value: &str) -> &mut Self {
        if value.trim().is_empty() {
            self.error(field, "required", format!("{field} is required"));
        }
        self
    }

    /// Records `too_long` when the value has more than `max` characters.
    pub fn max_chars(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        if value.chars().count() > max {
            self.error(
                field,
                "too_long",
                format!("{field} must have at most {max} characters"),
            );
        }
        self
    }

    /// Records `required` for a blank text, `too_long` for one of more than
    /// `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        self.required(field, value).max_chars(field, value, max)
    }

    /// Records `too_long` when an optional value is given with more than
    /// `max` characters.
    pub fn optional_max_chars(
        &mut self,
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> &mut Self {
        if let Some(value) = value {
            self.max_chars(field, value, max);
        }
        self
    }

    /// Records `out_of_range` when `day` lies outside `from..=to`.
    pub fn day_between(
        &mut self,
        field: &str,
        day: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
    ) -> &mut Self {
        if day < from || day > to {
            self.error(
                field,
                "out_of_range",
                format!("{field} must be between {from} and {to}"),
            );
        }
        self
    }

    /// Records `out_of_range` when `t` lies outside `from..=to`.
    pub fn time_between(
        &mut self,
        field: &str,
        t: DateTime<Utc>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> &mut Self {
        if t < from || t > to {
            self.error(
                field,
                "out_of_range",
                format!(
                    "{field} must be between {} and {}",
                    from.format("%Y-%m-%dT%H:%MZ"),
                    to.format("%Y-%m-%dT%H:%MZ")
                ),
            );
        }
        self
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// `Ok(())` when nothing was recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error_before_failing() {
        let mut v = Validator::new();
        v.required("name", "  ").max_chars("code", "abcdef", 3);
        let err = v.finish().unwrap_err();
        assert_eq!(err.0.len(), 2);
        assert_eq!(err.0[0].code, "required");
        assert_eq!(err.0[1].field, "code");
    }

    #[test]
    fn dates_beyond_the_span_are_out_of_range_and_filters_clamp_to_it() {
        let mut v = Validator::new();
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        v.day_between("sale_date", far, earliest_day(), latest_day())
            .day_between("ok", latest_day(), earliest_day(), latest_day());
        let err = v.finish().unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].code, "out_of_range");
        let ancient = DateTime::parse_from_rfc3339("-9999-01-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        assert_eq!(clamp_to_span(ancient).date_naive(), earliest_day());
        assert_eq!(
            clamp_to_span(DateTime::<Utc>::MAX_UTC).date_naive(),
            latest_day()
        );
    }

    #[test]
    fn empty_validator_passes() {
        assert!(Validator::new().finish().is_ok());
    }
}
