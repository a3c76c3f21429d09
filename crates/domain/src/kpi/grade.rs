//! The weighted score and its grade (DESIGN §5), with the weights and bands
//! as the settings document `assessment`.

use super::rate::Rate;
use crate::validation::{ValidationErrors, Validator};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// The grade of a monthly assessment.
    Grade {
        /// 优秀
        Excellent => "excellent",
        /// 良好
        Good => "good",
        /// 合格
        Qualified => "qualified",
        /// 不合格
        Unqualified => "unqualified",
    }
);

/// The weights of an engineer's score, in points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EngineerWeights {
    pub timeliness: u32,
    pub success: u32,
    pub satisfaction: u32,
}

/// The weights of the parts department's score, in points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartsWeights {
    pub accuracy: u32,
}

/// The lowest score (0–100) of each grade but the last; below `qualified`
/// is unqualified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Bands {
    pub excellent: u32,
    pub good: u32,
    pub qualified: u32,
}

/// `GET/PUT /settings/assessment`: the weights and grade bands of the
/// monthly quality assessment (售后服务质量考核).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentSettings {
    pub engineer_weights: EngineerWeights,
    pub parts_weights: PartsWeights,
    pub bands: Bands,
}

impl Default for AssessmentSettings {
    /// DESIGN §5: engineer = timeliness 30, success 40, satisfaction 30;
    /// parts = accuracy 100; excellent ≥ 95, good ≥ 85, qualified ≥ 70.
    fn default() -> Self {
        AssessmentSettings {
            engineer_weights: EngineerWeights {
                timeliness: 30,
                success: 40,
                satisfaction: 30,
            },
            parts_weights: PartsWeights { accuracy: 100 },
            bands: Bands {
                excellent: 95,
                good: 85,
                qualified: 70,
            },
        }
    }
}

/// Highest weight of one KPI, in points.
const MAX_WEIGHT: u32 = 1000;

impl crate::settings::Setting for AssessmentSettings {
    const KEY: &'static str = "assessment";

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::new();
        let w = &self.engineer_weights;
        for (field, value) in [
            ("engineer_weights.timeliness", w.timeliness),
            ("engineer_weights.success", w.success),
            ("engineer_weights.satisfaction", w.satisfaction),
            ("parts_weights.accuracy", self.parts_weights.accuracy),
        ] {
            if value > MAX_WEIGHT {
                v.error(
                    field,
                    "out_of_range",
                    format!("{field} must be from 0 to {MAX_WEIGHT}"),
                );
            }
        }
        if w.timeliness + w.success + w.satisfaction == 0 {
            v.error(
                "engineer_weights",
                "all_zero",
                "at least one engineer KPI needs a weight above 0",
            );
        }
        if self.parts_weights.accuracy == 0 {
            v.error(
                "parts_weights.accuracy",
                "out_of_range",
                "the parts accuracy needs a weight above 0",
            );
        }
        let b = &self.bands;
        if !(b.qualified >= 1 && b.qualified < b.good && b.good < b.excellent && b.excellent <= 100)
        {
            v.error(
                "bands",
                "not_ordered",
                "the bands must rise: 0 < qualified < good < excellent ≤ 100",
            );
        }
        v.finish()
    }
}

/// The weighted score, 0–100, of `figures` (a rate and its weight each).
///
/// A KPI without data has no say: the score is weighted over the KPIs that
/// have data, so an engineer without follow-ups this month is scored on the
/// other two rather than given 0% or 100% satisfaction. `None` when no KPI
/// with a weight has data.
pub fn score(figures: &[(Rate, u32)]) -> Option<Decimal> {
    let with_data: Vec<(Decimal, Decimal)> = figures
        .iter()
        .filter(|(_, w)| *w > 0)
        .filter_map(|(r, w)| Some((r.ratio()?, Decimal::from(*w))))
        .collect();
    let total: Decimal = with_data.iter().map(|(_, w)| *w).sum();
    (!total.is_zero()).then(|| {
        with_data.iter().map(|(r, w)| r * w).sum::<Decimal>() * Decimal::ONE_HUNDRED / total
    })
}

