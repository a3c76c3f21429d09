//! Printable labels (标识) for the shelves: one per part of the catalog, or
//! one per part at its bin in a warehouse, each with a QR code of the part
//! number, so a phone's scanner reads what the label says (POLICY.md: the
//! parts department stores parts by class, with labels: 分类存放, 标识).

use super::{PartView, StockLevelView};
use crate::page::MAX_PAGE_SIZE;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most labels one sheet holds: one page of the list it is made from.
/// A larger selection is refused, so the clerk prints by warehouse, bin
/// range or category rather than waiting for a thousand-label page.
pub const MAX_LABELS: u64 = MAX_PAGE_SIZE;

/// One label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartLabel {
    pub part_id: Uuid,
    /// Printed large, and what the QR code holds.
    pub part_number: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    /// The warehouse, on a bin label.
    pub warehouse_code: Option<String>,
    /// The bin (库位), on a bin label whose part has one.
    pub bin: Option<String>,
    /// The QR code of the part number as an SVG image, drawn by the server.
    pub qr_svg: String,
}

/// What a QR code on a part's label holds: the part number, nothing else,
/// so any scanner (the warehouse's or a phone's) reads the number.
pub fn qr_text(part_number: &str) -> &str {
    part_number.trim()
}

impl PartLabel {
    /// The label of a part of the catalog.
    pub fn of_part(p: &PartView, qr_svg: String) -> Self {
        Self {
            part_id: p.id,
            part_number: p.part_number.clone(),
            name: p.name.clone(),
            spec: p.spec.clone(),
            unit: p.unit.clone(),
            warehouse_code: None,
            bin: None,
            qr_svg,
        }
    }

    /// The label of a part where it is shelved in a warehouse.
    pub fn of_level(l: &StockLevelView, qr_svg: String) -> Self {
        Self {
            part_id: l.part_id,
            part_number: l.part_number.clone(),
            name: l.part_name.clone(),
            spec: l.spec.clone(),
            unit: l.unit.clone(),
            warehouse_code: Some(l.warehouse_code.clone()),
            bin: l.bin.clone(),
            qr_svg,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_holds_the_part_number_alone() {
        assert_eq!(qr_text(" HX-2034-01 "), "HX-2034-01");
    }
}
