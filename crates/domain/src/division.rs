//! Administrative divisions (行政区划) by their GB/T 2260 codes, so that a
//! place is matched on its code and never on how someone spelled it: "河南",
//! "河南省", "Henan", "41", "410000" are one province.
//!
//! A code has six digits: two for the province-level division, two for the
//! prefecture, two for the county; a province is `xx0000`, a prefecture
//! `xxyy00`. A county therefore belongs to its prefecture and its province by
//! prefix, which is how a regional rule (a busy season) covers a site.
//!
//! The table holds the 34 province-level divisions and, by name, only the
//! prefectures a rule needs today (eastern Inner Mongolia, which farms like
//! the northeast, not like the west of its region). Any prefecture or county
//! *code* of a known province is accepted even when its name is not listed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One named division: its code, official name, short name and English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub code: Division,
    /// The official name: 河南省, 新疆维吾尔自治区, 呼伦贝尔市.
    pub name: &'static str,
    /// The name in common use: 河南, 新疆, 呼伦贝尔.
    pub short: &'static str,
    /// The English (pinyin) name.
    pub english: &'static str,
}

const fn p(code: u32, name: &'static str, short: &'static str, english: &'static str) -> Named {
    Named {
        code: Division(code * 10_000),
        name,
        short,
        english,
    }
}

const fn pref(code: u32, name: &'static str, short: &'static str, english: &'static str) -> Named {
    Named {
        code: Division(code * 100),
        name,
        short,
        english,
    }
}

/// The 34 province-level divisions in GB/T 2260 order.
pub const PROVINCES: [Named; 34] = [
    p(11, "北京市", "北京", "Beijing"),
    p(12, "天津市", "天津", "Tianjin"),
    p(13, "河北省", "河北", "Hebei"),
    p(14, "山西省", "山西", "Shanxi"),
    p(15, "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    p(21, "辽宁省", "辽宁", "Liaoning"),
    p(22, "吉林省", "吉林", "Jilin"),
    p(23, "黑龙江省", "黑龙江", "Heilongjiang"),
    p(31, "上海市", "上海", "Shanghai"),
    p(32, "江苏省", "江苏", "Jiangsu"),
    p(33, "浙江省", "浙江", "Zhejiang"),
    p(34, "安徽省", "安徽", "Anhui"),
    p(35, "福建省", "福建", "Fujian"),
    p(36, "江西省", "江西", "Jiangxi"),
    p(37, "山东省", "山东", "Shandong"),
    p(41, "河南省", "河南", "Henan"),
    p(42, "湖北省", "湖北", "Hubei"),
    p(43, "湖南省", "湖南", "Hunan"),
    p(44, "广东省", "广东", "Guangdong"),
    p(45, "广西壮族自治区", "广西", "Guangxi"),
    p(46, "海南省", "海南", "Hainan"),
    p(50, "重庆市", "重庆", "Chongqing"),
    p(51, "四川省", "四川", "Sichuan"),
    p(52, "贵州省", "贵州", "Guizhou"),
    p(53, "云南省", "云南", "Yunnan"),
    p(54, "西藏自治区", "西藏", "Xizang"),
    p(61, "陕西省", "陕西", "Shaanxi"),
    p(62, "甘肃省", "甘肃", "Gansu"),
    p(63, "青海省", "青海", "Qinghai"),
    p(64, "宁夏回族自治区", "宁夏", "Ningxia"),
    p(65, "新疆维吾尔自治区", "新疆", "Xinjiang"),
    p(71, "台湾省", "台湾", "Taiwan"),
    p(81, "香港特别行政区", "香港", "Hong Kong"),
    p(82, "澳门特别行政区", "澳门", "Macao"),
];

/// The prefectures named by the default busy seasons: eastern Inner Mongolia.
pub const PREFECTURES: [Named; 4] = [
    pref(1504, "赤峰市", "赤峰", "Chifeng"),
    pref(1505, "通辽市", "通辽", "Tongliao"),
    pref(1507, "呼伦贝尔市", "呼伦贝尔", "Hulunbuir"),
    pref(1522, "兴安盟", "兴安", "Hinggan"),
];

/// A GB/T 2260 division code, always six digits (`410000`, `150700`, `410122`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Division(u32);

impl Division {
    /// The code of a province, prefecture or county given as 2, 4 or 6 digits
    /// (`41`, `4101`, `410122`), if its province is a known one.
    pub fn from_code(text: &str) -> Option<Division> {
        let t = text.trim();
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = t.parse().ok()?;
        let code = match t.len() {
            2 => n * 10_000,
            4 => n * 100,
            6 => n,
            _ => return None,
        };
        let d = Division(code);
        PROVINCES
            .iter()
            .any(|x| x.code == d.province())
            .then_some(d)
    }

    /// The province-level division this one lies in (itself for a province).
    pub fn province(self) -> Division {
        Division(self.0 / 10_000 * 10_000)
    }

    /// 0 for a province, 1 for a prefecture, 2 for a county.
    pub fn level(self) -> u32 {
        self.digits() / 2 - 1
    }

    /// The division this one lies directly in: a county's prefecture, a
    /// prefecture's province; none for a province.
    pub fn parent(self) -> Option<Division> {
        match self.digits() {
            2 => None,
            4 => Some(self.province()),
            _ => Some(Division(self.0 / 100 * 100)),
        }
    }

    /// The significant digits of the code: 2 for a province, 4 for a
    /// prefecture, 6 for a county.
    fn digits(self) -> u32 {
        if self.0.is_multiple_of(10_000) {
            2
        } else if self.0.is_multiple_of(100) {
            4
        } else {
            6
        }
    }

    /// Whether `site` lies in this division: the same code or one under it
    /// (a province contains its prefectures and counties, a prefecture its counties).
    pub fn contains(self, site: Division) -> bool {
        let scale = 10u32.pow(6 - self.digits());
        self.0 / scale == site.0 / scale
    }

    /// The division's official name, if the table names it.
    pub fn named(self) -> Option<&'static Named> {
        PROVINCES
            .iter()
            .chain(PREFECTURES.iter())
            .find(|n| n.code == self)
    }

    /// Every named division, provinces each followed by its named
    /// prefectures: the choices of a region field.
    pub fn choices() -> Vec<&'static Named> {
        PROVINCES
            .iter()
            .flat_map(|prov| {
                std::iter::once(prov).chain(
                    PREFECTURES
                        .iter()
                        .filter(move |x| prov.code.contains(x.code)),
                )
            })
            .collect()
    }
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

