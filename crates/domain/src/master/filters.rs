//! The filters of the master record lists, written once: the API reads them
//! from the query string (and documents them from these comments), the web
//! app writes them into it, the store turns them into conditions.

use super::{CustomerKind, MachineCategory, MachineStatus, WarrantyStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Filters of `GET /customers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CustomerFilters {
    /// Part of the name, phone or code (Chinese or Latin).
    pub q: Option<String>,
    /// Province.
    pub province: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub kind: Option<CustomerKind>,
    pub active: Option<bool>,
    /// Only customers changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// Filters of `GET /product-models`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ProductModelFilters {
    /// Part of the code or name.
    pub q: Option<String>,
    pub category: Option<MachineCategory>,
    pub active: Option<bool>,
    /// Only models changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// Filters of `GET /machines`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MachineFilters {
    /// Part of the serial number, or of the owner's name, phone or code.
    pub q: Option<String>,
    pub dealer_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub category: Option<MachineCategory>,
    pub status: Option<MachineStatus>,
    /// Warranty today: in 三包 (with the extension for repairs), in the
    /// extended warranty, expired, or unknown.
    pub warranty: Option<WarrantyStatus>,
    pub active: Option<bool>,
    /// Only machines changed at or after this time, oldest change first (for sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// Filters of `GET /engineers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EngineerFilters {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Only engineers qualified for this category.
    pub skill: Option<MachineCategory>,
    /// Only engineers available (`true`) or not.
    pub active: Option<bool>,
}

/// The filters of a list that has none of its own (dealers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct NoFilters {}
