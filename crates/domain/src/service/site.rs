//! The site of a request: where the machine is to be repaired. Its division
//! decides the region's rules (busy season, service network); its point, when
//! known, the distance an engineer travels.

use crate::division::Division;

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
    fn points_on_the_earth() {
        assert!(valid_point(90.0, -180.0));
        assert!(!valid_point(90.1, 0.0));
        assert!(!valid_point(0.0, 180.5));
        assert!(!valid_point(f64::NAN, 0.0));
    }
}
