//! The audit trail: every command on every record, who did it and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One recorded command on one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    pub id: Uuid,
    /// When the command was applied (server clock).
    pub at: DateTime<Utc>,
    /// Who applied it; absent for the system itself.
    pub actor_id: Option<Uuid>,
    /// The actor's login name at the time (`system` for the system).
    pub actor_name: String,
    /// The kind of record (`user`, `customer`, `service_request`...).
    pub entity_type: String,
    pub entity_id: Uuid,
    /// The command (`created`, `updated`, `deactivated`, `dispatched`...).
    pub action: String,
    /// What changed: field names with their old and new values, or the command's inputs.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: serde_json::Value,
}
