//! `POST /oauth/token`: the client-credentials grant (RFC 6749 §4.4) for API
//! clients. Its answers, errors included, are in RFC 6749's shape (§5.1,
//! §5.2), not problem+json, so off-the-shelf OAuth clients read them.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use furrow_domain::api_clients::{
    ClientCredentialsForm, ClientTokenResponse, OAuthError, requested_scopes, scope_string,
};
use furrow_domain::auth::ACCESS_TOKEN_TTL_SECONDS;
use furrow_store::api_clients::{self, Refusal};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(token);
}

/// An RFC 6749 §5.2 error; `basic` adds the `WWW-Authenticate` challenge a
/// client that tried HTTP Basic must get with 401.
fn oauth_error(status: StatusCode, error: &str, description: &str, basic: bool) -> HttpResponse {
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"));
    if basic {
        res.insert_header((
            header::WWW_AUTHENTICATE,
            r#"Basic realm="furrow", charset="UTF-8""#,
        ));
    }
    res.json(OAuthError {
        error: error.into(),
        error_description: description.into(),
    })
}

fn invalid_request(description: &str) -> HttpResponse {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        description,
        false,
    )
}

/// The form's parameters, each at most once (RFC 6749 §3.2).
fn parameters(body: &[u8]) -> Result<Vec<(String, String)>, &'static str> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| "the body is not a URL-encoded form")?;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(p, _)| p == k) {
            return Err("a parameter is repeated");
        }
    }
    Ok(pairs)
}

/// HTTP Basic credentials (RFC 6749 §2.3.1: each part form-URL-encoded).
/// `Some(Err)` when the header is Basic but malformed.
fn basic_credentials(req: &HttpRequest) -> Option<Result<(String, String), ()>> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let unescape = |s: &str| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}"))
            .ok()
            .and_then(|v| v.into_iter().next().map(|(_, v)| v))
    };
    Some(
        decoded
            .as_deref()
            .and_then(|d| d.split_once(':'))
            .and_then(|(id, secret)| Some((unescape(id)?, unescape(secret)?)))
            .ok_or(()),
    )
}

/// Issues an access token to an API client (client credentials).
///
/// Send `grant_type=client_credentials` (and optionally `scope`, a
/// space-separated subset of the client's scopes) as
/// `application/x-www-form-urlencoded`, authenticating by HTTP Basic
/// (`client_id:client_secret`) or by the `client_id` and `client_secret`
/// fields, not both. The token is the same short-lived bearer token people
/// get (15 minutes; ask again when it expires, there is no refresh token),
/// carries the granted scopes and acts in the client's role and dealer; the
/// client is checked on every request, so revoking it ends its tokens.
/// A client with address ranges gets tokens only from inside them.
///
/// Errors (RFC 6749 §5.2, `Cache-Control: no-store`): `invalid_request`
/// (not a form, a repeated or missing parameter, both ways of client
/// authentication), `invalid_client` (401: unknown client, wrong or expired
/// secret, revoked, outside its ranges; with `WWW-Authenticate` when HTTP
/// Basic was used), `invalid_grant` (the client's dealer is deactivated),
/// `unsupported_grant_type`, `invalid_scope`.
#[utoipa::path(tag = "auth", security(()),
    request_body(content = ClientCredentialsForm, content_type = "application/x-www-form-urlencoded"),
    responses(
    (status = 200, description = "A token", body = ClientTokenResponse, headers(("Cache-Control" = String, description = "`no-store`"))),
    (status = 400, description = "`invalid_request`, `invalid_grant`, `unsupported_grant_type` or `invalid_scope`", body = OAuthError),
    (status = 401, description = "`invalid_client`", body = OAuthError,
        headers(("WWW-Authenticate" = String, description = "`Basic` challenge, when HTTP Basic was used"))),
))]
#[post("/oauth/token")]
async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form {
        return Ok(invalid_request(
            "send the body as application/x-www-form-urlencoded",
        ));
    }
    let params = match parameters(&body) {
        Ok(p) => p,
        Err(e) => return Ok(invalid_request(e)),
    };
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    match param("grant_type") {
        None => return Ok(invalid_request("grant_type is missing")),
        Some("client_credentials") => {}
        Some(_) => {
            return Ok(oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only client_credentials is supported",
                false,
            ));
        }
    }
    let basic = basic_credentials(&req);
    let in_form = (param("client_id"), param("client_secret"));
    let (id, secret, by_basic) = match (basic, in_form) {
        (Some(_), (_, Some(_))) => {
            return Ok(invalid_request(
                "authenticate by HTTP Basic or by the form fields, not both",
            ));
        }
        (Some(Ok((id, secret))), _) => (id, secret, true),
        (Some(Err(())), _) => {
            return Ok(oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "malformed HTTP Basic credentials",
                true,
            ));
        }
        (None, (Some(id), Some(secret))) => (id.to_owned(), secret.to_owned(), false),
        (None, (Some(_), None)) => return Ok(invalid_request("client_secret is missing")),
        (None, (None, _)) => {
            return Ok(oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "authenticate the client by HTTP Basic or client_id and client_secret",
                true,
            ));
        }
    };
    let ip = crate::routes::auth::client_ip(&req);
    let client = match api_clients::authenticate(&state.store, &id, &secret, ip).await? {
        Ok(c) => c,
        Err(Refusal::DealerInactive) => {
            return Ok(oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                "the dealer this client acts for is deactivated",
                false,
            ));
        }
        Err(why) => {
            tracing::info!(client_id = %id, ?why, "client authentication refused");
            return Ok(oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "unknown client, wrong secret, revoked, or not allowed from this address",
                by_basic,
            ));
        }
    };
    let scopes = match requested_scopes(param("scope"), &client.scopes) {
        Ok(s) => s,
        Err(e) => {
            return Ok(oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                &e.0,
                false,
            ));
        }
    };
    let scope = scope_string(&scopes);
    tracing::info!(client_id = %client.id, %scope, "client token issued");
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(ClientTokenResponse {
            access_token: state.jwt.issue_client(client.id, scope.clone()),
            token_type: "Bearer".into(),
            expires_in: ACCESS_TOKEN_TTL_SECONDS,
            scope,
        }))
}
