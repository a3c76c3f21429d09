//! What every handler can reach: the store, the token keys, the configuration.

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use furrow_store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub jwt: Arc<JwtKeys>,
    pub config: Arc<Config>,
    /// API clients' rate limits and usage counts (per instance).
    pub traffic: Arc<crate::client_traffic::ClientTraffic>,
}
