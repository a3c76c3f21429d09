//! Reissuing a lost 三包 certificate (三包凭证补办): the maker reissues it
//! within 10 working days of the customer's request (POLICY.md, 三包). The
//! request is recorded on the machine with its due date and closed when the
//! new certificate is issued.

use crate::service::calendar::{WorkCalendar, add_working_days};
use crate::validation::{ValidationErrors, Validator, earliest_day};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Working days the law gives the maker to reissue a lost certificate.
pub const REISSUE_WORKING_DAYS: i64 = 10;
const MAX_NAME_CHARS: usize = 100;
const MAX_NOTES_CHARS: usize = 500;
const MAX_NUMBER_CHARS: usize = 64;

wire_enum!(
    /// Where a reissue stands on a given day.
    ReissueState {
        /// Asked for, due date not passed.
        Open => "open",
        /// Asked for, due date passed, not reissued: the legal clock is missed.
        Overdue => "overdue",
        /// The new certificate was issued.
        Reissued => "reissued",
    }
);

/// Body of `POST /machines/{id}/certificate-reissues`: the customer's request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertificateReissueRequest {
    /// Who asked (the owner or the person acting for them), 1-100 characters.
    #[cfg_attr(feature = "openapi", schema(example = "王建国"))]
    pub requested_by: String,
    /// The day the request was received: the 10-working-day clock starts here.
    pub requested_on: NaiveDate,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Body of `POST /machines/{id}/certificate-reissues/{rid}/done`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertificateReissued {
    /// The new certificate's number, 1-64 characters.
    #[cfg_attr(feature = "openapi", schema(example = "SB-2026-000123"))]
    pub certificate_number: String,
    /// The day the new certificate was issued.
    pub reissued_on: NaiveDate,
}

/// One reissue of a machine's certificate, as the API answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateReissueView {
    pub id: Uuid,
    pub machine_id: Uuid,
    pub requested_by: String,
    pub requested_on: NaiveDate,
    pub notes: Option<String>,
    /// 10 working days after the request, by the calendar in the settings.
    pub due_on: NaiveDate,
    pub certificate_number: Option<String>,
    pub reissued_on: Option<NaiveDate>,
    /// The state today (in the company's time zone).
    pub state: ReissueState,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The day a certificate asked for on `requested_on` is due: 10 working days
/// later, skipping holidays and counting make-up working days (调休).
pub fn reissue_due(requested_on: NaiveDate, calendar: &WorkCalendar) -> NaiveDate {
    // Dates only: count in UTC from midnight, so the zone cannot shift the day.
    let start = requested_on.and_time(chrono::NaiveTime::MIN).and_utc();
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    add_working_days(start, REISSUE_WORKING_DAYS, utc, calendar).date_naive()
}

/// Where a reissue stands on `today`: reissued once a certificate is issued,
/// overdue once `today` is past the due date, open before.
pub fn reissue_state(
    due_on: NaiveDate,
    reissued_on: Option<NaiveDate>,
    today: NaiveDate,
) -> ReissueState {
    match reissued_on {
        Some(_) => ReissueState::Reissued,
        None if today > due_on => ReissueState::Overdue,
        None => ReissueState::Open,
    }
}

/// A request to record, as decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReissue {
    pub requested_by: String,
    pub requested_on: NaiveDate,
    pub notes: Option<String>,
    pub due_on: NaiveDate,
}

