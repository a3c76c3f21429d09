//! `Authenticated`: the bearer token checked, and the token's session (`sid`)
//! and the user's current roles and active flag looked up on every request,
//! through the store's caches (`furrow_store::ttl_cache`): signing out, a
//! password change or reset, a replayed refresh token, deactivation and role
//! changes made through this server apply to the next request, those made
//! elsewhere within its 2 s, not when the 15-minute token expires.
//!
//! An API client's token (client credentials, `POST /oauth/token`) carries
//! its scopes; the client is looked up the same way (revoking it ends its
//! tokens at once here, within 2 s elsewhere), acts in its one role bound to
//! its dealer, and each check below also asks the permission table's scope
//! rows (`access::scope_reads`...): a scope narrows the role, never widens it.
//! Each call with a client's token spends one request of the client's rate
//! limit (`client_traffic`); over it, the call answers 429.

use crate::client_traffic::ClientCall;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::HttpMessage;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use furrow_domain::access::{self, Action, RecordKind};
use furrow_domain::api_clients::{ClientScope, parse_scope_string};
use furrow_domain::api_limits::ApiLimits;
use furrow_domain::auth::Actor;
use furrow_domain::error::DomainError;
use furrow_domain::service::commands::Command;
use furrow_domain::users::UserView;
use futures_util::future::LocalBoxFuture;

/// The signed-in user making the request.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub actor: Actor,
    pub user: UserView,
    /// For an API client's token: the scopes it holds (those granted in the
    /// token that the client still has). `None` for a person.
    pub scopes: Option<Vec<ClientScope>>,
}

/// The permission table (`furrow_domain::access`) enforced: every handler
/// asks one of these before it reads, commands or changes master data, and
/// the store's scoped loaders answer 404 for a record outside the actor's
/// scope.
impl Authenticated {
    /// 403 unless the table lets the user read records of `kind` at all.
    pub fn require_view(&self, kind: RecordKind) -> Result<(), ApiError> {
        if access::sees(&self.actor, kind)
            && self
                .scopes
                .as_deref()
                .is_none_or(|s| access::scope_reads(s, kind))
        {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "your roles do not allow reading {kind} records"
            )))
        }
    }

    /// 403 unless the table lets the user take the master `action` on
    /// records of `kind` (those it sees: the store's loaders keep to them).
    pub fn require_action(&self, kind: RecordKind, action: Action) -> Result<(), ApiError> {
        if access::may(&self.actor, kind, action)
            && self
                .scopes
                .as_deref()
                .is_none_or(|s| access::scope_takes(s, kind, action))
        {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "your roles do not allow this ({action} on {kind} records)"
            )))
        }
    }

    /// 403 unless the table lets the user give `command` on some record.
    pub fn require_command(&self, command: Command) -> Result<(), ApiError> {
        if access::may_give(&self.actor, command)
            && self
                .scopes
                .as_deref()
                .is_none_or(|s| access::scope_gives(s, command))
        {
            Ok(())
        } else {
            Err(DomainError::Forbidden(command).into())
        }
    }

    /// 403 unless the caller may follow the change feed: any person (the
    /// feed shows what their roles see), a client only with `events_read`.
    pub fn require_feed(&self) -> Result<(), ApiError> {
        if self
            .scopes
            .as_deref()
            .is_none_or(access::scope_follows_feed)
        {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "the token's scopes do not include events_read".into(),
            ))
        }
    }
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let http = req.clone();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let token = token.ok_or_else(|| {
                ApiError::Unauthorized(
                    "send an access token as Authorization: Bearer <token>".into(),
                )
            })?;
            let claims = state.jwt.verify(&token).map_err(|e| {
                ApiError::Unauthorized(format!("the access token is not valid ({e})"))
            })?;
            if let Some(granted) = &claims.scope {
                let ended = || {
                    ApiError::Unauthorized(
                        "the API client is revoked or gone; ask its administrator".into(),
                    )
                };
                if claims.sub != claims.sid {
                    return Err(ended());
                }
                let (actor, user, held) =
                    furrow_store::api_clients::principal(&state.store, claims.sub)
                        .await?
                        .ok_or_else(ended)?;
                let limits = furrow_store::settings::cached::<ApiLimits>(&state.store)
                    .await?
                    .0;
                let verdict = state.traffic.check(&limits, claims.sub);
                let (Ok(limit) | Err(limit)) = verdict;
                http.extensions_mut().insert(ClientCall {
                    client: claims.sub,
                    state: limit,
                });
                if verdict.is_err() {
                    return Err(ApiError::TooManyRequests {
                        retry_after_secs: i64::try_from(limit.retry_after_secs).unwrap_or(i64::MAX),
                        detail: format!(
                            "this API client made more than its {} requests a minute (bursts of {}); \
                             wait as Retry-After says",
                            limits.client_requests_per_minute, limits.client_burst
                        ),
                    });
                }
                let scopes = parse_scope_string(granted)
                    .into_iter()
                    .filter(|s| held.contains(s))
                    .collect();
                return Ok(Authenticated {
                    actor,
                    user,
                    scopes: Some(scopes),
                });
            }
            let (actor, user) =
                furrow_store::sessions::principal(&state.store, claims.sub, claims.sid)
                    .await?
                    .ok_or_else(|| {
                        ApiError::Unauthorized(
                            "the session has ended (signed out, password changed, or account \
                             deactivated); sign in again"
                                .into(),
                        )
                    })?;
            Ok(Authenticated {
                actor,
                user,
                scopes: None,
            })
        })
    }
}
