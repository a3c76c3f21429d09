//! A rate as its two counts, so every figure can say how it was made and a
//! month without records reads "no data" instead of a made-up 0% or 100%.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A KPI figure: how many records met the rule out of how many it covers.
///
/// Built only by counting rule outcomes ([`Rate::count`], [`Rate::add`]), so
/// the numerator can never exceed the denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    numerator: u64,
    denominator: u64,
}

impl Rate {
    /// No record covered: "no data".
    pub const NO_DATA: Rate = Rate {
        numerator: 0,
        denominator: 0,
    };

    /// Records that met the rule.
    pub fn numerator(&self) -> u64 {
        self.numerator
    }

    /// Records the rule covers.
    pub fn denominator(&self) -> u64 {
        self.denominator
    }

    /// Counts one rule outcome: `None` is a record the KPI does not cover,
    /// `Some(met)` one it covers, in the numerator when `met`.
    pub fn add(&mut self, outcome: Option<bool>) {
        if let Some(met) = outcome {
            self.denominator += 1;
            self.numerator += u64::from(met);
        }
    }

    /// The rate of a set of rule outcomes.
    pub fn count(outcomes: impl IntoIterator<Item = Option<bool>>) -> Rate {
        let mut r = Rate::NO_DATA;
        outcomes.into_iter().for_each(|o| r.add(o));
        r
    }

    /// The share met, between 0 and 1, exact; `None` ("no data") when no
    /// record is covered, never 0 and never 1.
    pub fn ratio(&self) -> Option<Decimal> {
        (self.denominator > 0)
            .then(|| Decimal::from(self.numerator) / Decimal::from(self.denominator))
    }

    /// The share met as a percentage rounded to two decimals, for display.
    pub fn percent(&self) -> Option<f64> {
        use rust_decimal::prelude::ToPrimitive;
        self.ratio()
            .and_then(|r| (r * Decimal::ONE_HUNDRED).round_dp(2).to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn no_records_is_no_data_not_zero_or_full() {
        let r = Rate::count([]);
        assert_eq!(r, Rate::NO_DATA);
        assert_eq!(r.ratio(), None);
        assert_eq!(r.percent(), None);
        // Records the KPI does not cover leave it without data too.
        assert_eq!(Rate::count([None, None]).ratio(), None);
    }

    #[test]
    fn three_of_four_is_seventy_five_percent() {
        let r = Rate::count([Some(true), Some(true), None, Some(false), Some(true)]);
        assert_eq!((r.numerator(), r.denominator()), (3, 4));
        assert_eq!(r.percent(), Some(75.0));
    }

    proptest! {
        #[test]
        fn the_numerator_never_exceeds_the_denominator(
            outcomes in proptest::collection::vec(proptest::option::of(any::<bool>()), 0..200)
        ) {
            let r = Rate::count(outcomes.iter().copied());
            prop_assert!(r.numerator() <= r.denominator());
            prop_assert_eq!(r.denominator(), outcomes.iter().filter(|o| o.is_some()).count() as u64);
            match r.ratio() {
                None => prop_assert_eq!(r.denominator(), 0),
                Some(x) => prop_assert!(x >= Decimal::ZERO && x <= Decimal::ONE),
            }
        }
    }
}
