//! Dispatch suggestions: engineers ranked by skill match, open workload and
//! distance from home base to the customer (haversine), with the reasons.

use super::types::{EngineerSuggestion, SuggestionReason};
use crate::master::{EngineerView, MachineCategory};

/// Kilometres between two points on the earth (haversine, mean radius).
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Kilometres one open work order weighs against (a busy engineer near by
/// ranks like a free one this much farther away).
pub const KM_PER_OPEN_ORDER: f64 = 60.0;
/// Distance assumed when it cannot be computed: ranks after every known one near by.
pub const UNKNOWN_DISTANCE_KM: f64 = 500.0;

/// Ranks active engineers for a machine of `category` at `site`. Qualified
/// engineers come first; within each group, lower score first.
pub fn rank(
    engineers: &[(EngineerView, u32)],
    category: Option<MachineCategory>,
    site: Option<(f64, f64)>,
) -> Vec<EngineerSuggestion> {
    let mut out: Vec<EngineerSuggestion> = engineers
        .iter()
        .filter(|(e, _)| e.active)
        .map(|(e, open)| {
            let mut reasons = Vec::new();
            let skill_match = match category {
                Some(c) if e.skills.contains(&c) => {
                    reasons.push(SuggestionReason::SkillMatch { category: c });
                    true
                }
                Some(c) => {
                    reasons.push(SuggestionReason::NoSkill { category: c });
                    false
                }
                None => true,
            };
            reasons.push(SuggestionReason::Workload { open_orders: *open });
            let distance_km = match (site, e.lat.zip(e.lon)) {
                (Some(s), Some(home)) => {
                    let km = (haversine_km(home, s) * 10.0).round() / 10.0;
                    reasons.push(SuggestionReason::Distance { km });
                    Some(km)
                }
                _ => {
                    reasons.push(SuggestionReason::DistanceUnknown);
                    None
                }
            };
            let score =
                distance_km.unwrap_or(UNKNOWN_DISTANCE_KM) + KM_PER_OPEN_ORDER * f64::from(*open);
            EngineerSuggestion {
                engineer_id: e.user_id,
                display_name: e.display_name.clone(),
                home_base: e.home_base.clone(),
                skill_match,
                open_orders: *open,
                distance_km,
                score: (score * 10.0).round() / 10.0,
                reasons,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.skill_match
            .cmp(&a.skill_match)
            .then(a.score.total_cmp(&b.score))
            .then(a.display_name.cmp(&b.display_name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    fn eng(
        name: &str,
        skills: &[MachineCategory],
        at: Option<(f64, f64)>,
        active: bool,
    ) -> EngineerView {
        EngineerView {
            user_id: Uuid::from_u128(name.len() as u128),
            username: name.into(),
            display_name: name.into(),
            skills: skills.to_vec(),
            home_base: None,
            lat: at.map(|a| a.0),
            lon: at.map(|a| a.1),
            phone: None,
            active,
            version: 1,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn haversine_matches_a_known_distance() {
        // Harbin to Beijing is about 1,050 km.
        let d = haversine_km((45.80, 126.53), (39.90, 116.40));
        assert!((1000.0..1100.0).contains(&d), "{d}");
        assert_eq!(haversine_km((30.0, 120.0), (30.0, 120.0)), 0.0);
    }

    #[test]
    fn qualified_engineers_rank_first_then_by_distance_and_workload() {
        use MachineCategory::*;
        let site = Some((45.0, 127.0));
        let near_unqualified = eng("near", &[Sprayer], Some((45.0, 127.1)), true);
        let far_qualified = eng("far", &[CombineHarvester], Some((46.0, 127.0)), true);
        let near_busy = eng("busy", &[CombineHarvester], Some((45.0, 127.05)), true);
        let off = eng("off", &[CombineHarvester], Some((45.0, 127.0)), false);
        let ranked = rank(
            &[
                (near_unqualified, 0),
                (far_qualified, 0),
                (near_busy, 3),
                (off, 0),
            ],
            Some(CombineHarvester),
            site,
        );
        let names: Vec<_> = ranked.iter().map(|s| s.display_name.as_str()).collect();
        // far: ~111 km; busy: ~4 km + 3 x 60 = ~184 -> far first; the unqualified last; inactive absent.
        assert_eq!(names, vec!["far", "busy", "near"]);
        assert!(ranked[2].reasons.contains(&SuggestionReason::NoSkill {
            category: CombineHarvester
        }));
        assert!(matches!(
            ranked[0].reasons.last(),
            Some(SuggestionReason::Distance { .. })
        ));
    }

    #[test]
    fn missing_coordinates_rank_after_known_near_ones_and_say_so() {
        let ranked = rank(
            &[
                (eng("nowhere", &[], None, true), 0),
                (eng("here", &[], Some((30.0, 120.0)), true), 0),
            ],
            None,
            Some((30.0, 120.2)),
        );
        assert_eq!(ranked[0].display_name, "here");
        assert!(
            ranked[1]
                .reasons
                .contains(&SuggestionReason::DistanceUnknown)
        );
        assert_eq!(ranked[1].distance_km, None);
    }
}
