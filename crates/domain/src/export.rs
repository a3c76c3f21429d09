//! The columns of the master-data exports (`GET /{resource}/export`): one
//! table per resource naming each column in Chinese and English and how a
//! record fills it. The API picks the header language; the cells are the
//! same in both (codes, wire names of enumerations, ISO dates), so a file
//! exported in either language reads back the same.

mod parts;

use crate::dealers::DealerView;
use crate::master::{CustomerView, EngineerView, MachineView, ProductModelView};

/// The most rows one export may hold; a larger selection is refused so the
/// user narrows the filters instead of waiting for a file no one can open.
pub const MAX_EXPORT_ROWS: usize = 50_000;

/// The language of an export's header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLang {
    Zh,
    En,
}

impl HeaderLang {
    /// The language an `Accept-Language` header asks for: the first of
    /// `zh*` or `en*` in order of preference, Chinese when neither is named
    /// (the office's language).
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let mut tags: Vec<(f32, usize, &str)> = header
            .unwrap_or_default()
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (!tag.is_empty() && q > 0.0).then_some((q, i, tag))
            })
            .collect();
        tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        tags.iter()
            .find_map(|(_, _, tag)| {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("zh") {
                    Some(HeaderLang::Zh)
                } else if tag.starts_with("en") {
                    Some(HeaderLang::En)
                } else {
                    None
                }
            })
            .unwrap_or(HeaderLang::Zh)
    }
}

/// One exported column: its headers in both languages and its cell.
pub struct ExportColumn<T> {
    pub zh: &'static str,
    pub en: &'static str,
    pub cell: fn(&T) -> String,
}

impl<T> ExportColumn<T> {
    pub fn header(&self, lang: HeaderLang) -> &'static str {
        match lang {
            HeaderLang::Zh => self.zh,
            HeaderLang::En => self.en,
        }
    }
}

/// A record that can be exported, row by row.
pub trait Exported: Sized + 'static {
    /// The file's name without extension (`customers`).
    const FILE: &'static str;
    const COLUMNS: &'static [ExportColumn<Self>];

    /// The header row in `lang`.
    fn headers(lang: HeaderLang) -> Vec<&'static str> {
        Self::COLUMNS.iter().map(|c| c.header(lang)).collect()
    }

    /// The cells of this record, in column order.
    fn cells(&self) -> Vec<String> {
        Self::COLUMNS.iter().map(|c| (c.cell)(self)).collect()
    }
}

const fn col<T>(zh: &'static str, en: &'static str, cell: fn(&T) -> String) -> ExportColumn<T> {
    ExportColumn { zh, en, cell }
}

fn opt<V: ToString>(v: &Option<V>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn yes_no(active: bool) -> String {
    if active { "active" } else { "inactive" }.to_owned()
}

impl Exported for CustomerView {
    const FILE: &'static str = "customers";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("客户编号", "Code", |c| c.code.clone()),
        col("客户名称", "Name", |c| c.name.clone()),
        col("客户类型", "Kind", |c| c.kind.as_str().to_owned()),
        col("电话", "Phone", |c| c.phone.clone()),
        col("备用电话", "Alternative phone", |c| opt(&c.alt_phone)),
        col("邮箱", "Email", |c| opt(&c.email)),
        col("省份", "Province", |c| c.province.clone()),
        col("城市", "City", |c| opt(&c.city)),
        col("区县", "County", |c| opt(&c.county)),
        col("地址", "Address", |c| opt(&c.address)),
        col("纬度", "Latitude", |c| opt(&c.lat)),
        col("经度", "Longitude", |c| opt(&c.lon)),
        col("备注", "Notes", |c| opt(&c.notes)),
        col("状态", "Status", |c| yes_no(c.active)),
    ];
}

