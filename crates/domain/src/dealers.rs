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
        v.required_text("code", &self.code, 32)
            .required_text("name", &self.name, 200)
            .required_text("region", &self.region, 100);
        crate::master::check_optional_phone(&mut v, "contact_phone", &self.contact_phone);
        v.finish()
    }
}

/// A machine or service request named a dealer other than its customer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a machine belongs to its owner's dealer; change the owner's dealer instead")]
pub struct NotTheOwnersDealer;

/// The dealer a customer's machine or service request belongs to, and so the
/// one dealer that sees it (DESIGN §6): always its customer's dealer. A
/// record never keeps a dealer of its own: when a machine changes owner, or a
/// customer changes dealer, its records move with the customer, so no dealer
/// keeps seeing a customer it no longer serves. `named` is the dealer an input
/// gave, which may only confirm the customer's.
pub fn owning_dealer(
    customer_dealer: Option<Uuid>,
    named: Option<Uuid>,
) -> Result<Option<Uuid>, NotTheOwnersDealer> {
    match named {
        Some(d) if Some(d) != customer_dealer => Err(NotTheOwnersDealer),
        _ => Ok(customer_dealer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_belongs_to_its_customers_dealer() {
        let a = Uuid::from_u128(1);
        assert_eq!(owning_dealer(Some(a), None), Ok(Some(a)));
        assert_eq!(owning_dealer(Some(a), Some(a)), Ok(Some(a)));
        assert_eq!(owning_dealer(None, None), Ok(None));
    }

    #[test]
    fn a_record_cannot_name_a_dealer_other_than_its_customers() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(owning_dealer(Some(a), Some(b)), Err(NotTheOwnersDealer));
        assert_eq!(owning_dealer(None, Some(b)), Err(NotTheOwnersDealer));
    }
}