/// Records a customer's request: the names trimmed, the request day not in
/// the future, and the due date from the calendar.
pub fn decide_reissue_request(
    input: &CertificateReissueRequest,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Result<NewReissue, ValidationErrors> {
    let mut v = Validator::new();
    let requested_by = input.requested_by.trim();
    v.required_text("requested_by", requested_by, MAX_NAME_CHARS);
    let notes = input
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    v.optional_max_chars("notes", notes, MAX_NOTES_CHARS);
    v.day_between("requested_on", input.requested_on, earliest_day(), today);
    v.finish()?;
    Ok(NewReissue {
        requested_by: requested_by.to_owned(),
        requested_on: input.requested_on,
        notes: notes.map(str::to_owned),
        due_on: reissue_due(input.requested_on, calendar),
    })
}

/// Marks a reissue done: once only (422 `already_reissued`), on a day from the
/// request to today.
pub fn decide_reissued(
    requested_on: NaiveDate,
    already: Option<NaiveDate>,
    input: &CertificateReissued,
    today: NaiveDate,
) -> Result<(String, NaiveDate), ValidationErrors> {
    let mut v = Validator::new();
    if already.is_some() {
        v.error(
            "reissued_on",
            "already_reissued",
            "this certificate was already reissued",
        );
    }
    let number = input.certificate_number.trim();
    v.required_text("certificate_number", number, MAX_NUMBER_CHARS);
    v.day_between("reissued_on", input.reissued_on, requested_on, today);
    v.finish()?;
    Ok((number.to_owned(), input.reissued_on))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn request(on: NaiveDate) -> CertificateReissueRequest {
        CertificateReissueRequest {
            requested_by: " 王建国 ".into(),
            requested_on: on,
            notes: Some("  ".into()),
        }
    }

    #[test]
    fn ten_working_days_across_the_mid_autumn_and_national_day_holidays() {
        // Thu 24 Sep: 25 Sep (中秋) and 1-7 Oct (国庆) are off, Sat 10 Oct is
        // a make-up working day: 28,29,30 Sep, 8,9,10,12,13,14,15 Oct.
        let c = WorkCalendar::default();
        assert_eq!(reissue_due(date(2026, 9, 24), &c), date(2026, 10, 15));
    }

    #[test]
    fn a_plain_fortnight_without_holidays_is_two_weeks() {
        let c = WorkCalendar::default();
        assert_eq!(reissue_due(date(2026, 11, 2), &c), date(2026, 11, 16));
    }

    #[test]
    fn a_make_up_saturday_counts_and_the_spring_festival_does_not() {
        // Fri 13 Feb: Sat 14 Feb is a make-up day (1), 15-23 Feb are off,
        // then 24,25,26,27 Feb, Sat 28 Feb (make-up), 2,3,4,5 Mar.
        let c = WorkCalendar::default();
        assert_eq!(reissue_due(date(2026, 2, 13), &c), date(2026, 3, 5));
    }

    #[test]
    fn overdue_only_after_the_due_day_and_never_once_reissued() {
        let due = date(2026, 10, 15);
        assert_eq!(reissue_state(due, None, due), ReissueState::Open);
        assert_eq!(
            reissue_state(due, None, date(2026, 10, 16)),
            ReissueState::Overdue
        );
        let late = Some(date(2026, 10, 20));
        assert_eq!(
            reissue_state(due, late, date(2026, 12, 1)),
            ReissueState::Reissued
        );
    }

    #[test]
    fn a_request_is_trimmed_and_dated() {
        let c = WorkCalendar::default();
        let new =
            decide_reissue_request(&request(date(2026, 9, 24)), date(2026, 12, 6), &c).unwrap();
        assert_eq!(new.requested_by, "王建国");
        assert_eq!(new.notes, None);
        assert_eq!(new.due_on, date(2026, 10, 15));
    }

    #[test]
    fn a_request_from_tomorrow_or_nobody_is_refused() {
        let c = WorkCalendar::default();
        let today = date(2026, 12, 6);
        let err = decide_reissue_request(&request(date(2026, 12, 7)), today, &c).unwrap_err();
        assert_eq!(err.fields(), vec!["requested_on"]);
        let mut nobody = request(today);
        nobody.requested_by = "  ".into();
        let err = decide_reissue_request(&nobody, today, &c).unwrap_err();
        assert_eq!(err.fields(), vec!["requested_by"]);
    }

    #[test]
    fn reissued_once_between_the_request_and_today() {
        let asked = date(2026, 9, 24);
        let today = date(2026, 12, 6);
        let done = CertificateReissued {
            certificate_number: " SB-1 ".into(),
            reissued_on: date(2026, 10, 9),
        };
        assert_eq!(
            decide_reissued(asked, None, &done, today).unwrap(),
            ("SB-1".to_owned(), date(2026, 10, 9))
        );
        let err = decide_reissued(asked, Some(date(2026, 10, 9)), &done, today).unwrap_err();
        assert_eq!(err.fields(), vec!["reissued_on"]);
        let early = CertificateReissued {
            reissued_on: date(2026, 9, 23),
            ..done
        };
        let err = decide_reissued(asked, None, &early, today).unwrap_err();
        assert_eq!(err.fields(), vec!["reissued_on"]);
    }
}