impl Exported for MachineView {
    const FILE: &'static str = "machines";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("出厂编号", "Serial number", |m| m.serial_number.clone()),
        col("型号编码", "Model code", |m| m.model_code.clone()),
        col("型号名称", "Model name", |m| m.model_name.clone()),
        col("类别", "Category", |m| m.category.as_str().to_owned()),
        col("客户名称", "Customer", |m| m.customer_name.clone()),
        col("销售日期", "Sale date", |m| opt(&m.sale_date)),
        col("保修截止", "Warranty end", |m| opt(&m.warranty_end)),
        // The 三包 end with its extension for repairs, as every page shows it
        // (computed, so an import reads past it).
        col("实际三包截止", "三包 end with extension", |m| {
            opt(&m.warranty.effective_end)
        }),
        col("延保截止", "Extended warranty end", |m| {
            opt(&m.extended_warranty_end)
        }),
        col("发动机小时", "Engine hours", |m| opt(&m.engine_hours)),
        col("状态", "Status", |m| m.status.as_str().to_owned()),
        col("备注", "Notes", |m| opt(&m.notes)),
        col("启用", "Active", |m| yes_no(m.active)),
    ];
}

impl Exported for ProductModelView {
    const FILE: &'static str = "product-models";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("型号编码", "Code", |p| p.code.clone()),
        col("型号名称", "Name", |p| p.name.clone()),
        col("类别", "Category", |p| p.category.as_str().to_owned()),
        col("保修月数", "Warranty months", |p| {
            p.warranty_months.to_string()
        }),
        col("技术参数", "Parameters", |p| {
            p.params
                .iter()
                .map(|x| format!("{}={}", x.key, x.value))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        col("状态", "Status", |p| yes_no(p.active)),
    ];
}

impl Exported for DealerView {
    const FILE: &'static str = "dealers";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("经销商编号", "Code", |d| d.code.clone()),
        col("经销商名称", "Name", |d| d.name.clone()),
        col("销售区域", "Sales region", |d| d.region.clone()),
        col("联系人", "Contact", |d| opt(&d.contact_name)),
        col("联系电话", "Contact phone", |d| opt(&d.contact_phone)),
        col("地址", "Address", |d| opt(&d.address)),
        col("状态", "Status", |d| yes_no(d.active)),
    ];
}

impl Exported for EngineerView {
    const FILE: &'static str = "engineers";
    const COLUMNS: &'static [ExportColumn<Self>] = &[
        col("登录名", "Login", |e| e.username.clone()),
        col("姓名", "Name", |e| e.display_name.clone()),
        col("技能", "Skills", |e| {
            e.skills
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        }),
        col("驻地", "Home base", |e| opt(&e.home_base)),
        col("电话", "Phone", |e| opt(&e.phone)),
        col("可派工", "Available", |e| {
            if e.active { "yes" } else { "no" }.to_owned()
        }),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_language_follows_the_preference_order() {
        let lang = HeaderLang::from_accept_language;
        assert_eq!(lang(Some("en-US,en;q=0.9")), HeaderLang::En);
        assert_eq!(lang(Some("zh-CN,zh;q=0.9,en;q=0.8")), HeaderLang::Zh);
        assert_eq!(lang(Some("fr, en;q=0.5, zh;q=0.7")), HeaderLang::Zh);
        assert_eq!(lang(Some("zh;q=0, en")), HeaderLang::En);
        assert_eq!(lang(Some("fr")), HeaderLang::Zh);
        assert_eq!(lang(None), HeaderLang::Zh);
    }

    #[test]
    fn every_column_is_named_in_both_languages_once() {
        fn check<T: Exported>() {
            for lang in [HeaderLang::Zh, HeaderLang::En] {
                let h = T::headers(lang);
                let mut unique = h.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), h.len(), "{} {lang:?}", T::FILE);
                assert!(h.iter().all(|x| !x.is_empty()));
            }
        }
        check::<CustomerView>();
        check::<MachineView>();
        check::<ProductModelView>();
        check::<DealerView>();
        check::<EngineerView>();
    }
}
