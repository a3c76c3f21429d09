//! Collecting every field error of a request at once, so a form can show them all.

use crate::problem::FieldError;

/// Accumulates field errors; `finish` turns them into a result.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

/// The field errors of an invalid request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

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
    fn empty_validator_passes() {
        assert!(Validator::new().finish().is_ok());
    }
}
