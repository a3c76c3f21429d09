//! `Authenticated`: the bearer token checked, and the token's session (`sid`)
//! and the user's current roles and active flag looked up on every request,
//! through the store's caches (`furrow_store::ttl_cache`): signing out, a
//! password change or reset, a replayed refresh token, deactivation and role
//! changes made through this server apply to the next request, those made
//! elsewhere within its 2 s, not when the 15-minute token expires.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use furrow_domain::access::{self, Action, RecordKind};
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
}

/// The permission table (`furrow_domain::access`) enforced: every handler
/// asks one of these before it reads, commands or changes master data, and
/// the store's scoped loaders answer 404 for a record outside the actor's
/// scope.
impl Authenticated {
    /// 403 unless the table lets the user read records of `kind` at all.
    pub fn require_view(&self, kind: RecordKind) -> Result<(), ApiError> {
        if access::sees(&self.actor, kind) {
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
        if access::may(&self.actor, kind, action) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "your roles do not allow this ({action} on {kind} records)"
            )))
        }
    }

    /// 403 unless the table lets the user give `command` on some record.
    pub fn require_command(&self, command: Command) -> Result<(), ApiError> {
        if access::may_give(&self.actor, command) {
            Ok(())
        } else {
            Err(DomainError::Forbidden(command).into())
        }
    }
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
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
            Ok(Authenticated { actor, user })
        })
    }
}
