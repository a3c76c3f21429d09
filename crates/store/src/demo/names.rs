//! The made-up customers of the demo and of the bench's data set: one list of
//! names and one way to name a customer of each kind, so both read alike.

use furrow_domain::master::CustomerKind;

pub const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
];
pub const GIVEN: [&str; 24] = [
    "建国", "志强", "秀英", "海涛", "丽华", "国庆", "春生", "玉兰", "德明", "桂芳", "永福", "建华",
    "金山", "红梅", "树林", "占军", "学文", "凤英", "长江", "立新", "振华", "卫东", "庆丰", "保田",
];
pub const VILLAGES: [&str; 12] = [
    "红旗村",
    "新华村",
    "东风村",
    "向阳村",
    "胜利村",
    "光明村",
    "前进村",
    "丰收村",
    "团结村",
    "和平村",
    "幸福村",
    "兴隆村",
];

/// Who a made-up customer is and where they live, as picked at random.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub city: &'a str,
    pub county: &'a str,
    pub surname: &'a str,
    pub given: &'a str,
    pub village: &'a str,
}

impl<'a> Person<'a> {
    /// Someone from `county`, with names chosen by `pick` (one item of each
    /// list, at random).
    pub fn pick(
        city: &'a str,
        county: &'a str,
        mut pick: impl FnMut(&'static [&'static str]) -> &'static str,
    ) -> Self {
        Person {
            city,
            county,
            surname: pick(&SURNAMES),
            given: pick(&GIVEN),
            village: pick(&VILLAGES),
        }
    }
}

/// The fields of the `n`-th made-up customer that follow from its number.
#[derive(Debug, Clone, PartialEq)]
pub struct MadeCustomer {
    pub kind: CustomerKind,
    pub code: String,
    pub name: String,
    pub phone: String,
}

/// The `n`-th customer (from 0): six in ten are individuals, then family
/// farms, cooperatives and companies named after their place; `digits`
/// (below 900,000,000) makes the mobile number.
pub fn customer(n: usize, p: &Person<'_>, digits: u64) -> MadeCustomer {
    let kind = match n % 10 {
        0..=5 => CustomerKind::Individual,
        6 | 7 => CustomerKind::Farm,
        8 => CustomerKind::Cooperative,
        _ => CustomerKind::Company,
    };
    let Person {
        city,
        county,
        surname,
        given,
        village,
    } = *p;
    let name = match kind {
        CustomerKind::Individual => format!("{surname}{given}"),
        CustomerKind::Farm => format!("{county}{surname}{given}家庭农场"),
        CustomerKind::Cooperative => {
            format!("{county}{}农机专业合作社", village.trim_end_matches('村'))
        }
        CustomerKind::Company => format!(
            "{city}{}农业发展有限公司",
            ["丰源", "沃土", "金穗", "绿野", "禾丰"][n % 5]
        ),
    };
    MadeCustomer {
        kind,
        code: format!("C{:06}", n + 1),
        name,
        phone: format!("1{}{:09}", [3, 5, 8][n % 3], 100_000_000 + digits),
    }
}