/// The division a free-text or coded region names: a code (`41`, `4101`,
/// `410000`), an official name (河南省), a short name (河南) or the English
/// name (Henan, any case). `None` for anything else, so an unknown place is
/// never taken for a known one.
pub fn resolve(text: &str) -> Option<Division> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(d) = Division::from_code(t) {
        return Some(d);
    }
    PROVINCES
        .iter()
        .chain(PREFECTURES.iter())
        .find(|n| n.name == t || n.short == t || n.english.eq_ignore_ascii_case(t))
        .map(|n| n.code)
}

impl Serialize for Division {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Division {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match text.len() {
            6 => Division::from_code(&text),
            _ => None,
        }
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a GB/T 2260 code of a known province (six digits, e.g. 410000)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Division {
        Division::from_code(s).unwrap()
    }

    #[test]
    fn short_full_english_and_coded_names_are_one_province() {
        for text in [
            "河南",
            "河南省",
            " 河南省 ",
            "Henan",
            "henan",
            "41",
            "410000",
        ] {
            assert_eq!(resolve(text), Some(code("410000")), "{text}");
        }
        assert_eq!(code("410000").to_string(), "410000");
        assert_eq!(code("41").to_string(), "410000");
    }

    #[test]
    fn autonomous_regions_resolve_by_short_and_official_names() {
        for (short, full, c) in [
            ("新疆", "新疆维吾尔自治区", "650000"),
            ("内蒙古", "内蒙古自治区", "150000"),
            ("广西", "广西壮族自治区", "450000"),
            ("宁夏", "宁夏回族自治区", "640000"),
            ("西藏", "西藏自治区", "540000"),
        ] {
            assert_eq!(resolve(short), Some(code(c)), "{short}");
            assert_eq!(resolve(full), Some(code(c)), "{full}");
        }
        assert_eq!(PROVINCES.len(), 34);
    }

    #[test]
    fn a_prefecture_lies_in_its_province_and_a_county_in_both() {
        let inner_mongolia = resolve("内蒙古").unwrap();
        let hulunbuir = resolve("呼伦贝尔市").unwrap();
        assert_eq!(hulunbuir, code("150700"));
        assert_eq!(resolve("1507"), Some(hulunbuir));
        assert!(inner_mongolia.contains(hulunbuir));
        assert!(!hulunbuir.contains(inner_mongolia));
        // 牙克石市 (150782) is a county-level city of Hulunbuir; 包头 (1502) is not.
        let yakeshi = code("150782");
        assert!(hulunbuir.contains(yakeshi) && inner_mongolia.contains(yakeshi));
        assert!(!hulunbuir.contains(code("150200")));
        assert!(!hulunbuir.contains(code("150203")));
        // A division contains itself; neighbours with close codes do not.
        assert!(hulunbuir.contains(hulunbuir));
        assert!(!code("410000").contains(code("420000")));
        assert!(!code("410000").contains(code("150782")));
        assert_eq!(code("410122").province(), code("410000"));
    }

    #[test]
    fn unknown_or_malformed_text_names_no_division() {
        for text in [
            "",
            "  ",
            "中原",
            "东北",
            "河",
            "Henan Province",
            "99",
            "990000",
            "41012",
            "4101220",
        ] {
            assert_eq!(resolve(text), None, "{text}");
        }
        // Codes must belong to a known province; a prefecture of one need not be named.
        assert_eq!(
            Division::from_code("410100").map(|d| d.to_string()),
            Some("410100".into())
        );
        assert_eq!(code("410100").named(), None);
        assert_eq!(code("410000").named().map(|n| n.name), Some("河南省"));
    }

    #[test]
    fn codes_round_trip_as_six_digit_strings_and_bad_ones_are_refused() {
        let d: Division = serde_json::from_str("\"230000\"").unwrap();
        assert_eq!(d, resolve("黑龙江").unwrap());
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"230000\"");
        assert!(serde_json::from_str::<Division>("\"黑龙江\"").is_err());
        assert!(serde_json::from_str::<Division>("\"23\"").is_err());
        assert!(serde_json::from_str::<Division>("\"990000\"").is_err());
    }

    #[test]
    fn choices_list_each_province_followed_by_its_named_prefectures() {
        let c = Division::choices();
        assert_eq!(c.len(), 34 + PREFECTURES.len());
        let at = |name: &str| c.iter().position(|n| n.name == name).unwrap();
        assert_eq!(at("赤峰市"), at("内蒙古自治区") + 1);
        assert_eq!(at("辽宁省"), at("兴安盟") + 1);
    }
}
