//! The filters of the parts lists, written once: the API reads them from the
//! query string (and documents them from these comments), the web app writes
//! them into it, the store turns them into conditions.

use super::{MovementKind, PartCategory, ReferenceKind, WarehouseKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Filters of `GET /parts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PartFilters {
    /// Part of the number, name or spec (Chinese or Latin).
    pub q: Option<String>,
    pub category: Option<PartCategory>,
    /// Only parts that fit this product model.
    pub model_id: Option<Uuid>,
    pub active: Option<bool>,
    /// Only parts changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// Filters of `GET /warehouses`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct WarehouseFilters {
    /// Part of the code or name.
    pub q: Option<String>,
    pub kind: Option<WarehouseKind>,
    pub dealer_id: Option<Uuid>,
    pub active: Option<bool>,
}

/// Filters of `GET /stock`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StockFilters {
    pub warehouse_id: Option<Uuid>,
    pub part_id: Option<Uuid>,
    pub category: Option<PartCategory>,
    /// Part of the part's number, name or spec.
    pub q: Option<String>,
    /// Only the levels of parts whose total on hand, over every warehouse,
    /// is below their reorder point (`true`), or not (`false`).
    pub below_reorder: Option<bool>,
    /// Include levels at zero (default: only what is on the shelves).
    pub include_empty: Option<bool>,
}

/// Filters of `GET /stock-movements` (newest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MovementFilters {
    pub part_id: Option<Uuid>,
    pub warehouse_id: Option<Uuid>,
    pub kind: Option<MovementKind>,
    pub reference_kind: Option<ReferenceKind>,
    /// The referenced record's id.
    pub reference_id: Option<Uuid>,
    /// The reference's number (a delivery note, `WO-2026-000123`), exactly.
    pub reference_number: Option<String>,
    /// Movements at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Movements before this time.
    pub to: Option<DateTime<Utc>>,
}
