//! The site of a request: where the machine is to be repaired. Its division
//! decides the region's rules (busy season, service network); its point, when
//! known, the distance an engineer travels.

use crate::division::{Division, resolve};
use serde::{Deserialize, Serialize};

/// A point on the map, in degrees (WGS-84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    /// The great-circle distance in km (haversine, mean Earth radius).
    pub fn distance_km(self, other: GeoPoint) -> f64 {
        let (la1, la2) = (self.lat.to_radians(), other.lat.to_radians());
        let dla = la2 - la1;
        let dlo = (other.lon - self.lon).to_radians();
        let a = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().asin()
    }
}

/// Where a request's work is: the division and, when known, the point.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Site {
    pub division: Option<Division>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl Site {
    /// The point, when both coordinates are known.
    pub fn point(&self) -> Option<(f64, f64)> {
        self.lat.zip(self.lon)
    }

    /// The point as a [`GeoPoint`], when both coordinates are known.
    pub fn location(&self) -> Option<GeoPoint> {
        self.point().map(|(lat, lon)| GeoPoint { lat, lon })
    }

    /// The site of an address: the county if it resolves, else the
    /// prefecture, else the province; the point when both coordinates are known.
    pub fn of_address(
        province: &str,
        prefecture: Option<&str>,
        county: Option<&str>,
        lat: Option<f64>,
        lon: Option<f64>,
    ) -> Site {
        let division = county
            .and_then(resolve)
            .or_else(|| prefecture.and_then(resolve))
            .or_else(|| resolve(province));
        let (lat, lon) = match lat.zip(lon) {
            Some((lat, lon)) => (Some(lat), Some(lon)),
            None => (None, None),
        };
        Site { division, lat, lon }
    }

    /// The site given at intake over the customer's registered one: a given
    /// point replaces the registered point as a pair (never one coordinate of
    /// each); the division stays the registered one unless one is given.
    pub fn or_registered(given: Site, registered: Site) -> Site {
        let (lat, lon) = match given.point() {
            Some((lat, lon)) => (Some(lat), Some(lon)),
            None => (registered.lat, registered.lon),
        };
        Site {
            division: given.division.or(registered.division),
            lat,
            lon,
        }
    }
}

/// Whether a latitude and longitude are a point on the earth (both or neither
/// given is the form's own check).
pub fn valid_point(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_point_replaces_the_registered_one_as_a_pair() {
        let henan = Division::from_code("410000");
        let registered = Site {
            division: henan,
            lat: Some(34.75),
            lon: Some(113.62),
        };
        let given = Site {
            division: None,
            lat: Some(35.0),
            lon: Some(114.0),
        };
        assert_eq!(
            Site::or_registered(given, registered),
            Site {
                division: henan,
                lat: Some(35.0),
                lon: Some(114.0)
            }
        );
        // Half a point is no point: the registered pair stays.
        let half = Site {
            lat: Some(35.0),
            ..Site::default()
        };
        assert_eq!(Site::or_registered(half, registered), registered);
        assert_eq!(
            Site::or_registered(Site::default(), Site::default()).point(),
            None
        );
    }

    #[test]
    fn the_site_of_an_address_is_its_most_precise_division() {
        let s = Site::of_address("河南", Some("周口"), Some("411623"), Some(33.5), None);
        assert_eq!(s.division, Division::from_code("411623"));
        assert_eq!(s.location(), None);
        let s = Site::of_address("河南", Some("呼伦贝尔"), Some("商水县"), None, None);
        assert_eq!(s.division, Division::from_code("150700"));
        let s = Site::of_address("山东", None, Some("曹县"), Some(34.8), Some(115.5));
        assert_eq!(
            (s.division, s.location()),
            (
                Division::from_code("370000"),
                Some(GeoPoint {
                    lat: 34.8,
                    lon: 115.5
                })
            )
        );
    }

    #[test]
    fn the_distance_matches_a_known_one() {
        let point = |lat, lon| GeoPoint { lat, lon };
        // Harbin to Beijing is about 1,050 km.
        let d = point(45.80, 126.53).distance_km(point(39.90, 116.40));
        assert!((1000.0..1100.0).contains(&d), "{d}");
        assert_eq!(point(30.0, 120.0).distance_km(point(30.0, 120.0)), 0.0);
    }

    #[test]
    fn points_on_the_earth() {
        assert!(valid_point(90.0, -180.0));
        assert!(!valid_point(90.1, 0.0));
        assert!(!valid_point(0.0, 180.5));
        assert!(!valid_point(f64::NAN, 0.0));
    }
}
