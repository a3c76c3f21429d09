//! Dealers (经销商): the companies that sell the machines and report problems
//! for their customers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A dealer as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealerView {
    pub id: Uuid,
    /// Short unique code (`D-HLJ-01`).
    pub code: String,
    pub name: String,
    /// Sales region (province).
    pub region: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /dealers` and `PUT /dealers/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DealerInput {
    #[cfg_attr(feature = "openapi", schema(example = "D-HLJ-02"))]
    pub code: String,
    pub name: String,
    /// Sales region (province).
    pub region: String,
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

impl DealerInput {
    pub fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
        let mut v = crate::validation::Validator::new();
        v.required("code", &self.code)
            .max_chars("code", &self.code, 32);
        v.required("name", &self.name)
            .max_chars("name", &self.name, 200);
        v.required("region", &self.region)
            .max_chars("region", &self.region, 100);
        if let Some(p) = crate::master::clean(&self.contact_phone) {
            crate::master::check_phone(&mut v, "contact_phone", &p);
        }
        v.finish()
    }
}