/// The grade of `score` under `bands`: each band includes its lower edge.
pub fn grade(score: Decimal, bands: &Bands) -> Grade {
    if score >= Decimal::from(bands.excellent) {
        Grade::Excellent
    } else if score >= Decimal::from(bands.good) {
        Grade::Good
    } else if score >= Decimal::from(bands.qualified) {
        Grade::Qualified
    } else {
        Grade::Unqualified
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Setting;
    use proptest::prelude::*;

    fn rate(n: usize, d: usize) -> Rate {
        Rate::count((0..d).map(|i| Some(i < n)))
    }

    #[test]
    fn the_default_weights_give_the_documented_score() {
        let w = AssessmentSettings::default().engineer_weights;
        // 90% in time, 80% successful, 100% satisfied: 27 + 32 + 30 = 89.
        let s = score(&[
            (rate(9, 10), w.timeliness),
            (rate(8, 10), w.success),
            (rate(5, 5), w.satisfaction),
        ])
        .unwrap();
        assert_eq!(s, Decimal::from(89));
        assert_eq!(grade(s, &AssessmentSettings::default().bands), Grade::Good);
    }

    #[test]
    fn a_kpi_without_data_is_left_out_of_the_weights_and_none_without_any() {
        // Timeliness 100% (weight 30), success 50% (40), no follow-ups:
        // (30·1 + 40·0.5) / 70 = 71.43…
        let s = score(&[(rate(2, 2), 30), (rate(1, 2), 40), (Rate::NO_DATA, 30)]).unwrap();
        assert_eq!(s.round_dp(2), Decimal::new(7143, 2));
        assert_eq!(score(&[(Rate::NO_DATA, 30), (Rate::NO_DATA, 40)]), None);
        assert_eq!(score(&[(rate(1, 1), 0)]), None, "a weight of 0 has no say");
    }

    #[test]
    fn each_band_starts_at_its_edge() {
        let b = AssessmentSettings::default().bands;
        // Scores in hundredths of a point.
        let at = |s: i64| grade(Decimal::new(s, 2), &b);
        assert_eq!(at(10000), Grade::Excellent);
        assert_eq!(at(9500), Grade::Excellent);
        assert_eq!(at(9499), Grade::Good);
        assert_eq!(at(8500), Grade::Good);
        assert_eq!(at(8499), Grade::Qualified);
        assert_eq!(at(7000), Grade::Qualified);
        assert_eq!(at(6999), Grade::Unqualified);
        assert_eq!(at(0), Grade::Unqualified);
    }

    #[test]
    fn nineteen_of_twenty_is_exactly_excellent() {
        // 95% must not fall to "good" through rounding.
        let s = score(&[(rate(19, 20), 100)]).unwrap();
        assert_eq!(
            grade(s, &AssessmentSettings::default().bands),
            Grade::Excellent
        );
        let s = score(&[(rate(17, 20), 30), (rate(17, 20), 40), (rate(17, 20), 30)]).unwrap();
        assert_eq!(grade(s, &AssessmentSettings::default().bands), Grade::Good);
    }

    #[test]
    fn bands_must_rise_and_some_weight_must_count() {
        let mut s = AssessmentSettings::default();
        s.bands.good = 95;
        assert_eq!(s.validate().unwrap_err().fields(), vec!["bands"]);
        let s = AssessmentSettings {
            engineer_weights: EngineerWeights {
                timeliness: 0,
                success: 0,
                satisfaction: 0,
            },
            parts_weights: PartsWeights { accuracy: 1001 },
            ..AssessmentSettings::default()
        };
        assert_eq!(
            s.validate().unwrap_err().fields(),
            vec!["parts_weights.accuracy", "engineer_weights"]
        );
    }

    proptest! {
        #[test]
        fn the_grade_changes_only_at_the_band_edges(
            qualified in 1u32..98, gap1 in 1u32..10, gap2 in 1u32..10, cents in 0i64..=10_000,
        ) {
            let b = Bands { qualified, good: qualified + gap1, excellent: (qualified + gap1 + gap2).min(100) };
            prop_assume!(b.good < b.excellent);
            let s = Decimal::new(cents, 2);
            let g = grade(s, &b);
            let want = if s >= Decimal::from(b.excellent) { Grade::Excellent }
                else if s >= Decimal::from(b.good) { Grade::Good }
                else if s >= Decimal::from(b.qualified) { Grade::Qualified }
                else { Grade::Unqualified };
            prop_assert_eq!(g, want);
            // Exactly at an edge is the higher grade, a hundredth below the lower one.
            for (edge, at, below) in [
                (b.excellent, Grade::Excellent, Grade::Good),
                (b.good, Grade::Good, Grade::Qualified),
                (b.qualified, Grade::Qualified, Grade::Unqualified),
            ] {
                prop_assert_eq!(grade(Decimal::from(edge), &b), at);
                prop_assert_eq!(grade(Decimal::from(edge) - Decimal::new(1, 2), &b), below);
            }
        }

        #[test]
        fn a_score_stays_between_0_and_100(
            rates in proptest::collection::vec((0usize..50, 0usize..50, 0u32..200), 0..5)
        ) {
            let figures: Vec<(Rate, u32)> = rates.iter()
                .map(|(n, extra, w)| (rate(*n, n + extra), *w)).collect();
            if let Some(s) = score(&figures) {
                prop_assert!(s >= Decimal::ZERO && s <= Decimal::ONE_HUNDRED);
            } else {
                prop_assert!(figures.iter().all(|(r, w)| r.denominator() == 0 || *w == 0));
            }
        }
    }
}
